{#- One row per tariff and month in which it is in force for at least one day: from its
    effective date until the day before its end date (end_date is the first day it no longer
    applies). A measure whose end_date is its effective_date (replaced the day it took effect)
    was never in force and adds nothing. Its points: rate / 100 x tariff_weight, the rate capped
    at tariff_rate_cap_pct and a missing rate (ban, quota) counted as tariff_unrated_rate_pct. -#}
with

tariffs as (

    select * from {{ ref('stg_curated__tariffs') }}

),

tariffs_ever_in_force as (

    select * from tariffs
    where end_date is null or end_date > effective_date

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

tariffs_in_force as (

    select
        tariffs.tariff_id,
        tariffs.imposing_country_code,
        tariffs.target_country_code,
        tariffs.product_description,
        tariffs.rate_pct,
        months.month_start_date,
        coalesce({{ month_start('tariffs.effective_date') }} = months.month_start_date, false)
            as is_record_start_month
    from tariffs_ever_in_force as tariffs
    inner join months
        on tariffs.effective_date <= months.month_end_date
            and (tariffs.end_date is null or tariffs.end_date > months.month_start_date)

),

scored as (

    select
        least(imposing_country_code, target_country_code) as country_a_code,
        greatest(imposing_country_code, target_country_code) as country_b_code,
        month_start_date,
        'tariff' as record_type,
        tariff_id as record_id,
        product_description as record_title,
        'tariff' as component,
        is_record_start_month,
        cast(
            {{ var('tariff_weight') }}
            * least(
                coalesce(rate_pct, {{ var('tariff_unrated_rate_pct') }}),
                {{ var('tariff_rate_cap_pct') }}
            )
            / 100.0
            as {{ type_double() }}
        ) as contribution
    from tariffs_in_force

)

select * from scored
