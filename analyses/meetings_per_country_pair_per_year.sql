-- How many meetings did each country pair hold each year?
-- No parameters. A meeting counts for a pair when it was held and its participants include
-- both countries (the pair in alphabetical order), once however many people each side sent.
-- Visits with participants from one side only, and meetings without a date, count for none.

with

meetings as (

    select * from {{ ref('fct_meetings') }}

),

participants as (

    select * from {{ ref('fct_meeting_participants') }}

),

held_meetings as (

    select
        meeting_id,
        start_date
    from meetings
    where status = 'held'
        and start_date is not null

),

meeting_pairs as (

    select distinct
        participants_a.meeting_id,
        participants_a.country_code as country_a_code,
        participants_b.country_code as country_b_code
    from participants as participants_a
    inner join participants as participants_b
        on participants_a.meeting_id = participants_b.meeting_id
            and participants_a.country_code < participants_b.country_code

),

final as (

    select
        meeting_pairs.country_a_code,
        meeting_pairs.country_b_code,
        extract(year from held_meetings.start_date) as meeting_year,
        count(*) as meeting_count
    from meeting_pairs
    inner join held_meetings
        on meeting_pairs.meeting_id = held_meetings.meeting_id
    group by
        meeting_pairs.country_a_code,
        meeting_pairs.country_b_code,
        extract(year from held_meetings.start_date)

)

select * from final
order by country_a_code asc, country_b_code asc, meeting_year asc
