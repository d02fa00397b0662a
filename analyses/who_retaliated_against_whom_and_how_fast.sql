-- Who retaliated against whom with tariffs, how often, and how fast?
-- No parameters: every recorded retaliation (fct_tariffs.retaliates_against_tariff_id), counted
-- by measure: one decision split into product rows (one measure_id) is one retaliation, its lag
-- the fastest of its rows. The lag is effective_lag_days: days from the original measure taking
-- effect to the retaliation taking effect; negative when the answer took effect first.

with

retaliations as (

    select * from {{ ref('fct_tariff_retaliations') }}

),

retaliating_measures as (

    select
        retaliating_country_code,
        original_country_code,
        measure_id,
        min(effective_lag_days) as effective_lag_days
    from retaliations
    group by retaliating_country_code, original_country_code, measure_id

),

final as (

    select
        retaliating_country_code,
        original_country_code,
        count(*) as retaliation_count,
        min(effective_lag_days) as fastest_effective_lag_days,
        avg(effective_lag_days) as mean_effective_lag_days,
        max(effective_lag_days) as slowest_effective_lag_days
    from retaliating_measures
    group by retaliating_country_code, original_country_code

)

select * from final
order by retaliating_country_code asc, original_country_code asc
