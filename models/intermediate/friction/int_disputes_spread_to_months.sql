{#- One row per scenario, dispute and month in which it is active for at least one day (start_date
    through end_date, both included; to the end of the calendar while it is still active), with
    the share of the month's days it is active. Its points: dispute_weight x severity x day share,
    so a one-day spat counts 1/30 of a month. A dispute with no end date keeps its full points
    for dispute_open_full_months months after its start month, then halves every
    dispute_open_half_life_months months: an open-ended allegation fades instead of weighing
    the same forever.
    A table: the score, the tracked pairs and the scenario differences all read it. -#}
{{ config(materialized='table') }}

with

disputes as (

    select * from {{ ref('int_disputes_scenario_applied') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

disputes_active as (

    select
        disputes.scenario_id,
        disputes.dispute_id,
        disputes.initiator_country_code,
        disputes.target_country_code,
        disputes.dispute_title,
        disputes.severity,
        disputes.end_date,
        months.month_start_date,
        months.day_count,
        {{ dbt.datediff(
            'greatest(disputes.start_date, months.month_start_date)',
            'least(' ~ dbt.dateadd('day', '1', 'coalesce(disputes.end_date, months.month_end_date)')
            ~ ', months.next_month_start_date)',
            'day'
        ) }} as days_active,
        {{ dbt.datediff(month_start('disputes.start_date'), 'months.month_start_date', 'month') }}
            as months_since_start,
        coalesce({{ month_start('disputes.start_date') }} = months.month_start_date, false)
            as is_record_start_month
    from disputes
    inner join months
        on disputes.start_date <= months.month_end_date
            and (disputes.end_date is null or disputes.end_date >= months.month_start_date)

),

decayed as (

    select
        *,
        case
            when end_date is not null then 'severity'
            when months_since_start <= {{ var('dispute_open_full_months') }} then 'severity'
            else 'severity_open_decay'
        end as contribution_basis,
        case
            when end_date is not null then cast(1.0 as {{ type_double() }})
            when months_since_start <= {{ var('dispute_open_full_months') }}
                then cast(1.0 as {{ type_double() }})
            else power(
                    cast(0.5 as {{ type_double() }}),
                    cast(
                        months_since_start - {{ var('dispute_open_full_months') }}
                        as {{ type_double() }}
                    ) / {{ var('dispute_open_half_life_months') }}
                )
        end as decay_factor
    from disputes_active

),

scored as (

    select
        scenario_id,
        least(initiator_country_code, target_country_code) as country_a_code,
        greatest(initiator_country_code, target_country_code) as country_b_code,
        month_start_date,
        'dispute' as record_type,
        dispute_id as record_id,
        dispute_title as record_title,
        'dispute' as component,
        contribution_basis,
        is_record_start_month,
        cast(days_active as {{ type_double() }}) / day_count as active_day_share,
        cast(
            {{ var('dispute_weight') }} * severity * decay_factor
            * cast(days_active as {{ type_double() }}) / day_count
            as {{ type_double() }}
        ) as contribution
    from decayed

)

select * from scored
