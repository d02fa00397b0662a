-- What was the most frictional month of each country pair, and what made up its score?
-- No parameters: every pair in fct_country_pair_friction_monthly. When a pair reached its
-- highest score in several months, the earliest is shown and peak_month_count says how many
-- months shared that score (compared rounded to 6 decimals, as a decimal: the same on every
-- engine).

with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

pair_months_ranked as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        friction_score,
        tariff_component,
        dispute_component,
        cooperation_component,
        row_number() over (
            partition by country_a_code, country_b_code
            order by cast(friction_score as decimal(28, 6)) desc, month_start_date asc
        ) as month_rank
    from pair_friction

),

peak_months as (

    select * from pair_months_ranked
    where month_rank = 1

),

peak_month_counts as (

    select
        peak_months.country_a_code,
        peak_months.country_b_code,
        count(*) as peak_month_count
    from peak_months
    inner join pair_friction
        on peak_months.country_a_code = pair_friction.country_a_code
            and peak_months.country_b_code = pair_friction.country_b_code
            and cast(peak_months.friction_score as decimal(28, 6))
            = cast(pair_friction.friction_score as decimal(28, 6))
    group by peak_months.country_a_code, peak_months.country_b_code

),

final as (

    select
        peak_months.country_a_code,
        peak_months.country_b_code,
        peak_months.month_start_date as peak_month_start_date,
        peak_months.friction_score,
        peak_months.tariff_component,
        peak_months.dispute_component,
        peak_months.cooperation_component,
        peak_month_counts.peak_month_count
    from peak_months
    inner join peak_month_counts
        on peak_months.country_a_code = peak_month_counts.country_a_code
            and peak_months.country_b_code = peak_month_counts.country_b_code

)

select * from final
order by friction_score desc, country_a_code asc, country_b_code asc
