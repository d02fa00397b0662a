-- Which dispute episodes were active on 2026-01-12, and how long had each been going on?
-- Parameter: the date. An episode is active on a date d when start_date <= d and (end_date is
-- null or end_date >= d): unlike a tariff's end_date, a dispute's end_date is its last day.
-- status is the episode's status today, not on the date, so it is not used as a filter.
{% set as_of_date = '2026-01-12' -%}

with

disputes as (

    select * from {{ ref('fct_disputes') }}

),

final as (

    select
        dispute_id,
        dispute_title,
        dispute_type,
        initiator_country_code,
        target_country_code,
        severity,
        start_date,
        end_date,
        {{ dbt.datediff('start_date', "cast('" ~ as_of_date ~ "' as date)", 'day') }}
            as days_since_start
    from disputes
    where start_date <= cast('{{ as_of_date }}' as date)
        and (end_date is null or end_date >= cast('{{ as_of_date }}' as date))

)

select * from final
order by severity desc, start_date asc, dispute_id asc
