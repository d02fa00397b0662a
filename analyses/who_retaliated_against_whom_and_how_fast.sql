-- Who retaliated against whom with tariffs, how often, and how fast?
-- No parameters: every recorded retaliation (fct_tariffs.retaliates_against_tariff_id). The
-- lag is effective_lag_days: days from the original measure taking effect to the retaliation
-- taking effect; negative when the answer took effect first.

with

retaliations as (

    select * from {{ ref('fct_tariff_retaliations') }}

),

final as (

    select
        retaliating_country_code,
        original_country_code,
        count(*) as retaliation_count,
        min(effective_lag_days) as fastest_effective_lag_days,
        avg(effective_lag_days) as mean_effective_lag_days,
        max(effective_lag_days) as slowest_effective_lag_days
    from retaliations
    group by retaliating_country_code, original_country_code

)

select * from final
order by retaliating_country_code asc, original_country_code asc
