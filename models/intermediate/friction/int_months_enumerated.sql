{#- The month calendar of the warehouse: from the month of the earliest dated fact to the
    month of the latest one (or to var as_of_date when it is set). -#}
with

tariffs as (

    select * from {{ ref('stg_curated__tariffs') }}

),

disputes as (

    select * from {{ ref('stg_curated__disputes') }}

),

meetings as (

    select * from {{ ref('stg_curated__meetings') }}

),

dated_facts as (

    select announced_date as fact_date from tariffs
    union all
    select effective_date as fact_date from tariffs
    union all
    select end_date as fact_date from tariffs
    union all
    select start_date as fact_date from disputes
    union all
    select end_date as fact_date from disputes
    union all
    select start_date as fact_date from meetings
    where status = 'held'

),

bounds as (

    select
        {{ month_start('min(fact_date)') }} as first_month_start_date,
        {%- if var('as_of_date', none) is not none %}
        {{ month_start("cast('" ~ var('as_of_date') ~ "' as date)") }} as last_month_start_date
        {%- else %}
            {{ month_start('max(fact_date)') }} as last_month_start_date
        {%- endif %}
    from dated_facts

),

month_numbers as (

    {{ dbt.generate_series(var('max_calendar_months')) }}

),

months as (

    select
        cast(
            {{ dbt.dateadd(
                'month', 'month_numbers.generated_number - 1', 'bounds.first_month_start_date'
            ) }} as date
        ) as month_start_date,
        bounds.last_month_start_date
    from month_numbers
    cross join bounds

),

calendar_months as (

    select
        month_start_date,
        cast({{ dbt.dateadd('month', '1', 'month_start_date') }} as date) as next_month_start_date
    from months
    where month_start_date <= last_month_start_date

),

final as (

    select
        month_start_date,
        cast({{ dbt.dateadd('day', '-1', 'next_month_start_date') }} as date) as month_end_date,
        next_month_start_date,
        {{ dbt.datediff('month_start_date', 'next_month_start_date', 'day') }}
            as day_count
    from calendar_months

)

select * from final
