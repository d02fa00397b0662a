with

source as (

    select * from {{ ref('countries') }}

),

renamed as (

    select
        ---------- ids
        upper(trim(country_code)) as country_code,
        upper(trim(iso2_code)) as iso2_code,
        source_id,

        ---------- strings
        country_name,
        nullif(trim(region), '') as region,
        nullif(trim(sub_region), '') as sub_region

    from source

)

select * from renamed
