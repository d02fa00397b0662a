-- Score identity: every pair-month's friction_score equals the sum of its signed components
-- (one column per entry of var friction_components; cooperation is already negative).
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

residuals as (

    select
        *,
        friction_score
        {%- for component in var('friction_components') %}
            - {{ component.name }}_component
        {%- endfor %}
            as residual
    from pair_friction

)

select * from residuals
where abs(residual) > 1e-9
