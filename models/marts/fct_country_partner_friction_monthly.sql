-- Each scored pair-month seen from both of its countries: the one place the pair mart's two
-- sides are unioned (the country mart, its tests and the GX audit all read this model).
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

partner_months as (

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

final as (

    select
        country_code,
        partner_country_code,
        month_start_date,
        cast(friction_score as {{ type_double() }}) as friction_score,
        -- scores rounded for ranking: sums of doubles differ in their last bits between
        -- engines, and a tie must go to the same partner everywhere
        cast(row_number() over (
            partition by country_code, month_start_date
            order by
                cast(friction_score as decimal(28, 6)) desc,
                partner_country_code asc
        ) as {{ dbt.type_int() }}) as partner_rank
    from partner_months

)

select * from final
