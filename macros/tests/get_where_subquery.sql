{#- dbt's get_where_subquery (how a data test reads its model, honouring the test's `where`
    config), plus one shorthand: `where: latest_load` tests only the rows of the latest GDELT
    load (the latest load recorded in base_gdelt__export_files). The big GDELT models use it: after a full refresh
    every row has the same loaded_at, so every row is tested; after an incremental load the
    rows that build wrote are tested, and rows loaded earlier, already tested when they were
    loaded, are not read again. The latest load is looked up first and written into the
    test as a constant, so that the engine can skip every other batch of the event layer from
    the Parquet statistics (a subquery there would make it read every row). -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where == 'latest_load' -%}
        {%- set where = latest_load_condition(relation) -%}
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

{#- `loaded_at = <the latest GDELT load>`: the loaded_at of the latest load recorded in
    base_gdelt__export_files (latest_load_timestamp: by load number, not by clock), the record
    of every load (false before the first load; a placeholder while dbt parses). Read from the
    record, a small table, rather than from the tested model: on a view over 50M events the
    lookup alone took 0.8 s a test. -#}
{% macro latest_load_condition(relation) -%}
    {%- if not execute -%}
        {{ return('loaded_at is not null') }}
    {%- endif -%}
    {#- (no record: compiled where nothing was built, by sqlfluff or dbt docs on a new file) -#}
    {%- set latest = latest_load_timestamp() -%}
    {%- if latest is none -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {{ return('loaded_at = ' ~ dbt.safe_cast("'" ~ latest ~ "'", dbt.type_timestamp())) }}
{%- endmacro %}
