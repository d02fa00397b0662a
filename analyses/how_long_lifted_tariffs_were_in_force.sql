-- Which tariff measures have been lifted or replaced, and how many days was each in force?
-- No parameters. A measure is lifted when it has an end_date (the first day it no longer
-- applies, so days_in_force = end_date - effective_date). Measures that ended the day they
-- took effect are shown with 0 days; those still in force have no end_date and are left out.

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
        rate_pct,
        effective_date,
        end_date,
        {{ dbt.datediff('effective_date', 'end_date', 'day') }}
            as days_in_force
    from tariffs
    where effective_date is not null
        and end_date is not null

)

select * from final
order by days_in_force desc, tariff_id asc
