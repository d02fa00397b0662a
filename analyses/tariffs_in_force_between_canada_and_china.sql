-- Which tariffs were in force between Canada and China on 2026-01-12 (the article's date)?
with

tariffs as (

    select * from {{ ref('fct_tariffs') }}

)

select
    tariff_id,
    imposing_country_code,
    target_country_code,
    product_description,
    rate_pct,
    effective_date
from tariffs
where imposing_country_code in ('CAN', 'CHN')
    and target_country_code in ('CAN', 'CHN')
    and effective_date <= cast('2026-01-12' as date)
    and (end_date is null or end_date > cast('2026-01-12' as date))
order by imposing_country_code asc, rate_pct desc
