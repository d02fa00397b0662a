with

source as (

    select * from {{ ref('actors') }}

),

renamed as (

    select
        ---------- ids
        actor_id,
        upper(nullif(trim(country_code), '')) as country_code,
        source_id,

        ---------- strings
        actor_name,
        lower(actor_type) as actor_type,
        role_title

    from source

)

select * from renamed
