{#- The GDELT event layer: where the lines of the export files are kept.

    On DuckDB the lines are not in the warehouse file. Each build that loads files writes their
    lines once, as a new, immutable batch of Parquet files in the event layer folder (by
    default <warehouse>_events/ next to the warehouse file), and base_gdelt__export_rows is a
    view over the batches that base_gdelt__export_files records. A build therefore copies and
    publishes a warehouse file that holds the marts and the small models only, whatever the
    number of events; a batch written by a build that failed is recorded nowhere, so no reader
    sees it (make build deletes it next time). On Postgres and Spark the lines are an
    incremental table in the database.

    A batch is three files, <event layer>/<load time>.<part>.parquet:
    - lines: the lines read_csv read, written straight from the reader in file order (one
      pass, the reader's speed), without their line numbers;
    - offsets: for each export file, the row of `lines` where its lines start, and whether
      read_csv rejected some of its lines. A line's number is its row in `lines` minus its
      file's start plus one (base_gdelt__export_rows computes it when it is read);
    - fixes: every line of the files that had rejected lines, numbered (their kept lines
      shifted past the rejected ones, and the rejected lines themselves with their reason);
      for those files these rows replace the ones of `lines`. -#}

{#- How base_gdelt__export_rows is materialized: Parquet batches on DuckDB, else appended to
    an incremental table. -#}
{% macro gdelt_rows_materialization() -%}
    {{ return(adapter.dispatch('gdelt_rows_materialization', 'friction')()) }}
{%- endmacro %}

{% macro default__gdelt_rows_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro duckdb__gdelt_rows_materialization() -%}
    {{ return('gdelt_parquet_batches') }}
{%- endmacro %}

{#- The folder of the event layer: env FRICTION_GDELT_EVENT_LAYER, else <database>_events next
    to the DuckDB file dbt writes (make build points it next to the published file). -#}
{% macro gdelt_event_layer_dir() -%}
    {%- set database_path = env_var('FRICTION_DUCKDB_PATH', 'dev.duckdb') -%}
    {%- set default_dir = modules.re.sub('[.]duckdb$', '', database_path) ~ '_events' -%}
    {{ return(env_var('FRICTION_GDELT_EVENT_LAYER', default_dir).rstrip('/')) }}
{%- endmacro %}

{#- The Parquet batch that holds the lines of the files this build loads, as a SQL value for
    base_gdelt__export_files (null where the lines are kept in the database). -#}
{% macro gdelt_event_batch_path() -%}
    {{ return(adapter.dispatch('gdelt_event_batch_path', 'friction')()) }}
{%- endmacro %}

{% macro default__gdelt_event_batch_path() -%}
    {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
{%- endmacro %}

{#- The path of this build's batch (without the part and .parquet). -#}
{% macro gdelt_event_batch() -%}
    {{ return(gdelt_event_layer_dir() ~ '/' ~ run_started_at.strftime('%Y%m%dT%H%M%S%f')) }}
{%- endmacro %}

{% macro duckdb__gdelt_event_batch_path() -%}
    {{ return(string_literal(gdelt_event_batch())) }}
{%- endmacro %}

{#- Whether base_gdelt__export_rows exists from an earlier build that this one adds to. -#}
{% macro gdelt_rows_loaded_before() -%}
    {%- if not execute or should_full_refresh() -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(load_relation(this) is not none) }}
{%- endmacro %}

{#- The batches of the event layer that base_gdelt__export_files records, sorted. -#}
{% macro gdelt_recorded_batches(files_relation) -%}
    {%- set recorded -%}
        select distinct event_batch_path from {{ files_relation }}
        where event_batch_path is not null
        order by event_batch_path
    {%- endset -%}
    {{ return(run_query(recorded).columns[0].values() | list) }}
{%- endmacro %}

{#- The files of one part of the recorded batches, as a DuckDB list literal. -#}
{% macro gdelt_batch_part_files(batches, part) -%}
    {%- set files = [] -%}
    {%- for batch in batches %}{% do files.append(batch ~ '.' ~ part ~ '.parquet') %}{% endfor -%}
    {{ return(string_list_literal(files)) }}
{%- endmacro %}

{#- DuckDB: base_gdelt__export_rows as Parquet batches (see the top of this file).
    1. when this build loads files, write their batch (gdelt_write_event_lines, then
       gdelt_write_event_fixes) to the path base_gdelt__export_files recorded for it;
    2. the model becomes a view over every recorded batch, numbering the lines as it reads
       them (a batch deleted by hand stops the build instead of silently losing events). -#}
{% materialization gdelt_parquet_batches, adapter='duckdb' %}
    {%- set files_relation = ref('base_gdelt__export_files') -%}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set batch_path = gdelt_event_batch() -%}
    {%- set batches = gdelt_recorded_batches(files_relation) -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {%- if batch_path in batches %}
        {% call statement('write_lines') -%}
            {{ gdelt_write_event_lines(sql, batch_path) }}
        {%- endcall %}
        {%- set rejects_tables = run_query(
            "select count(*) from duckdb_tables() where table_name = 'gdelt_export_reject_scans'"
            ).columns[0].values()[0] > 0 %}
        {% call statement('write_offsets_and_fixes') -%}
            {{ gdelt_write_event_fixes(batch_path, rejects_tables) }}
        {%- endcall %}
    {%- endif %}
    {%- if existing_relation is not none and existing_relation.type != 'view' -%}
        {{ adapter.drop_relation(existing_relation) }}
    {%- endif %}
    {% call statement('main') -%}
        create or replace view {{ target_relation }} as
        {% if batches -%}
            select export_lines.* exclude (file_row_number) replace (
                export_lines.file_row_number - line_offsets.first_row_number + 1 as line_number
            )
            from read_parquet(
                {{ gdelt_batch_part_files(batches, 'lines') }},
                file_row_number = true
            ) as export_lines
            inner join read_parquet({{ gdelt_batch_part_files(batches, 'offsets') }}) as line_offsets
                on export_lines.file_name = line_offsets.file_name
            where not line_offsets.has_rejected_lines
            union all by name
            select * from read_parquet({{ gdelt_batch_part_files(batches, 'fixes') }})
        {%- else -%}
            select * from ({{ sql }}) as export_rows where false
        {%- endif %}
    {%- endcall %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do adapter.commit() %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {% do persist_docs(target_relation, model) %}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{#- The `lines` of a batch (see the top of this file): the model's SQL (read_csv of the files
    this build loads) straight to Parquet, in the order the reader returns the lines. Parquet's
    default compression (snappy): zstd wrote 10M lines about 1 s slower, for disk not needed. -#}
{% macro gdelt_write_event_lines(rows_sql, batch_path) -%}
    -- (creates the event layer folder when it does not exist yet: COPY makes one level)
    copy (select 1 as row_number, 'none' as folder where false) to {{ string_literal(gdelt_event_layer_dir()) }} (
        format parquet, partition_by (folder), write_empty_file true, append
    );

    copy (
        {{ rows_sql }}
    ) to {{ string_literal(batch_path ~ '.lines.parquet') }} (format parquet)
{%- endmacro %}

{#- The `offsets` and `fixes` of a batch, once its `lines` are written (the statements; the
    queries are the three macros below). -#}
{% macro gdelt_write_event_fixes(batch_path, has_rejects_tables) -%}
    create or replace temp table gdelt_rejected_lines as
    {{ gdelt_rejected_lines(has_rejects_tables) }};

    {% if has_rejects_tables -%}
        drop table gdelt_export_rejects;
        drop table gdelt_export_reject_scans;
    {%- endif %}

    copy (
        {{ gdelt_batch_line_offsets(batch_path) }}
    ) to {{ string_literal(batch_path ~ '.offsets.parquet') }} (format parquet);

    copy (
        {{ gdelt_batch_fixes(batch_path) }}
    ) to {{ string_literal(batch_path ~ '.fixes.parquet') }} (format parquet);

    drop table gdelt_rejected_lines
{%- endmacro %}

{#- The lines read_csv rejected (its store_rejects tables, when it created them), one row per
    line with the first reason it has: the reader's (invalid UTF-8, or another read error), else
    none (the field count gives it); rows_read_before counts the kept lines before it. -#}
{% macro gdelt_rejected_lines(has_rejects_tables) -%}
{%- if not has_rejects_tables -%}
select
    cast(null as varchar) as file_name,
    cast(null as bigint) as line_number,
    cast(null as varchar) as raw_line,
    cast(null as bigint) as rows_read_before,
    cast(null as varchar) as read_error
where false
{%- else -%}
select
    parse_filename(reject_scans.file_path) as file_name,
    reject_errors.line as line_number,
    any_value(reject_errors.csv_line) as raw_line,
    reject_errors.line - row_number() over (
        partition by reject_scans.file_path order by reject_errors.line
    ) as rows_read_before,
    case
        when bool_or(reject_errors.error_type = 'INVALID ENCODING')
            then 'the line is not valid UTF-8'
        when not bool_and(reject_errors.error_type in ('MISSING COLUMNS', 'TOO MANY COLUMNS'))
            then concat('the line cannot be read: ', min(reject_errors.error_message))
    end as read_error
from gdelt_export_rejects as reject_errors
inner join gdelt_export_reject_scans as reject_scans
    on
        reject_errors.scan_id = reject_scans.scan_id
        and reject_errors.file_id = reject_scans.file_id
group by reject_scans.file_path, reject_errors.line
{%- endif -%}
{%- endmacro %}

{#- The `offsets` of a batch: per export file, the row of `lines` where its lines start, and
    whether read_csv rejected some of its lines (gdelt_rejected_lines). -#}
{% macro gdelt_batch_line_offsets(batch_path) -%}
{%- set lines_file = string_literal(batch_path ~ '.lines.parquet') -%}
select
    export_lines.file_name,
    min(export_lines.file_row_number) as first_row_number,
    export_lines.file_name in (
        select rejected.file_name from gdelt_rejected_lines as rejected
    ) as has_rejected_lines
from read_parquet({{ lines_file }}, file_row_number = true) as export_lines
group by export_lines.file_name
{%- endmacro %}

{#- The `fixes` of a batch: every line of the files with rejected lines, numbered. A kept line's
    number is its position among its file's kept lines plus the rejected lines before it;
    each rejected line comes once, quarantined with the reader's reason, else its field count. -#}
{% macro gdelt_batch_fixes(batch_path) -%}
{%- set lines_file = string_literal(batch_path ~ '.lines.parquet') -%}
{%- set offsets_file = string_literal(batch_path ~ '.offsets.parquet') -%}
with

kept_lines as (

    select
        export_lines.* exclude (file_row_number) replace (
            export_lines.file_row_number - line_offsets.first_row_number + 1 as line_number
        )
    from read_parquet({{ lines_file }}, file_row_number = true) as export_lines
    inner join read_parquet({{ offsets_file }}) as line_offsets
        on export_lines.file_name = line_offsets.file_name
    where line_offsets.has_rejected_lines

),

renumbered as (

    select
        kept_lines.* replace (
            kept_lines.line_number + (
                select count(*)
                from gdelt_rejected_lines as rejected
                where
                    rejected.file_name = kept_lines.file_name
                    and rejected.rows_read_before < kept_lines.line_number
            ) as line_number
        )
    from kept_lines

),

rejected_fields as (

    select
        *,
        len(string_split(raw_line, chr(9))) as field_count
    from gdelt_rejected_lines

),

rejected as (

    select
        file_name,
        line_number,
        raw_line,
        field_count,
        -- the reader's reason, else the field count's (long once rendered)
        coalesce(read_error, {{ gdelt_field_count_reason('field_count') }}) as rejection_reason, -- noqa: LT05
        {{ load_timestamp() }} as loaded_at
    from rejected_fields

)

select * from renumbered
union all by name
select * from rejected
{%- endmacro %}
