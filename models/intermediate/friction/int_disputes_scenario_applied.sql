{#- One row per scenario and dispute in it: every recorded dispute once per scenario (the
    baseline included), with the scenario's override applied: set_end_date replaces end_date
    (null: still active), remove leaves the dispute out. The columns are those the score reads
    (int_disputes_spread_to_months). -#}
with

disputes as (

    select * from {{ ref('stg_curated__disputes') }}

),

scenarios as (

    select * from {{ ref('int_scenarios_unioned_with_baseline') }}

),

overrides as (

    select * from {{ ref('stg_curated__scenario_overrides') }}
    where record_type = 'dispute'

),

disputes_per_scenario as (

    select
        scenarios.scenario_id,
        disputes.*
    from scenarios
    cross join disputes

),

overridden as (

    select
        disputes.scenario_id,
        disputes.dispute_id,
        disputes.initiator_country_code,
        disputes.target_country_code,
        disputes.dispute_title,
        disputes.severity,
        disputes.start_date,
        case
            when overrides.override_type = 'set_end_date' then overrides.end_date
            else disputes.end_date
        end as end_date,
        overrides.override_id,
        overrides.override_type
    from disputes_per_scenario as disputes
    left join overrides
        on disputes.scenario_id = overrides.scenario_id
            and disputes.dispute_id = overrides.record_id

),

final as (

    select
        scenario_id,
        dispute_id,
        initiator_country_code,
        target_country_code,
        dispute_title,
        severity,
        start_date,
        end_date,
        override_id
    from overridden
    where override_type is null or override_type <> 'remove'

)

select * from final
