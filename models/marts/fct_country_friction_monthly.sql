with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

country_partner_months as (

    select
        country_a_code as country_code,
        country_b_code as partner_country_code,
        month_start_date,
        friction_score
    from pair_friction
    union all
    select
        country_b_code as country_code,
        country_a_code as partner_country_code,
        month_start_date,
        friction_score
    from pair_friction

),

partners_ranked as (

    select
        *,
        -- scores rounded for ranking: sums of doubles differ in their last bits between
        -- engines, and a tie must go to the same partner everywhere
        row_number() over (
            partition by country_code, month_start_date
            order by
                cast(friction_score as decimal(28, 6)) desc,
                partner_country_code asc
        ) as partner_rank
    from country_partner_months

),

country_totals as (

    select
        country_code,
        month_start_date,
        sum(friction_score) as friction_score,
        count(*) as partner_count
    from country_partner_months
    group by country_code, month_start_date

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
    inner join partners_ranked as top_partners
        on country_totals.country_code = top_partners.country_code
            and country_totals.month_start_date = top_partners.month_start_date
            and top_partners.partner_rank = 1

)

select * from final
