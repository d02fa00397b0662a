-- Aggregation: a country's monthly score equals the sum of the scores of the pairs it belongs to.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

country_friction as (

    select * from {{ ref('fct_country_friction_monthly') }}

),

pair_sides as (

    select
        country_a_code as country_code,
        month_start_date,
        friction_score
    from pair_friction
    union all
    select
        country_b_code as country_code,
        month_start_date,
        friction_score
    from pair_friction

),

expected as (

    select
        country_code,
        month_start_date,
        sum(friction_score) as expected_score
    from pair_sides
    group by country_code, month_start_date

)

select
    expected.*,
    country_friction.friction_score
from expected
left join country_friction
    on expected.country_code = country_friction.country_code
        and expected.month_start_date = country_friction.month_start_date
where country_friction.friction_score is null
    or abs(country_friction.friction_score - expected.expected_score) > 1e-9
