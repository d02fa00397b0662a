{#- The time a snapshot stamps on the versions it opens and closes: the start of the dbt run,
    so every snapshot of one build records the same instant and a build is one timestamp in
    the history (dbt's default is each snapshot's own current_timestamp). -#}
{% macro duckdb__snapshot_get_time() -%}
    {{ friction_run_started_at() }}
{%- endmacro %}

{% macro postgres__snapshot_get_time() -%}
    {{ friction_run_started_at() }}
{%- endmacro %}

{% macro friction_run_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
