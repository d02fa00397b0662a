with

source as (

    select * from {{ ref('meeting_participants') }}

),

renamed as (

    select
        ---------- ids
        meeting_id,
        actor_id,
        source_id

    from source

)

select * from renamed
