-- Who took part in the May 2025 US-China trade talks in Geneva, and for which country?
-- Parameter: the meeting. Participants come from fct_meeting_participants; names and roles
-- from dim_actors, country names from dim_countries (null for international organizations).
{% set meeting_id = 'm_geneva_trade_talks_2025' -%}

with

meetings as (

    select * from {{ ref('fct_meetings') }}

),

participants as (

    select * from {{ ref('fct_meeting_participants') }}

),

actors as (

    select * from {{ ref('dim_actors') }}

),

countries as (

    select * from {{ ref('dim_countries') }}

),

final as (

    select
        meetings.meeting_id,
        meetings.meeting_title,
        meetings.start_date,
        participants.country_code,
        countries.country_name,
        actors.actor_id,
        actors.actor_name,
        actors.role_title
    from meetings
    inner join participants
        on meetings.meeting_id = participants.meeting_id
    inner join actors
        on participants.actor_id = actors.actor_id
    left join countries
        on participants.country_code = countries.country_code
    where meetings.meeting_id = '{{ meeting_id }}'

)

select * from final
order by country_code asc, actor_name asc
