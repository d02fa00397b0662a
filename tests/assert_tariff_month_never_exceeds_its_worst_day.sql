-- Day weighting: no direction-month's trade-weighted tariff exceeds what was in force on its
-- worst day. What is in force only changes on a row's effective_date or end_date, so the worst
-- day of a month is its first day or one of those dates within it.
with

monthly as (

    select * from {{ ref('fct_tariff_trade_weighted_monthly') }}

),

tariffs as (

    select * from {{ ref('int_tariffs_weighted_by_trade') }}
    where scenario_id = '{{ var("baseline_scenario_id") }}'

),

tariff_change_dates as (

    select
        imposing_country_code,
        target_country_code,
        effective_date as change_date
    from tariffs
    union
    select
        imposing_country_code,
        target_country_code,
        end_date as change_date
    from tariffs
    where end_date is not null

),

change_days as (

    select
        monthly.imposing_country_code,
        monthly.target_country_code,
        monthly.month_start_date,
        monthly.month_start_date as candidate_date
    from monthly
    union
    select
        monthly.imposing_country_code,
        monthly.target_country_code,
        monthly.month_start_date,
        tariff_change_dates.change_date as candidate_date
    from monthly
    inner join tariff_change_dates
        on monthly.imposing_country_code = tariff_change_dates.imposing_country_code
            and monthly.target_country_code = tariff_change_dates.target_country_code
            and {{ month_start('tariff_change_dates.change_date') }} = monthly.month_start_date

),

in_force_on_day as (

    select
        change_days.imposing_country_code,
        change_days.target_country_code,
        change_days.month_start_date,
        change_days.candidate_date,
        coalesce(sum(tariffs.counted_rate_pct * tariffs.coverage_share), 0) as day_tariff_pct
    from change_days
    left join tariffs
        on change_days.imposing_country_code = tariffs.imposing_country_code
            and change_days.target_country_code = tariffs.target_country_code
            and change_days.candidate_date >= tariffs.effective_date
            and (tariffs.end_date is null or change_days.candidate_date < tariffs.end_date)
    group by 1, 2, 3, 4

),

worst_days as (

    select
        imposing_country_code,
        target_country_code,
        month_start_date,
        max(day_tariff_pct) as worst_day_tariff_pct
    from in_force_on_day
    group by 1, 2, 3

)

select
    monthly.imposing_country_code,
    monthly.target_country_code,
    monthly.month_start_date,
    monthly.trade_weighted_tariff_pct,
    worst_days.worst_day_tariff_pct
from monthly
inner join worst_days
    on monthly.imposing_country_code = worst_days.imposing_country_code
        and monthly.target_country_code = worst_days.target_country_code
        and monthly.month_start_date = worst_days.month_start_date
where monthly.trade_weighted_tariff_pct > worst_days.worst_day_tariff_pct + 1e-9
