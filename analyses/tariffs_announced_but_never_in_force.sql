-- Which tariff measures were announced but never in force for a single day?
-- No parameters. A measure is in force on a date d when effective_date <= d and (end_date is
-- null or end_date > d), so it never was when it has no effective date or when it ended the
-- day it took effect (end_date <= effective_date, replaced before it applied).

with

tariffs as (

    select * from {{ ref('fct_tariffs') }}

),

final as (

    select
        tariff_id,
        imposing_country_code,
        target_country_code,
        product_description,
        measure_type,
        rate_pct,
        announced_date,
        effective_date,
        end_date,
        case
            when effective_date is null then 'no effective date recorded'
            else 'ended the day it took effect'
        end as reason_never_in_force
    from tariffs
    where effective_date is null
        or end_date <= effective_date

)

select * from final
order by announced_date asc, tariff_id asc
