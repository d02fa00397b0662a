with

sources as (

    select * from {{ ref('stg_curated__sources') }}

),

final as (

    select
        source_id,
        publisher,
        title,
        url,
        published_date
    from sources

)

select * from final
