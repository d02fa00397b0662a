{#- Use the custom schema name as is (raw, staging, intermediate, marts) so BI users see
    stable schema names, whatever the target's default schema is. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
