with

source as (

    select * from {{ ref('tariff_benchmarks') }}

),

renamed as (

    select
        ---------- ids
        benchmark_id,
        upper(imposing_country_code) as imposing_country_code,
        upper(target_country_code) as target_country_code,
        source_id,

        ---------- strings
        publisher,
        notes,

        ---------- numerics
        cast(average_tariff_pct as {{ dbt.type_numeric() }}) as average_tariff_pct,

        ---------- booleans
        cast(is_baseline as {{ dbt.type_boolean() }}) as is_baseline,
        cast(is_checked as {{ dbt.type_boolean() }}) as is_checked,

        ---------- dates
        cast(as_of_date as date) as as_of_date

    from source

)

select * from renamed
