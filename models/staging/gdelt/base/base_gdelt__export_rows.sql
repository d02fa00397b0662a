{{ config(
    materialized=gdelt_rows_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
) }}

{#- Every line of the GDELT export files, parsed into its 61 fields (as strings) and checked:
    rejection_reason is null for a row that can be used, else the first rule it breaks.
    stg_gdelt__events keeps the good rows, stg_gdelt__quarantined_rows the others.
    Incremental: a build appends the lines of the files base_gdelt__export_files recorded as new
    in this build (gdelt_files_to_load): on DuckDB as a new Parquet batch of the event layer
    (macros/gdelt/gdelt_event_layer.sql), elsewhere to the table.
    The known CAMEO codes are a list in the SQL, not a join, so that rows keep the order in
    which the reader returns them (the DuckDB reader numbers lines from that order). -#}
{%- set files = gdelt_files_to_load(ref('base_gdelt__export_files')) %}
{%- set known_codes = gdelt_known_event_codes(ref('cameo_event_codes')) %}
with

export_rows as (

    {% if files | length > 0 -%}
        {{ gdelt_export_rows(files) }}
    {%- elif gdelt_rows_loaded_before() or is_incremental() or not execute
        or load_relation(ref('base_gdelt__export_files')) is none -%}
        {#- (nothing to read, or compiled without a build: dbt docs, sqlfluff) -#}
        select
            file_name,
            line_number,
            raw_line,
            field_count,
            rejection_reason as read_error,
            {{ gdelt_event_fields() | join(',\n            ') }}
        from {{ this }}
        where 1 = 0
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            gdelt_no_files_message(ref('base_gdelt__export_files'))) }}
    {%- endif %}

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
        case
            when export_rows.event_code in ({{ known_codes }})
                then export_rows.event_code
        end as known_event_code
    from export_rows

),

checked as (

    select
        *,
        case
            when read_error is not null
                then read_error
            when field_count <> 61
                then {{ gdelt_field_count_reason('field_count') }}
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
        file_name,
        line_number,
        -- the line itself only where it is quarantined: kept lines are their 61 fields
        case
            when rejection_reason is not null
                then coalesce(raw_line, {{ dbt.concat(gdelt_line_parts()) }})
        end as raw_line,
        field_count,
        {{ gdelt_event_fields() | join(',\n        ') }},
        global_event_id_number,
        event_date_value,
        goldstein_value,
        num_mentions_value,
        avg_tone_value,
        known_event_code,
        rejection_reason,
        {{ load_timestamp() }} as loaded_at
    from checked

)

select * from final
