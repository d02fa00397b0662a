{#- One row per dispute and month in which it is active for at least one day: from its start
    date through its end date (or to the end of the calendar while it is still active).
    Its points: severity x dispute_weight. -#}
with

disputes as (

    select * from {{ ref('stg_curated__disputes') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

disputes_active as (

    select
        disputes.dispute_id,
        disputes.initiator_country_code,
        disputes.target_country_code,
        disputes.dispute_title,
        disputes.severity,
        months.month_start_date,
        coalesce({{ month_start('disputes.start_date') }} = months.month_start_date, false)
            as is_record_start_month
    from disputes
    inner join months
        on disputes.start_date <= months.month_end_date
            and (disputes.end_date is null or disputes.end_date >= months.month_start_date)

),

scored as (

    select
        least(initiator_country_code, target_country_code) as country_a_code,
        greatest(initiator_country_code, target_country_code) as country_b_code,
        month_start_date,
        'dispute' as record_type,
        dispute_id as record_id,
        dispute_title as record_title,
        'dispute' as component,
        is_record_start_month,
        cast({{ var('dispute_weight') }} * severity as {{ type_double() }}) as contribution
    from disputes_active

)

select * from scored
