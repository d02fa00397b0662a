{#- One row per scenario the warehouse scores: the baseline (the facts as recorded) and every
    what-if scenario, with how many curated facts it changes. -#}
with

scenarios as (

    select * from {{ ref('int_scenarios_unioned_with_baseline') }}

),

overrides as (

    select * from {{ ref('stg_curated__scenario_overrides') }}

),

override_counts as (

    select
        scenario_id,
        count(*) as override_count
    from overrides
    group by scenario_id

),

final as (

    select
        scenarios.scenario_id,
        scenarios.scenario_title,
        scenarios.scenario_description,
        scenarios.source_id,
        scenarios.is_baseline,
        cast(coalesce(override_counts.override_count, 0) as {{ dbt.type_int() }})
            as override_count
    from scenarios
    left join override_counts
        on scenarios.scenario_id = override_counts.scenario_id

)

select * from final
