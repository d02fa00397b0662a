{#- One row per counted meeting and pair of countries whose participants met there (the
    pair's codes in alphabetical order). A meeting that is part of a visit (part_of_meeting_id)
    counts through the visit: its participants join the visit's, so one visit is one occasion
    of cooperation however many meetings it held. A meeting whose participants all come from
    one country pairs no countries. Each row carries the counted meeting's title, status and
    start date, so the models downstream need not join the meetings again. -#}
with

participants as (

    select * from {{ ref('stg_curated__meeting_participants') }}

),

meetings as (

    select * from {{ ref('stg_curated__meetings') }}

),

actors as (

    select * from {{ ref('stg_curated__actors') }}

),

participant_countries as (

    select distinct
        coalesce(meetings.part_of_meeting_id, participants.meeting_id) as meeting_id,
        actors.country_code
    from participants
    inner join actors
        on participants.actor_id = actors.actor_id
    left join meetings
        on participants.meeting_id = meetings.meeting_id
    where actors.country_code is not null

),

country_pairs as (

    select
        country_a.meeting_id,
        country_a.country_code as country_a_code,
        country_b.country_code as country_b_code
    from participant_countries as country_a
    inner join participant_countries as country_b
        on country_a.meeting_id = country_b.meeting_id
            and country_a.country_code < country_b.country_code

),

final as (

    select
        country_pairs.meeting_id,
        country_pairs.country_a_code,
        country_pairs.country_b_code,
        meetings.meeting_title,
        meetings.status as meeting_status,
        meetings.start_date as meeting_start_date
    from country_pairs
    left join meetings
        on country_pairs.meeting_id = meetings.meeting_id

)

select * from final
