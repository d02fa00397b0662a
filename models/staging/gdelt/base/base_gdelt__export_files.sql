{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

{#- One row per GDELT export file ever loaded: its name, path, size, modification time and
    MD5 when it was loaded. The history of what was loaded, independent of the raw folder: a
    file deleted later keeps its row (and its events stay loaded). A build loads the files of
    the folder that have no row yet (gdelt_new_files); a loaded file whose size or content
    changed stops the build with a clear message instead of being silently skipped.
    load_number orders the loads (loaded_at is the clock of the machine that built them, which
    may have been set wrong); a warehouse recorded before it gets the column with nulls.
    On DuckDB, event_batch_path names the Parquet batch of the event layer that holds the file's
    lines: this table is the list of batches that make up base_gdelt__export_rows. -#}
{%- set files = gdelt_new_files(this) %}
with

new_files as (

    {% if files | length > 0 -%}
        {{ gdelt_file_stats(files, with_md5=true) }}
    {%- else -%}
        select
            file_name,
            file_path,
            file_size_bytes,
            file_modified_at,
            file_md5
        from {{ this }}
        where 1 = 0
    {%- endif %}

),

final as (

    select
        file_name,
        file_path,
        file_size_bytes,
        file_modified_at,
        file_md5,
        {{ gdelt_event_batch_path() }} as event_batch_path,
        {{ load_timestamp() }} as loaded_at,
        {{ next_load_number(this) }} as load_number
    from new_files

)

select * from final
