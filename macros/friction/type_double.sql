{#- A double-precision float on every engine (DuckDB's "float" is 4 bytes, too coarse for
    scores that must add up exactly). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'friction')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    {{ dbt.type_float() }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}
