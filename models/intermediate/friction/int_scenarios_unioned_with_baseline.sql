{#- One row per scenario the score is computed for: the baseline (the curated facts as
    recorded, id var baseline_scenario_id) and every what-if scenario of the curated seed. -#}
with

scenarios as (

    select * from {{ ref('stg_curated__scenarios') }}

),

baseline as (

    select
        cast('{{ var("baseline_scenario_id") }}' as {{ dbt.type_string() }}) as scenario_id,
        cast('The curated facts as recorded' as {{ dbt.type_string() }}) as scenario_title,
        cast(
            'No overrides: the friction score every other mart shows.' as {{ dbt.type_string() }}
        ) as scenario_description,
        cast(null as {{ dbt.type_string() }}) as source_id,
        true as is_baseline

),

what_ifs as (

    select
        scenario_id,
        scenario_title,
        scenario_description,
        source_id,
        false as is_baseline
    from scenarios

),

unioned as (

    select * from baseline
    union all
    select * from what_ifs

)

select * from unioned
