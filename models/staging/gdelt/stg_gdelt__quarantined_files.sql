{{ config(materialized='table') }}

{#- GDELT export files in the folder that are not text exports (a gzip or zip download renamed
    to .export.CSV, UTF-16, binary data): the build leaves them unloaded instead of failing,
    lists them here with the reason and loads each once it is fixed. Rebuilt by every build
    from the files the record of loads does not list. -#}
{%- set files = gdelt_unloaded_files(ref('base_gdelt__export_files')) %}
with

checked_files as (

    {% if files | length > 0 -%}
        {{ gdelt_format_checked_files(files) }}
    {%- else -%}
        {#- (every file loads: no rows, with the columns' types) -#}
        select * from (
            select
                {{ dbt.cast('null', dbt.type_string()) }} as file_name,
                {{ dbt.cast('null', dbt.type_string()) }} as file_path,
                {{ dbt.cast('null', dbt.type_bigint()) }} as file_size_bytes,
                {{ dbt.cast('null', dbt.type_string()) }} as quarantine_reason
        ) as no_files
        where 1 = 0
    {%- endif %}

),

quarantined as (

    select
        file_name,
        file_path,
        file_size_bytes,
        quarantine_reason,
        {{ load_timestamp() }} as checked_at
    from checked_files
    where quarantine_reason is not null

)

select * from quarantined
