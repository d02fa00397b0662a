with

source as (

    select * from {{ ref('tariffs') }}

),

renamed as (

    select
        ---------- ids
        tariff_id,
        upper(imposing_country_code) as imposing_country_code,
        upper(target_country_code) as target_country_code,
        nullif(trim(retaliates_against_tariff_id), '') as retaliates_against_tariff_id,
        source_id,

        ---------- strings
        product_description,
        lower(measure_type) as measure_type,
        notes,

        ---------- numerics
        cast(rate_pct as {{ dbt.type_numeric() }}) as rate_pct,

        ---------- booleans
        cast(is_retaliation as {{ dbt.type_boolean() }}) as is_retaliation,

        ---------- dates
        cast(announced_date as date) as announced_date,
        cast(effective_date as date) as effective_date,
        cast(end_date as date) as end_date

    from source

)

select * from renamed
