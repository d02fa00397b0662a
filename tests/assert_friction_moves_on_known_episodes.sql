-- Direction checks on known history (these compare the warehouse with itself across time; no
-- expected number is written down): Canada-China rises after the December 2018 detentions and
-- eases after their release in September 2021; Australia-China eases from 2021 to 2024.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

yearly as (

    select
        country_a_code,
        country_b_code,
        {{ dbt.date_trunc('year', 'month_start_date') }} as year_start_date,
        avg(friction_score) as mean_score
    from pair_friction
    group by 1, 2, 3

),

checks as (

    select
        'CAN-CHN 2019 above zero (before Dec 2018 the pair has no record)' as check_name,
        (
            select mean_score from yearly
            where country_a_code = 'CAN' and country_b_code = 'CHN'
                and year_start_date = cast('2019-01-01' as date)
        ) > 0 as has_passed
    union all
    select
        'CAN-CHN 2022 below 2020' as check_name,
        (
            select mean_score from yearly
            where country_a_code = 'CAN' and country_b_code = 'CHN'
                and year_start_date = cast('2022-01-01' as date)
        ) < (
            select mean_score from yearly
            where country_a_code = 'CAN' and country_b_code = 'CHN'
                and year_start_date = cast('2020-01-01' as date)
        ) as has_passed
    union all
    select
        'AUS-CHN 2024 below 2021' as check_name,
        (
            select mean_score from yearly
            where country_a_code = 'AUS' and country_b_code = 'CHN'
                and year_start_date = cast('2024-01-01' as date)
        ) < (
            select mean_score from yearly
            where country_a_code = 'AUS' and country_b_code = 'CHN'
                and year_start_date = cast('2021-01-01' as date)
        ) as has_passed

)

select * from checks
where has_passed is null or not has_passed
