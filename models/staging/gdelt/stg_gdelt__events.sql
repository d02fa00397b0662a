{#- GDELT events that parsed cleanly, typed and renamed, one row per GLOBALEVENTID: loading the
    same event twice (a file copied twice, overlapping downloads) keeps the first occurrence in
    (file_name, line_number) order; base_gdelt__repeated_event_lines lists the others. A view:
    on DuckDB it reads the event layer (Parquet batches), so the warehouse file does not hold
    the events. -#}
with

export_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}
    where rejection_reason is null

),

repeated_lines as (

    select * from {{ ref('base_gdelt__repeated_event_lines') }}

),

first_occurrences as (

    select export_rows.*
    from export_rows
    left join repeated_lines
        on
            export_rows.file_name = repeated_lines.file_name
            and export_rows.line_number = repeated_lines.line_number
    where repeated_lines.file_name is null

),

renamed as (

    select
        ---------- ids
        global_event_id_number as global_event_id,
        event_code as cameo_event_code,
        event_base_code as cameo_event_base_code,
        event_root_code as cameo_event_root_code,
        actor1_country_code,
        actor2_country_code,
        action_geo_country_code as action_geo_fips_code,

        ---------- strings
        actor1_code,
        actor1_name,
        actor1_type1_code as actor1_type_code,
        actor2_code,
        actor2_name,
        actor2_type1_code as actor2_type_code,
        action_geo_full_name,
        source_url,
        file_name,

        ---------- numerics
        line_number,
        cast(quad_class as {{ dbt.type_int() }}) as quad_class,
        goldstein_value as goldstein_scale,
        num_mentions_value as num_mentions,
        {{ try_cast('num_sources', dbt.type_int()) }} as num_sources,
        {{ try_cast('num_articles', dbt.type_int()) }} as num_articles,
        avg_tone_value as avg_tone,

        ---------- booleans
        coalesce(is_root_event = '1', false) as is_root_event,
        coalesce(
            source_url like '{{ var("gdelt_synthetic_url_prefix") }}%', false
        ) as is_synthetic,

        ---------- dates
        event_date_value as event_date,

        ---------- timestamps
        {{ try_cast(
            dbt.concat([
                "substring(date_added, 1, 4)", "'-'", "substring(date_added, 5, 2)", "'-'",
                "substring(date_added, 7, 2)", "' '", "substring(date_added, 9, 2)", "':'",
                "substring(date_added, 11, 2)", "':'", "substring(date_added, 13, 2)"]),
            dbt.type_timestamp()) }} as date_added_at,
        loaded_at

    from first_occurrences

)

select * from renamed
