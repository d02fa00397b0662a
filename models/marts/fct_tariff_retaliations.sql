with

tariffs as (

    select * from {{ ref('stg_curated__tariffs') }}

),

retaliations as (

    select * from tariffs
    where retaliates_against_tariff_id is not null

),

final as (

    select
        retaliations.tariff_id,
        retaliations.measure_id,
        retaliations.retaliates_against_tariff_id,
        retaliations.imposing_country_code as retaliating_country_code,
        original.imposing_country_code as original_country_code,
        retaliations.product_description,
        original.product_description as original_product_description,
        retaliations.rate_pct,
        original.rate_pct as original_rate_pct,
        original.announced_date as original_announced_date,
        original.effective_date as original_effective_date,
        retaliations.announced_date,
        retaliations.effective_date,
        cast(
            {{ dbt.datediff('original.announced_date', 'retaliations.announced_date', 'day') }}
            as {{ dbt.type_int() }}
        ) as announcement_lag_days,
        cast(
            {{ dbt.datediff('original.effective_date', 'retaliations.effective_date', 'day') }}
            as {{ dbt.type_int() }}
        ) as effective_lag_days,
        retaliations.source_id
    from retaliations
    inner join tariffs as original
        on retaliations.retaliates_against_tariff_id = original.tariff_id

)

select * from final
