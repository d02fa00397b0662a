with

source as (

    select * from {{ ref('bilateral_goods_imports') }}

),

renamed as (

    select
        ---------- ids
        upper(importer_country_code) as importer_country_code,
        upper(exporter_country_code) as exporter_country_code,
        source_id,

        ---------- strings
        upper(currency_code) as currency_code,
        notes,

        ---------- numerics
        cast(trade_year as {{ dbt.type_int() }}) as trade_year,
        cast(import_value_bn as {{ dbt.type_numeric() }}) as import_value_bn

    from source

)

select * from renamed
