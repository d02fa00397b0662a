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

{#- The newest loaded_at of the rows of an incremental table that meet a condition, as a SQL
    constant (1900-01-01 when there are none): rows loaded after it are the ones the current
    build has to process. Looked up when the model compiles and written as a constant, so that
    the engine can skip older batches of the event layer from their Parquet statistics. -#}
{% macro previous_load_timestamp(relation, condition='1 = 1') -%}
    {%- set latest = none -%}
    {%- if execute -%}
        {%- set latest = run_query(
            'select max(previous.loaded_at) from ' ~ relation ~ ' as previous where '
            ~ condition).columns[0].values()[0] -%}
    {%- endif -%}
    {{ return(dbt.safe_cast("'" ~ (latest or '1900-01-01 00:00:00') ~ "'",
        dbt.type_timestamp())) }}
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
