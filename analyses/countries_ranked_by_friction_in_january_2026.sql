-- Which countries had the most friction in January 2026, and with whom most?
-- Parameter: the month (its first day). A country's score is the sum of the scores of every
-- pair it belongs to; rank 1 is the most frictional (ties share a rank).
{% set month_start_date = '2026-01-01' -%}

with

country_friction as (

    select * from {{ ref('fct_country_friction_monthly') }}

),

countries as (

    select * from {{ ref('dim_countries') }}

),

countries_in_month as (

    select * from country_friction
    where month_start_date = cast('{{ month_start_date }}' as date)

),

final as (

    select
        rank() over (order by countries_in_month.friction_score desc) as friction_rank,
        countries_in_month.country_code,
        countries.country_name,
        countries_in_month.friction_score,
        countries_in_month.partner_count,
        countries_in_month.top_partner_country_code,
        countries_in_month.top_partner_friction_score
    from countries_in_month
    left join countries
        on countries_in_month.country_code = countries.country_code

)

select * from final
order by friction_rank asc, country_code asc
