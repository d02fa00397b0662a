{#- One row per country pair and month, from the month of the pair's first recorded
    contribution to the last month of the calendar, gaps included. -#}
with

contributions as (

    select * from {{ ref('int_friction_contributions_unioned') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

pair_first_months as (

    select
        country_a_code,
        country_b_code,
        min(month_start_date) as first_month_start_date
    from contributions
    group by country_a_code, country_b_code

),

spined as (

    select
        pair_first_months.country_a_code,
        pair_first_months.country_b_code,
        months.month_start_date
    from pair_first_months
    inner join months
        on pair_first_months.first_month_start_date <= months.month_start_date

)

select * from spined
