{#- The paths of the files matching file_glob, sorted. Listing files is engine-specific. -#}
{% macro gdelt_list_files(file_glob) -%}
    {{ return(adapter.dispatch('gdelt_list_files', 'friction')(file_glob)) }}
{%- endmacro %}

{% macro default__gdelt_list_files(file_glob) -%}
    {{ exceptions.raise_compiler_error(
        "Listing GDELT export files is implemented for DuckDB, Postgres and Spark, not for "
        ~ target.type ~ " (see docs/engines.md).") }}
{%- endmacro %}

{% macro duckdb__gdelt_list_files(file_glob) -%}
    {%- set listing -%}
        select file from glob({{ string_literal(file_glob) }}) order by file
    {%- endset -%}
    {{ return(run_query(listing).columns[0].values() | list) }}
{%- endmacro %}

{#- Postgres lists the folder on the database server (pg_ls_dir): it must be absolute. -#}
{% macro postgres__gdelt_list_files(file_glob) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set folder, pattern = file_glob.rsplit('/', 1) -%}
    {%- if not folder.startswith('/') -%}
        {{ exceptions.raise_compiler_error(
            "On Postgres the database server reads the GDELT files: set FRICTION_GDELT_DIR to "
            ~ "an absolute path on the server (got " ~ folder ~ ").") }}
    {%- endif -%}
    {%- set listing -%}
        select {{ string_literal(folder ~ '/') }} || file_name
        from pg_ls_dir({{ string_literal(folder) }}) as listed (file_name)
        where file_name like {{ string_literal(pattern.replace('*', '%')) }}
        order by file_name
    {%- endset -%}
    {{ return(run_query(listing).columns[0].values() | list) }}
{%- endmacro %}

{#- Spark lists the folder with its binaryFile source (the content column is not read). -#}
{% macro spark__gdelt_list_files(file_glob) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set listing -%}
        select listed.path from binaryfile.`{{ file_glob }}` as listed order by listed.path
    {%- endset -%}
    {{ return(run_query(listing).columns[0].values() | list) }}
{%- endmacro %}

{#- When this dbt invocation started, as a SQL timestamp: the loaded_at of every row it loads. -#}
{% macro load_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- The number of this build's load in base_gdelt__export_files (1 on a full build): one more
    than the last load's. Loads are ordered by this number, never by their loaded_at: a clock
    set back between two builds (or ahead on an earlier one) cannot make a new load look old. -#}
{% macro next_load_number(relation) -%}
    {%- if not execute or not is_incremental()
        or 'load_number' not in gdelt_record_columns(relation) -%}
        {{ return(1) }}
    {%- endif -%}
    {%- set found = run_query(
        'select max(previous.load_number) from ' ~ relation ~ ' as previous'
        ).columns[0].values()[0] -%}
    {{ return((found or 0) | int + 1) }}
{%- endmacro %}

{#- The column names of the load record (lower case; none when it is not built). -#}
{% macro gdelt_record_columns(record_relation) -%}
    {%- if not execute or record_relation is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if load_relation(record_relation) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(adapter.get_columns_in_relation(record_relation)
        | map(attribute='name') | map('lower') | list) }}
{%- endmacro %}

{#- The load record, base_gdelt__export_files, as a relation (found in dbt's graph). -#}
{% macro gdelt_record_relation() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set record = graph.nodes.values()
        | selectattr('name', 'equalto', 'base_gdelt__export_files') | first -%}
    {{ return(api.Relation.create(
        database=record.database, schema=record.schema, identifier=record.alias)) }}
{%- endmacro %}

{#- The loaded_at of the latest load (the highest load_number; loads recorded before load
    numbers existed count as older, among themselves by loaded_at), as a string; none before
    the first load. -#}
{% macro latest_load_timestamp() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set record_relation = gdelt_record_relation() -%}
    {%- set columns = gdelt_record_columns(record_relation) -%}
    {%- if 'loaded_at' not in columns -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set order = ('coalesce(latest.load_number, 0) desc, ' if 'load_number' in columns
        else '') ~ 'latest.loaded_at desc' -%}
    {%- set latest = run_query(
        'select ' ~ dbt.cast('latest.loaded_at', dbt.type_string()) ~ ' from '
        ~ record_relation ~ ' as latest order by ' ~ order ~ ' limit 1').columns[0].values() -%}
    {{ return(latest[0] if latest | length > 0 else none) }}
{%- endmacro %}

{#- Which rows of the model's input the current build has to process, as a SQL condition on
    loaded_at with constants only (looked up when the model compiles, so that the engine skips
    older batches of the event layer from their Parquet statistics): every row when the table
    has no rows meeting `condition`; else the rows loaded after its newest loaded_at, or, when
    the latest load is not after it (an earlier build's clock ran ahead), every row from the
    latest load's loaded_at on: recomputing a month already processed gives the same rows. -#}
{% macro unprocessed_loads_condition(relation, condition='1 = 1') -%}
    {%- if not execute -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {%- set previous = run_query(
        'select ' ~ dbt.cast('max(previous.loaded_at)', dbt.type_string()) ~ ' from '
        ~ relation ~ ' as previous where ' ~ condition).columns[0].values()[0] -%}
    {%- set latest = latest_load_timestamp() -%}
    {%- if previous is none -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {%- set previous_sql = dbt.safe_cast("'" ~ previous ~ "'", dbt.type_timestamp()) -%}
    {%- if latest is none -%}
        {{ return('loaded_at > ' ~ previous_sql) }}
    {%- endif -%}
    {%- set latest_sql = dbt.safe_cast("'" ~ latest ~ "'", dbt.type_timestamp()) -%}
    {%- set is_after = run_query(
        'select case when ' ~ latest_sql ~ ' > ' ~ previous_sql ~ " then 'yes' else 'no' end"
        ).columns[0].values()[0] -%}
    {{ return('loaded_at > ' ~ previous_sql if is_after == 'yes'
        else 'loaded_at >= ' ~ latest_sql) }}
{%- endmacro %}

{#- The values of a text column joined by a delimiter in ascending order (an aggregate).
    dbt.listagg with an order by, except on Spark, whose listagg cannot order. -#}
{% macro listagg_sorted(column, delimiter_text) -%}
    {{ return(adapter.dispatch('listagg_sorted', 'friction')(column, delimiter_text)) }}
{%- endmacro %}

{% macro default__listagg_sorted(column, delimiter_text) -%}
    {{ return(dbt.listagg(column, delimiter_text, 'order by ' ~ column)) }}
{%- endmacro %}

{% macro spark__listagg_sorted(column, delimiter_text) -%}
    {{ return('array_join(array_sort(collect_list(' ~ column ~ ')), ' ~ delimiter_text ~ ')') }}
{%- endmacro %}

{#- Pre-hook of the incremental models that apply the noise rules: on an incremental build,
    delete the rows computed under other rules or another country list, so they are computed
    again (the model then sees an emptier table and processes everything it lost). -#}
{% macro delete_rows_of_other_noise_rules() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where noise_rules_key <> (
            select noise_rules_key from {{ ref('int_gdelt_noise_rules_keyed') }}
        )
    {%- endif -%}
{%- endmacro %}

{#- How the GDELT models keyed by event id or by month are materialized: incremental
    delete+insert where the engine has it (DuckDB, Postgres). dbt-spark merges only into
    Delta, Iceberg or Hudi tables, so on Spark (plain Parquet tables) they are rebuilt as tables
    from the incrementally appended export rows. -#}
{% macro upsert_materialization() -%}
    {{ return(adapter.dispatch('upsert_materialization', 'friction')()) }}
{%- endmacro %}

{% macro default__upsert_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__upsert_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- The months an incremental aggregation recomputes: the distinct months (as 'YYYY-MM-DD'
    strings, sorted) of the events in `relation` that meet `condition`, looked up when the model
    compiles, so that the model can bound its scan with constants and the engine skips the other
    months' rows of the event layer from their Parquet statistics (a bound read from a subquery
    is only known once the scan has started). None when every row is to be processed. -#}
{% macro gdelt_months_to_recompute(relation, condition) -%}
    {%- if not execute or condition == '1 = 1' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set months -%}
        select distinct {{ dbt.cast(month_start('event_date'), dbt.type_string()) }} as month_start
        from {{ relation }}
        where {{ condition }} and event_date is not null
        order by month_start
    {%- endset -%}
    {{ return(run_query(months).columns[0].values() | list) }}
{%- endmacro %}

{#- A filter on event_date and month_start_date for the months of gdelt_months_to_recompute
    (none: every month), with the months as date constants. -#}
{% macro gdelt_months_condition(month_list) -%}
    {%- if month_list is none -%}
        {{ return('1 = 1') }}
    {%- elif month_list | length == 0 -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {%- set dates = [] -%}
    {%- for month in month_list %}{% do dates.append(dbt.cast("'" ~ month ~ "'", 'date') | trim) %}{% endfor -%}
    {#- the month after the last, worked out here: a date constant, not an expression -#}
    {%- set year, month = month_list[-1][:4] | int, month_list[-1][5:7] | int -%}
    {%- set after = '%04d-%02d-01' | format(year + 1, 1) if month == 12
        else '%04d-%02d-01' | format(year, month + 1) -%}
    {{ return('event_date >= ' ~ dates[0]
        ~ ' and event_date < ' ~ dbt.cast("'" ~ after ~ "'", 'date') | trim
        ~ ' and month_start_date in (' ~ dates | join(', ') ~ ')') }}
{%- endmacro %}
