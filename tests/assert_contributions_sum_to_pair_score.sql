-- Traceability: the contributions of a pair-month sum to its friction_score (a month with no
-- contribution scores zero), and no contribution falls outside the pair-month grid.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

contributions as (

    select * from {{ ref('fct_friction_contributions') }}

),

contribution_totals as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        sum(contribution) as contribution_total
    from contributions
    group by country_a_code, country_b_code, month_start_date

),

compared as (

    select
        coalesce(pair_friction.country_a_code, contribution_totals.country_a_code)
            as country_a_code,
        coalesce(pair_friction.country_b_code, contribution_totals.country_b_code)
            as country_b_code,
        coalesce(pair_friction.month_start_date, contribution_totals.month_start_date)
            as month_start_date,
        pair_friction.friction_score,
        coalesce(contribution_totals.contribution_total, 0) as contribution_total
    from pair_friction
    full outer join contribution_totals
        on pair_friction.country_a_code = contribution_totals.country_a_code
            and pair_friction.country_b_code = contribution_totals.country_b_code
            and pair_friction.month_start_date = contribution_totals.month_start_date

)

select * from compared
where friction_score is null
    or abs(friction_score - contribution_total) > 1e-9
