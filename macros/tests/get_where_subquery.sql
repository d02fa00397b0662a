{#- dbt's get_where_subquery (how a data test reads its model, honouring the test's `where`
    config), plus one shorthand: `where: latest_load` tests only the rows of the latest load,
    `loaded_at = (select max(loaded_at) from <model>)`. The big incremental GDELT tables use it:
    after a full refresh every row has the same loaded_at, so every row is tested; after an
    incremental load the rows that build wrote are tested, and rows loaded earlier, already
    tested when they were loaded, are not read again. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where == 'latest_load' -%}
        {%- set where = 'loaded_at = (select max(latest.loaded_at) from ' ~ relation
            ~ ' as latest)' -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) as dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
