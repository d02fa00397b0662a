{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}

{#- Every line of the GDELT export files, parsed into its 61 fields (as strings) and checked:
    rejection_reason is null for a row that can be used, else the first rule it breaks.
    stg_gdelt__events keeps the good rows, stg_gdelt__quarantined_rows the others.
    Incremental: a build appends the lines of the files not loaded yet (gdelt_files_to_load). -#}
{%- set files = gdelt_files_to_load(this) %}
with

export_rows as (

    {% if files | length > 0 -%}
        {{ gdelt_export_rows(files) }}
    {%- else -%}
        select
            file_name,
            line_number,
            raw_line,
            field_count,
            {{ gdelt_event_fields() | join(',\n            ') }}
        from {{ this }}
        where 1 = 0
    {%- endif %}

),

event_codes as (

    select * from {{ ref('cameo_event_codes') }}

),

typed as (

    select
        export_rows.*,
        {{ try_cast('export_rows.global_event_id', api.Column.translate_type('bigint')) }}
            as global_event_id_number,
        {{ try_cast(
            dbt.concat([
                "substring(export_rows.sql_date, 1, 4)", "'-'",
                "substring(export_rows.sql_date, 5, 2)", "'-'",
                "substring(export_rows.sql_date, 7, 2)"]),
            'date') }} as event_date_value,
        {{ try_cast('export_rows.goldstein_scale', type_double()) }} as goldstein_value,
        {{ try_cast('export_rows.num_mentions', dbt.type_int()) }} as num_mentions_value,
        {{ try_cast('export_rows.avg_tone', type_double()) }} as avg_tone_value,
        event_codes.cameo_event_code as known_event_code
    from export_rows
    left join event_codes
        on export_rows.event_code = event_codes.cameo_event_code

),

checked as (

    select
        *,
        case
            when field_count <> 61
                then {{ dbt.concat(["'expected 61 tab-separated fields, found '",
                    try_cast('field_count', dbt.type_string())]) }}
            when global_event_id_number is null
                then 'GLOBALEVENTID is not a whole number'
            when length(sql_date) <> 8 or event_date_value is null
                then {{ dbt.concat(["'SQLDATE is not a date (YYYYMMDD): '",
                    "coalesce(sql_date, 'empty')"]) }}
            when known_event_code is null
                then {{ dbt.concat(["'unknown CAMEO event code: '",
                    "coalesce(event_code, 'empty')"]) }}
            when coalesce(quad_class, '') not in ('1', '2', '3', '4')
                then 'QuadClass is not 1, 2, 3 or 4'
            when goldstein_value is null
                then 'GoldsteinScale is not a number'
            when num_mentions_value is null
                then 'NumMentions is not a whole number'
            when avg_tone_value is null
                then 'AvgTone is not a number'
        end as rejection_reason
    from typed

),

final as (

    select
        *,
        {{ load_timestamp() }} as loaded_at
    from checked

)

select * from final
