{#- A text value (a file path) as a SQL string literal, its quotes escaped, so that a path
    with an apostrophe reads as the path and never ends the string. -#}
{% macro string_literal(value) -%}
    {{ return(adapter.dispatch('string_literal', 'friction')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{#- Spark SQL escapes with a backslash. -#}
{% macro spark__string_literal(value) -%}
    {{ return("'" ~ (value | string | replace('\\', '\\\\') | replace("'", "\\'")) ~ "'") }}
{%- endmacro %}

{#- A list of text values as a DuckDB list literal: ['a', 'b']. -#}
{% macro string_list_literal(values) -%}
    {%- set literals = [] -%}
    {%- for value in values %}{% do literals.append(string_literal(value)) %}{% endfor -%}
    {{ return('[' ~ literals | join(', ') ~ ']') }}
{%- endmacro %}
