with

countries as (

    select * from {{ ref('stg_curated__countries') }}

),

final as (

    select
        country_code,
        country_name,
        iso2_code,
        region,
        sub_region
    from countries

)

select * from final
