{#- MetricFlow's daily time spine: every day of every calendar year that the warehouse's month
    calendar (int_months_enumerated) touches, so metric_time covers all the data and no more.
    Portable: dbt's cross-database generate_series, dateadd and date_trunc. -#}
with

months as (

    select * from {{ ref('int_months_enumerated') }}

),

bounds as (

    select
        cast({{ dbt.date_trunc('year', 'min(month_start_date)') }} as date) as first_date,
        cast(
            {{ dbt.dateadd(
                'day', '-1', dbt.dateadd('year', '1', dbt.date_trunc('year', 'max(month_start_date)'))
            ) }} as date
        ) as last_date
    from months

),

day_numbers as (

    {#- upper bound: the month calendar's largest span plus two years, 31 days a month #}
    {{ dbt.generate_series((var('max_calendar_months') + 24) * 31) }}

),

days as (

    select
        cast(
            {{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'bounds.first_date') }}
            as date
        ) as date_day,
        bounds.last_date
    from day_numbers
    cross join bounds

),

final as (

    select date_day
    from days
    where date_day <= last_date

)

select * from final
