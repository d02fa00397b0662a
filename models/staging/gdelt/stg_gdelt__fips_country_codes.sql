with

fips_country_codes as (

    select * from {{ ref('fips_country_codes') }}

),

renamed as (

    select
        upper(fips_code) as fips_code,
        upper(country_code) as country_code,
        country_name,
        source_id
    from fips_country_codes

)

select * from renamed
