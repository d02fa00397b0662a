{#- Per direction (importer imposing on goods from the target) and month with a tariff in force:
    the trade-weighted average additional tariff (PIIE's measure: the rates in force weighted by
    the share of the importer's imports from the target they cover, averaged over the month's
    days) and the coverage share. The pair's tariff component is tariff_weight / 10 times the
    sum of its two directions. -#}
with

tariff_months as (

    select * from {{ ref('int_tariffs_spread_to_months') }}
    where scenario_id = '{{ var("baseline_scenario_id") }}'

),

by_direction as (

    select
        imposing_country_code,
        target_country_code,
        month_start_date,
        sum(counted_rate_pct * coverage_share * active_day_share)
            as trade_weighted_tariff_pct,
        sum(coverage_share * active_day_share) as covered_share_total,
        sum(
            case
                when contribution_basis = 'assumed_share'
                    then coverage_share * active_day_share
                else 0
            end
        ) as assumed_coverage_share,
        count(distinct measure_id) as measure_count,
        count(*) as tariff_row_count,
        sum(contribution) as tariff_points
    from tariff_months
    group by imposing_country_code, target_country_code, month_start_date

),

final as (

    select
        imposing_country_code,
        target_country_code,
        month_start_date,
        cast(trade_weighted_tariff_pct as {{ type_double() }}) as trade_weighted_tariff_pct,
        cast(least(covered_share_total, 1.0) as {{ type_double() }}) as coverage_share,
        cast(assumed_coverage_share as {{ type_double() }}) as assumed_coverage_share,
        coalesce(assumed_coverage_share > 0, false) as has_assumed_coverage,
        cast(measure_count as {{ dbt.type_int() }}) as measure_count,
        cast(tariff_row_count as {{ dbt.type_int() }}) as tariff_row_count,
        cast(tariff_points as {{ type_double() }}) as tariff_points
    from by_direction

)

select * from final
