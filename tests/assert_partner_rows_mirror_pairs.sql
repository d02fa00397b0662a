-- The partner mart is the pair mart seen from both sides: every pair-month is exactly two
-- partner rows (one per side), each with the pair's score.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

partner_friction as (

    select * from {{ ref('fct_country_partner_friction_monthly') }}

),

sides_found as (

    select
        pair_friction.country_a_code,
        pair_friction.country_b_code,
        pair_friction.month_start_date,
        count(partner_friction.country_code) as side_count,
        max(abs(partner_friction.friction_score - pair_friction.friction_score)) as score_gap
    from pair_friction
    left join partner_friction
        on pair_friction.month_start_date = partner_friction.month_start_date
            and (
                (
                    pair_friction.country_a_code = partner_friction.country_code
                    and pair_friction.country_b_code = partner_friction.partner_country_code
                )
                or (
                    pair_friction.country_b_code = partner_friction.country_code
                    and pair_friction.country_a_code = partner_friction.partner_country_code
                )
            )
    group by
        pair_friction.country_a_code,
        pair_friction.country_b_code,
        pair_friction.month_start_date

)

select * from sides_found
where side_count != 2
    or score_gap > 1e-9
