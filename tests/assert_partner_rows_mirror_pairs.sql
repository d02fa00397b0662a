-- The partner mart is the pair mart seen from both sides: every pair-month is exactly two
-- partner rows (one per side), each with the pair's score.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

partner_friction as (

    select * from {{ ref('fct_country_partner_friction_monthly') }}

),

-- each partner row keyed both ways round, so that the pair it belongs to is found by equality
-- joins (an `or` in the join condition makes the engine compare every pair of a month)
partner_rows_both_ways as (

    select
        country_code as country_a_code,
        partner_country_code as country_b_code,
        month_start_date,
        country_code,
        friction_score
    from partner_friction
    union all
    select
        partner_country_code as country_a_code,
        country_code as country_b_code,
        month_start_date,
        country_code,
        friction_score
    from partner_friction

),

sides_found as (

    select
        pair_friction.country_a_code,
        pair_friction.country_b_code,
        pair_friction.month_start_date,
        count(partner_rows_both_ways.country_code) as side_count,
        max(abs(partner_rows_both_ways.friction_score - pair_friction.friction_score))
            as score_gap
    from pair_friction
    left join partner_rows_both_ways
        on pair_friction.country_a_code = partner_rows_both_ways.country_a_code
            and pair_friction.country_b_code = partner_rows_both_ways.country_b_code
            and pair_friction.month_start_date = partner_rows_both_ways.month_start_date
    group by
        pair_friction.country_a_code,
        pair_friction.country_b_code,
        pair_friction.month_start_date

)

select * from sides_found
where side_count != 2
    or score_gap > 1e-9
