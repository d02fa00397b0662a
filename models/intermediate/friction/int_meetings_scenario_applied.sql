{#- One row per scenario and meeting in it: every recorded meeting once per scenario (the
    baseline included), with the scenario's override applied: set_status replaces its status
    (a meeting marked held counts as cooperation, one marked cancelled or planned does not),
    remove leaves it out. -#}
with

meetings as (

    select * from {{ ref('stg_curated__meetings') }}

),

scenarios as (

    select * from {{ ref('int_scenarios_unioned_with_baseline') }}

),

overrides as (

    select * from {{ ref('stg_curated__scenario_overrides') }}
    where record_type = 'meeting'

),

meetings_per_scenario as (

    select
        scenarios.scenario_id,
        meetings.meeting_id,
        meetings.status
    from scenarios
    cross join meetings

),

overridden as (

    select
        meetings.scenario_id,
        meetings.meeting_id,
        case
            when overrides.override_type = 'set_status' then overrides.status
            else meetings.status
        end as meeting_status,
        overrides.override_id,
        overrides.override_type
    from meetings_per_scenario as meetings
    left join overrides
        on meetings.scenario_id = overrides.scenario_id
            and meetings.meeting_id = overrides.record_id

),

final as (

    select
        scenario_id,
        meeting_id,
        meeting_status,
        override_id
    from overridden
    where override_type is null or override_type <> 'remove'

)

select * from final
