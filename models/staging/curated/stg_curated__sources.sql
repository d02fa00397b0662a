with

source as (

    select * from {{ ref('sources') }}

),

renamed as (

    select
        ---------- ids
        source_id,

        ---------- strings
        publisher,
        title,
        nullif(trim(url), '') as url,

        ---------- dates
        cast(published_date as date) as published_date

    from source

)

select * from renamed
