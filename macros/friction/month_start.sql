{#- First day of the month of a date expression, as a date, on any engine. -#}
{% macro month_start(date_expression) -%}
    cast({{ dbt.date_trunc('month', date_expression) }} as date)
{%- endmacro %}
