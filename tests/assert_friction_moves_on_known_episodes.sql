-- Direction checks on known history (the warehouse compared with itself across time; no
-- expected number is written down): Canada-China rises after the December 2018 detentions and
-- eases after their release in September 2021; Australia-China eases from 2021 to 2024.
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

yearly as (

    select
        {{ dbt.concat(['country_a_code', "'-'", 'country_b_code']) }} as pair_code,
        extract(year from month_start_date) as score_year,
        avg(friction_score) as mean_score
    from pair_friction
    group by 1, 2

),

episode_years as (

    select
        max(case when pair_code = 'CAN-CHN' and score_year = 2019 then mean_score end)
            as can_chn_2019,
        max(case when pair_code = 'CAN-CHN' and score_year = 2020 then mean_score end)
            as can_chn_2020,
        max(case when pair_code = 'CAN-CHN' and score_year = 2022 then mean_score end)
            as can_chn_2022,
        max(case when pair_code = 'AUS-CHN' and score_year = 2021 then mean_score end)
            as aus_chn_2021,
        max(case when pair_code = 'AUS-CHN' and score_year = 2024 then mean_score end)
            as aus_chn_2024
    from yearly

),

checks as (

    -- before December 2018 the pair has no record, so any positive 2019 mean is a rise
    select
        'CAN-CHN 2019 above zero' as check_name,
        can_chn_2019 > 0 as has_passed
    from episode_years
    union all
    select
        'CAN-CHN 2022 below 2020' as check_name,
        can_chn_2022 < can_chn_2020 as has_passed
    from episode_years
    union all
    select
        'AUS-CHN 2024 below 2021' as check_name,
        aus_chn_2024 < aus_chn_2021 as has_passed
    from episode_years

)

select * from checks
where has_passed is null or not has_passed
