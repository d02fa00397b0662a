{#- Our trade-weighted additional tariff on a date beside an outside anchor's published average
    (PIIE's US-China tracker): the anchor's average less its pre-trade-war baseline is the
    additional tariff it measures. is_within_tolerance: the two differ by at most
    var tariff_benchmark_tolerance_pct_points; a checked anchor outside it fails a data test. -#}
with

benchmarks as (

    select * from {{ ref('stg_curated__tariff_benchmarks') }}

),

tariffs as (

    select * from {{ ref('int_tariffs_weighted_by_trade') }}
    where scenario_id = '{{ var("baseline_scenario_id") }}'

),

baselines as (

    select
        publisher,
        imposing_country_code,
        target_country_code,
        average_tariff_pct as baseline_tariff_pct
    from benchmarks
    where is_baseline

),

ours_on_date as (

    select
        benchmarks.benchmark_id,
        sum(tariffs.counted_rate_pct * tariffs.coverage_share) as trade_weighted_tariff_pct
    from benchmarks
    inner join tariffs
        on benchmarks.imposing_country_code = tariffs.imposing_country_code
            and benchmarks.target_country_code = tariffs.target_country_code
            and benchmarks.as_of_date >= tariffs.effective_date
            and (tariffs.end_date is null or benchmarks.as_of_date < tariffs.end_date)
    group by benchmarks.benchmark_id

),

compared as (

    select
        benchmarks.benchmark_id,
        benchmarks.publisher,
        benchmarks.imposing_country_code,
        benchmarks.target_country_code,
        benchmarks.as_of_date,
        benchmarks.average_tariff_pct as benchmark_average_tariff_pct,
        baselines.baseline_tariff_pct as benchmark_baseline_tariff_pct,
        benchmarks.average_tariff_pct - baselines.baseline_tariff_pct
            as benchmark_additional_tariff_pct,
        coalesce(ours_on_date.trade_weighted_tariff_pct, 0) as trade_weighted_tariff_pct,
        benchmarks.is_checked,
        benchmarks.source_id
    from benchmarks
    inner join baselines
        on benchmarks.publisher = baselines.publisher
            and benchmarks.imposing_country_code = baselines.imposing_country_code
            and benchmarks.target_country_code = baselines.target_country_code
    left join ours_on_date
        on benchmarks.benchmark_id = ours_on_date.benchmark_id
    where not benchmarks.is_baseline

),

final as (

    select
        benchmark_id,
        publisher,
        imposing_country_code,
        target_country_code,
        as_of_date,
        cast(benchmark_average_tariff_pct as {{ type_double() }}) as benchmark_average_tariff_pct,
        cast(benchmark_baseline_tariff_pct as {{ type_double() }})
            as benchmark_baseline_tariff_pct,
        cast(benchmark_additional_tariff_pct as {{ type_double() }})
            as benchmark_additional_tariff_pct,
        cast(trade_weighted_tariff_pct as {{ type_double() }}) as trade_weighted_tariff_pct,
        cast(
            trade_weighted_tariff_pct - benchmark_additional_tariff_pct as {{ type_double() }}
        ) as difference_pct_points,
        is_checked,
        coalesce(
            abs(trade_weighted_tariff_pct - benchmark_additional_tariff_pct)
            <= {{ var('tariff_benchmark_tolerance_pct_points') }},
            false
        ) as is_within_tolerance,
        source_id
    from compared

)

select * from final
