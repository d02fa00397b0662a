-- In which year was each country pair's friction highest (mean of its monthly scores)?
-- No parameters. A pair-year's score is the mean of the pair's monthly scores in that year,
-- over the months it has rows (months_scored: a pair's first year starts at its first record
-- and the last year stops at the end of the data). Ties go to the earliest year.

with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

pair_years as (

    select
        country_a_code,
        country_b_code,
        extract(year from month_start_date) as score_year,
        count(*) as months_scored,
        avg(friction_score) as mean_friction_score,
        max(friction_score) as max_monthly_friction_score
    from pair_friction
    group by country_a_code, country_b_code, extract(year from month_start_date)

),

pair_years_ranked as (

    select
        *,
        row_number() over (
            partition by country_a_code, country_b_code
            order by mean_friction_score desc, score_year asc
        ) as year_rank
    from pair_years

),

final as (

    select
        country_a_code,
        country_b_code,
        score_year as peak_year,
        months_scored,
        mean_friction_score,
        max_monthly_friction_score
    from pair_years_ranked
    where year_rank = 1

)

select * from final
order by country_a_code asc, country_b_code asc
