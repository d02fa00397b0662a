with

actors as (

    select * from {{ ref('stg_curated__actors') }}

),

final as (

    select
        actor_id,
        actor_name,
        actor_type,
        country_code,
        role_title,
        source_id
    from actors

)

select * from final
