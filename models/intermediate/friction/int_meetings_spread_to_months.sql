{#- One row per scenario, meeting held in it, country pair and month in its decay window: the
    meeting's month and the meeting_decay_months after it (a scenario may mark a meeting held
    or cancelled: int_meetings_scenario_applied). Its points are negative (cooperation
    lowers friction): - meeting_weight x meeting_decay ^ months since the meeting.
    A table: the score, the tracked pairs and the scenario differences all read it. -#}
{{ config(materialized='table') }}

with

meeting_pairs as (

    select * from {{ ref('int_meetings_joined_to_country_pairs') }}

),

meetings as (

    select * from {{ ref('int_meetings_scenario_applied') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

held_meetings as (

    select
        meetings.scenario_id,
        meeting_pairs.meeting_id,
        meeting_pairs.country_a_code,
        meeting_pairs.country_b_code,
        meeting_pairs.meeting_title,
        {{ month_start('meeting_pairs.meeting_start_date') }} as meeting_month_start_date
    from meeting_pairs
    inner join meetings
        on meeting_pairs.meeting_id = meetings.meeting_id
    where meetings.meeting_status = 'held'
        and meeting_pairs.meeting_start_date is not null

),

meeting_months as (

    select
        held_meetings.*,
        months.month_start_date,
        {{ dbt.datediff(
            'held_meetings.meeting_month_start_date', 'months.month_start_date', 'month'
        ) }} as months_since_meeting
    from held_meetings
    inner join months
        on held_meetings.meeting_month_start_date <= months.month_start_date
            and months.month_start_date <= cast(
                {{ dbt.dateadd(
                    'month', var('meeting_decay_months'), 'held_meetings.meeting_month_start_date'
                ) }} as date
            )

),

scored as (

    select
        scenario_id,
        country_a_code,
        country_b_code,
        month_start_date,
        'meeting' as record_type,
        meeting_id as record_id,
        meeting_title as record_title,
        'cooperation' as component,
        'meeting_decay' as contribution_basis,
        coalesce(months_since_meeting = 0, false) as is_record_start_month,
        cast(1.0 as {{ type_double() }}) as active_day_share,
        cast(
            -1.0 * {{ var('meeting_weight') }}
            * power({{ var('meeting_decay') }}, months_since_meeting)
            as {{ type_double() }}
        ) as contribution
    from meeting_months

)

select * from scored
