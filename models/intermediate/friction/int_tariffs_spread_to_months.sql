{#- One row per scenario, tariff row and month in which it is in force for at least one day,
    with the share of the month's days it is in force: from its effective_date until the day
    before its end_date (the first day it no longer applies). A row replaced mid-month counts
    for its days only, so a measure and the one replacing it never both count in full.
    Its points: tariff_weight x counted rate x coverage share x day share / 10, so one point is
    a trade-weighted additional tariff of 10 percentage points in one direction for a whole
    month (see int_tariffs_weighted_by_trade for the coverage share and counted rate).
    A table: the score, the tracked pairs and the scenario differences all read it. -#}
{{ config(materialized='table') }}

with

tariffs as (

    select * from {{ ref('int_tariffs_weighted_by_trade') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

tariffs_in_force as (

    select
        tariffs.*,
        months.month_start_date,
        {{ dbt.datediff(
            'greatest(tariffs.effective_date, months.month_start_date)',
            'least(coalesce(tariffs.end_date, months.next_month_start_date),'
            ~ ' months.next_month_start_date)',
            'day'
        ) }} as days_in_force,
        months.day_count,
        coalesce({{ month_start('tariffs.effective_date') }} = months.month_start_date, false)
            as is_record_start_month
    from tariffs
    inner join months
        on tariffs.effective_date <= months.month_end_date
            and (tariffs.end_date is null or tariffs.end_date > months.month_start_date)

),

scored as (

    select
        scenario_id,
        least(imposing_country_code, target_country_code) as country_a_code,
        greatest(imposing_country_code, target_country_code) as country_b_code,
        month_start_date,
        'tariff' as record_type,
        tariff_id as record_id,
        product_description as record_title,
        'tariff' as component,
        coverage_basis as contribution_basis,
        is_record_start_month,
        cast(days_in_force as {{ type_double() }}) / day_count as active_day_share,
        cast(
            {{ var('tariff_weight') }} * counted_rate_pct * coverage_share
            * days_in_force / day_count / 10.0
            as {{ type_double() }}
        ) as contribution,
        measure_id,
        imposing_country_code,
        target_country_code,
        counted_rate_pct,
        coverage_share
    from tariffs_in_force

)

select * from scored
