-- Every GDELT event's Goldstein score equals GDELT's lookup value for its CAMEO event code.
-- The events of the latest load (all of them after a full refresh): those loaded before were
-- checked by the build that loaded them, as the generic tests on stg_gdelt__events are.
with

events as (

    select * from {{ ref('stg_gdelt__events') }}
    where {{ latest_load_condition(ref('stg_gdelt__events')) }}

),

event_codes as (

    select * from {{ ref('stg_gdelt__cameo_event_codes') }}

),

mismatched as (

    select
        events.global_event_id,
        events.cameo_event_code,
        events.goldstein_scale,
        event_codes.goldstein_scale as lookup_goldstein_scale
    from events
    left join event_codes
        on events.cameo_event_code = event_codes.cameo_event_code
    where event_codes.goldstein_scale is null
        or abs(events.goldstein_scale - event_codes.goldstein_scale) > 0.0001

)

select * from mismatched
