with

tariffs as (

    select * from {{ ref('stg_curated__tariffs') }}

),

final as (

    select
        tariff_id,
        measure_id,
        imposing_country_code,
        target_country_code,
        product_description,
        measure_type,
        rate_pct,
        covers_all_goods,
        covered_import_value_bn,
        covered_import_currency_code,
        covered_import_year,
        announced_date,
        effective_date,
        end_date,
        is_retaliation,
        retaliates_against_tariff_id,
        source_id,
        notes
    from tariffs

)

select * from final
