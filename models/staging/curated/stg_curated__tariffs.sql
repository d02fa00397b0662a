with

source as (

    select * from {{ ref('tariffs') }}

),

renamed as (

    select
        ---------- ids
        tariff_id,
        measure_id,
        coverage_source_id,
        upper(imposing_country_code) as imposing_country_code,
        upper(target_country_code) as target_country_code,
        nullif(trim(retaliates_against_tariff_id), '') as retaliates_against_tariff_id,
        source_id,

        ---------- strings
        product_description,
        lower(measure_type) as measure_type,
        upper(covered_import_currency_code) as covered_import_currency_code,
        notes,

        ---------- numerics
        cast(rate_pct as {{ dbt.type_numeric() }}) as rate_pct,
        cast(covered_import_value_bn as {{ dbt.type_numeric() }}) as covered_import_value_bn,
        cast(covered_import_year as {{ dbt.type_int() }}) as covered_import_year,
        cast(covered_import_share as {{ dbt.type_numeric() }}) as covered_import_share,

        ---------- booleans
        cast(is_retaliation as {{ dbt.type_boolean() }}) as is_retaliation,
        cast(covers_all_goods as {{ dbt.type_boolean() }}) as covers_all_goods,
        cast(is_measure_total as {{ dbt.type_boolean() }}) as is_measure_total,

        ---------- dates
        cast(announced_date as date) as announced_date,
        cast(effective_date as date) as effective_date,
        cast(end_date as date) as end_date

    from source

)

select * from renamed
