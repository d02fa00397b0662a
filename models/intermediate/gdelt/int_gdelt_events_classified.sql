{#- Every parsed GDELT event with the noise rules applied one by one (each a flag) and the
    country pair it concerns. is_kept: the event passes every enabled rule and is not domestic;
    only kept events count towards pair friction. A view, so the flags always follow the
    current rules (int_gdelt_events_aggregated_to_pair_months stores the result per month). -#}
{%- set state_types = "('" ~ var('gdelt_state_actor_types') | join("', '") ~ "')" -%}
with

events as (

    select * from {{ ref('stg_gdelt__events') }}

),

-- one import per actor: a CTE read twice is materialized whole by DuckDB, which then cannot
-- skip the columns a query of this view does not need
actor1_countries as (

    select * from {{ ref('stg_curated__countries') }}

),

actor2_countries as (

    select * from {{ ref('stg_curated__countries') }}

),

resolved as (

    select
        events.*,
        actor1_countries.country_code as actor1_resolved_country_code,
        actor2_countries.country_code as actor2_resolved_country_code
    from events
    left join actor1_countries
        on events.actor1_country_code = actor1_countries.country_code
    left join actor2_countries
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
        is_synthetic,
        loaded_at,
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
        and not is_domestic as is_kept
    from flagged

)

select * from classified
