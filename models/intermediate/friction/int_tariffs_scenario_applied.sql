{#- One row per scenario and tariff row in it: every recorded tariff row once per scenario
    (the baseline included), with the scenario's override applied: set_end_date replaces
    end_date (null: never ends), set_rate replaces rate_pct, remove leaves the row out. The
    columns are those the score reads (int_tariffs_weighted_by_trade). -#}
with

tariffs as (

    select * from {{ ref('stg_curated__tariffs') }}

),

scenarios as (

    select * from {{ ref('int_scenarios_unioned_with_baseline') }}

),

overrides as (

    select * from {{ ref('stg_curated__scenario_overrides') }}
    where record_type = 'tariff'

),

tariffs_per_scenario as (

    select
        scenarios.scenario_id,
        tariffs.*
    from scenarios
    cross join tariffs

),

overridden as (

    select
        tariffs.scenario_id,
        tariffs.tariff_id,
        tariffs.measure_id,
        tariffs.imposing_country_code,
        tariffs.target_country_code,
        tariffs.product_description,
        case
            when overrides.override_type = 'set_rate' then overrides.rate_pct
            else tariffs.rate_pct
        end as rate_pct,
        tariffs.covers_all_goods,
        tariffs.covered_import_value_bn,
        tariffs.covered_import_currency_code,
        tariffs.covered_import_year,
        tariffs.covered_import_share,
        tariffs.is_measure_total,
        tariffs.effective_date,
        case
            when overrides.override_type = 'set_end_date' then overrides.end_date
            else tariffs.end_date
        end as end_date,
        overrides.override_id,
        overrides.override_type
    from tariffs_per_scenario as tariffs
    left join overrides
        on tariffs.scenario_id = overrides.scenario_id
            and tariffs.tariff_id = overrides.record_id

),

final as (

    select
        scenario_id,
        tariff_id,
        measure_id,
        imposing_country_code,
        target_country_code,
        product_description,
        rate_pct,
        covers_all_goods,
        covered_import_value_bn,
        covered_import_currency_code,
        covered_import_year,
        covered_import_share,
        is_measure_total,
        effective_date,
        end_date,
        override_id
    from overridden
    where override_type is null or override_type <> 'remove'

)

select * from final
