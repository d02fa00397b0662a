-- Aggregation: a country's monthly score equals the sum of the scores of the pairs it belongs
-- to, and every country of a scored pair has its row. Read from the pair mart directly (not
-- through the partner mart the country mart is built from), so a wrong side there shows here.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

country_friction as (

    select * from {{ ref('fct_country_friction_monthly') }}

),

-- each pair-month once for each of its two countries, so that they are found by equality joins
-- (an `in` or `or` in the join condition makes the engine compare every pair of a month)
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

pair_score_sums as (

    select
        country_code,
        month_start_date,
        sum(friction_score) as pair_score_sum
    from pair_sides
    group by country_code, month_start_date

),

country_pair_sums as (

    select
        country_friction.country_code,
        country_friction.month_start_date,
        country_friction.friction_score,
        pair_score_sums.pair_score_sum
    from country_friction
    left join pair_score_sums
        on country_friction.country_code = pair_score_sums.country_code
            and country_friction.month_start_date = pair_score_sums.month_start_date

),

wrong_sums as (

    select
        country_code,
        month_start_date,
        'the score is not the sum of its pairs'' scores' as problem
    from country_pair_sums
    where pair_score_sum is null
        or abs(friction_score - pair_score_sum) > 1e-9

),

pairs_missing_a_country as (

    select
        pair_friction.country_a_code as country_code,
        pair_friction.month_start_date,
        'a country of a scored pair has no row' as problem
    from pair_friction
    left join country_friction as side_a
        on pair_friction.country_a_code = side_a.country_code
            and pair_friction.month_start_date = side_a.month_start_date
    left join country_friction as side_b
        on pair_friction.country_b_code = side_b.country_code
            and pair_friction.month_start_date = side_b.month_start_date
    where side_a.country_code is null
        or side_b.country_code is null

)

select * from wrong_sums
union all
select * from pairs_missing_a_country
