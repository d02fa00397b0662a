{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='global_event_id',
    on_schema_change='fail',
    pre_hook="{{ delete_rows_of_other_noise_rules() }}",
) }}

{#- Every parsed GDELT event with the noise rules applied one by one (each a flag) and the
    country pair it concerns. is_kept: the event passes every enabled rule and is not domestic;
    only kept events count towards pair friction.
    Incremental (delete+insert by GLOBALEVENTID): a build classifies the events staged since the
    previous one; when the noise rules or the country list changed (noise_rules_key), the
    pre-hook empties the table, so every event is classified again. -#}
{%- set state_types = "('" ~ var('gdelt_state_actor_types') | join("', '") ~ "')" -%}
with

events as (

    select * from {{ ref('stg_gdelt__events') }}
    {%- if is_incremental() %}
        where loaded_at > {{ previous_load_timestamp(this) }}
    {%- endif %}

),

countries as (

    select * from {{ ref('stg_curated__countries') }}

),

resolved as (

    select
        events.*,
        actor1_countries.country_code as actor1_resolved_country_code,
        actor2_countries.country_code as actor2_resolved_country_code
    from events
    left join countries as actor1_countries
        on events.actor1_country_code = actor1_countries.country_code
    left join countries as actor2_countries
        on events.actor2_country_code = actor2_countries.country_code

),

flagged as (

    select
        global_event_id,
        event_date,
        {{ month_start('event_date') }} as month_start_date,
        actor1_country_code,
        actor2_country_code,
        quad_class,
        goldstein_scale,
        num_mentions,
        avg_tone,
        is_root_event,
        num_mentions >= {{ var('gdelt_min_mentions') }} as has_min_mentions,
        (
            actor1_resolved_country_code is not null
            and actor2_resolved_country_code is not null
        ) as has_country_actors,
        (
            actor1_code = actor1_country_code
            or actor1_type_code in {{ state_types }}
        )
        and (
            actor2_code = actor2_country_code
            or actor2_type_code in {{ state_types }}
        ) as has_state_actors,
        coalesce(actor1_country_code = actor2_country_code, false) as is_domestic
    from resolved

),

classified as (

    select
        *,
        least(actor1_country_code, actor2_country_code) as country_a_code,
        greatest(actor1_country_code, actor2_country_code) as country_b_code,
        (is_root_event or not {{ var('gdelt_root_events_only') }})
        and has_min_mentions
        and has_country_actors
        and (coalesce(has_state_actors, false) or not {{ var('gdelt_state_actors_only') }})
        and not is_domestic as is_kept,
        {{ load_timestamp() }} as loaded_at,
        {{ gdelt_noise_rules_key(ref('stg_curated__countries')) }} as noise_rules_key
    from flagged

)

select * from classified
