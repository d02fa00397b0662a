-- Score identity: every pair-month's friction_score equals the signed sum of its components.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

residuals as (

    select
        *,
        friction_score
        - (tariff_component + dispute_component - cooperation_component + gdelt_component)
            as residual
    from pair_friction

)

select * from residuals
where abs(residual) > 1e-9
