-- Which tariffs were in force between Canada and China on 2026-01-12 (the article's date)?
-- Parameters: the two countries (either one may impose the measure) and the date. A measure
-- is in force on a date d when effective_date <= d and (end_date is null or end_date > d):
-- end_date is the first day it no longer applies.
{% set country_1_code = 'CAN' -%}
{% set country_2_code = 'CHN' -%}
{% set as_of_date = '2026-01-12' -%}

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
        effective_date
    from tariffs
    where imposing_country_code in ('{{ country_1_code }}', '{{ country_2_code }}')
        and target_country_code in ('{{ country_1_code }}', '{{ country_2_code }}')
        and imposing_country_code != target_country_code
        and effective_date <= cast('{{ as_of_date }}' as date)
        and (end_date is null or end_date > cast('{{ as_of_date }}' as date))

)

select * from final
order by imposing_country_code asc, rate_pct desc, tariff_id asc
