{#- A pair's mean monthly friction in the window_months whole months before an event's month and
    in the event's month and the window_months - 1 months after it, and the change. Months of
    the warehouse calendar where the pair has no row count as zero. Used by the cookbook's
    before/after questions (analyses/). -#}
{% macro friction_before_and_after(
    event_model, event_id_column, event_date_column, event_id,
    country_a_code, country_b_code, window_months) -%}
with

events as (

    select * from {{ ref(event_model) }}

),

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

calendar_months as (

    select distinct month_start_date
    from pair_friction

),

pair_scores as (

    select
        month_start_date,
        friction_score
    from pair_friction
    where country_a_code = '{{ country_a_code }}'
        and country_b_code = '{{ country_b_code }}'

),

event_windows as (

    select
        {{ event_id_column }} as event_id,
        {{ event_date_column }} as event_date,
        cast({{ dbt.date_trunc('month', event_date_column) }} as date) as event_month_start_date,
        cast(
            {{ dbt.dateadd('month', -window_months, dbt.date_trunc('month', event_date_column)) }}
            as date
        ) as window_start_date,
        cast(
            {{ dbt.dateadd('month', window_months, dbt.date_trunc('month', event_date_column)) }}
            as date
        ) as window_end_date
    from events
    where {{ event_id_column }} = '{{ event_id }}'

),

window_months as (

    select
        event_windows.event_id,
        event_windows.event_date,
        calendar_months.month_start_date,
        coalesce(pair_scores.friction_score, 0) as friction_score,
        case
            when calendar_months.month_start_date < event_windows.event_month_start_date
                then 'before'
            else 'after'
        end as period
    from event_windows
    inner join calendar_months
        on event_windows.window_start_date <= calendar_months.month_start_date
            and event_windows.window_end_date > calendar_months.month_start_date
    left join pair_scores
        on calendar_months.month_start_date = pair_scores.month_start_date

),

period_means as (

    select
        event_id,
        event_date,
        count(case when period = 'before' then 1 end) as months_before,
        avg(case when period = 'before' then friction_score end) as mean_friction_before,
        count(case when period = 'after' then 1 end) as months_after,
        avg(case when period = 'after' then friction_score end) as mean_friction_after
    from window_months
    group by event_id, event_date

),

final as (

    select
        event_id,
        event_date,
        months_before,
        mean_friction_before,
        months_after,
        mean_friction_after,
        mean_friction_after - mean_friction_before as change_in_mean_friction
    from period_means

)

select * from final
{%- endmacro %}
