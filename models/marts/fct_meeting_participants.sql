with

participants as (

    select * from {{ ref('stg_curated__meeting_participants') }}

),

actors as (

    select * from {{ ref('stg_curated__actors') }}

),

final as (

    select
        participants.meeting_id,
        participants.actor_id,
        actors.country_code,
        participants.source_id
    from participants
    left join actors
        on participants.actor_id = actors.actor_id

)

select * from final
