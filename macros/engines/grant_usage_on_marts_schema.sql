{#- on-run-end: let the read-only BI role use the marts and history schemas. dbt's grants give
    it select on each mart; a Postgres role also needs usage on the schema to reach them.
    Other engines: nothing to do. -#}
{% macro grant_usage_on_marts_schema() -%}
    {{ return(adapter.dispatch('grant_usage_on_marts_schema', 'friction')()) }}
{%- endmacro %}

{% macro default__grant_usage_on_marts_schema() -%}
    {{ return('') }}
{%- endmacro %}

{% macro postgres__grant_usage_on_marts_schema() -%}
    {%- if execute -%}
        {%- for schema_name in ['marts', 'history'] if schema_name in schemas %}
            grant usage on schema {{ schema_name }} to
                {{ env_var('FRICTION_PG_READER_ROLE', 'friction_reader') }};
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
