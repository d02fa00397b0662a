{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='global_event_id',
    on_schema_change='fail',
) }}

{#- GDELT events that parsed cleanly, typed and renamed, one row per GLOBALEVENTID: loading the
    same event twice (a file copied twice, overlapping downloads) keeps the first occurrence.
    Incremental: a build looks only at the ids of lines loaded since the previous build (and at
    every earlier line with the same id, so the first occurrence still wins). -#}
with

export_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}
    where rejection_reason is null
    {%- if is_incremental() %}
        and global_event_id_number in (
            select new_rows.global_event_id_number
            from {{ ref('base_gdelt__export_rows') }} as new_rows
            where new_rows.loaded_at > {{ previous_load_timestamp(this) }}
        )
    {%- endif %}

),

ranked as (

    select
        *,
        row_number() over (
            partition by global_event_id_number
            order by file_name, line_number
        ) as occurrence_number
    from export_rows

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

        ---------- dates
        event_date_value as event_date,

        ---------- timestamps
        {{ try_cast(
            dbt.concat([
                "substring(date_added, 1, 4)", "'-'", "substring(date_added, 5, 2)", "'-'",
                "substring(date_added, 7, 2)", "' '", "substring(date_added, 9, 2)", "':'",
                "substring(date_added, 11, 2)", "':'", "substring(date_added, 13, 2)"]),
            dbt.type_timestamp()) }} as date_added_at,
        {{ load_timestamp() }} as loaded_at

    from ranked
    where occurrence_number = 1

)

select * from renamed
