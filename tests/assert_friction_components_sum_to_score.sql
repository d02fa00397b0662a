-- Score identity: every pair-month's friction_score equals the signed sum of its components.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

)

select * from pair_friction
where abs(friction_score - (tariff_component + dispute_component - cooperation_component)) > 1e-9
