with

partner_friction as (

    select * from {{ ref('fct_country_partner_friction_monthly') }}

),

country_totals as (

    select
        country_code,
        month_start_date,
        sum(friction_score) as friction_score,
        count(*) as partner_count
    from partner_friction
    group by country_code, month_start_date

),

top_partners as (

    select * from partner_friction
    where partner_rank = 1

),

final as (

    select
        country_totals.country_code,
        country_totals.month_start_date,
        cast(country_totals.friction_score as {{ type_double() }}) as friction_score,
        cast(country_totals.partner_count as {{ dbt.type_int() }}) as partner_count,
        top_partners.partner_country_code as top_partner_country_code,
        cast(top_partners.friction_score as {{ type_double() }}) as top_partner_friction_score
    from country_totals
    inner join top_partners
        on country_totals.country_code = top_partners.country_code
            and country_totals.month_start_date = top_partners.month_start_date

)

select * from final
