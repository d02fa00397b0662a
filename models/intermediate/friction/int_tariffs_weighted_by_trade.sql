{#- One row per scenario and tariff row that is ever in force in it (the baseline and every
    what-if scenario: int_tariffs_scenario_applied), with the share of the importer's imports from
    the target country that it covers (its trade weight) and how that share was found:
    - all_goods: the measure covers every good from the target country (share 1);
    - sourced_share: a source states the share of imports the row covers;
    - sourced_value: the row's sourced covered value divided by the importer's imports from the
      target in the same currency, in its trade year (covered_import_year, else the year before
      the row took effect; the nearest recorded year when that one is missing), at most 1. A
      value that is the measure's total (is_measure_total) is shared evenly by the measure's
      rows that carry it;
    - assumed_share: no sourced coverage; the measure is assumed to cover
      var tariff_assumed_coverage_share of the imports, shared evenly by its rows without a
      sourced coverage.
    Shares are split per measure and direction, so splitting one decision into product rows
    never multiplies its weight. counted_rate_pct is the rate the score counts: capped at
    tariff_rate_cap_pct, and tariff_unrated_rate_pct for a ban or quota with no ad-valorem
    rate. -#}
with

tariffs as (

    select * from {{ ref('int_tariffs_scenario_applied') }}

),

imports as (

    select * from {{ ref('stg_curated__bilateral_goods_imports') }}

),

tariffs_ever_in_force as (

    select
        *,
        coalesce(
            covered_import_year,
            cast(extract(year from effective_date) as {{ dbt.type_int() }}) - 1
        ) as coverage_trade_year,
        case
            when covers_all_goods then 'all_goods'
            when covered_import_share is not null then 'sourced_share'
            when covered_import_value_bn is not null then 'sourced_value'
            else 'assumed_share'
        end as coverage_basis
    from tariffs
    where effective_date is not null
        and (end_date is null or end_date > effective_date)

),

import_years_ranked as (

    select
        tariffs.scenario_id,
        tariffs.tariff_id,
        imports.trade_year,
        imports.import_value_bn,
        row_number() over (
            partition by tariffs.scenario_id, tariffs.tariff_id
            order by abs(imports.trade_year - tariffs.coverage_trade_year), imports.trade_year
        ) as year_rank
    from tariffs_ever_in_force as tariffs
    inner join imports
        on tariffs.imposing_country_code = imports.importer_country_code
            and tariffs.target_country_code = imports.exporter_country_code
            and tariffs.covered_import_currency_code = imports.currency_code
    where tariffs.coverage_basis = 'sourced_value'

),

base_imports as (

    select * from import_years_ranked
    where year_rank = 1

),

rows_sharing_a_coverage as (

    select
        scenario_id,
        measure_id,
        imposing_country_code,
        target_country_code,
        coverage_basis,
        count(*) as sharing_row_count
    from tariffs_ever_in_force
    where coverage_basis = 'assumed_share'
        or (coverage_basis = 'sourced_value' and is_measure_total)
    group by scenario_id, measure_id, imposing_country_code, target_country_code, coverage_basis

),

weighted as (

    select
        tariffs.scenario_id,
        tariffs.tariff_id,
        tariffs.measure_id,
        tariffs.imposing_country_code,
        tariffs.target_country_code,
        tariffs.product_description,
        tariffs.effective_date,
        tariffs.end_date,
        cast(
            least(
                coalesce(tariffs.rate_pct, {{ var('tariff_unrated_rate_pct') }}),
                {{ var('tariff_rate_cap_pct') }}
            ) as {{ type_double() }}
        ) as counted_rate_pct,
        tariffs.coverage_basis,
        base_imports.trade_year as base_trade_year,
        base_imports.import_value_bn as base_import_value_bn,
        tariffs.covered_import_currency_code as base_import_currency_code,
        coalesce(sharing.sharing_row_count, 1) as sharing_row_count,
        cast(
            case
                when tariffs.coverage_basis = 'all_goods' then 1.0
                when tariffs.coverage_basis = 'sourced_share'
                    then cast(tariffs.covered_import_share as {{ type_double() }})
                when tariffs.coverage_basis = 'assumed_share'
                    then cast({{ var('tariff_assumed_coverage_share') }} as {{ type_double() }})
                        / sharing.sharing_row_count
                else least(
                        1.0,
                        cast(tariffs.covered_import_value_bn as {{ type_double() }})
                        / cast(base_imports.import_value_bn as {{ type_double() }})
                    ) / coalesce(sharing.sharing_row_count, 1)
            end as {{ type_double() }}
        ) as coverage_share
    from tariffs_ever_in_force as tariffs
    left join base_imports
        on tariffs.scenario_id = base_imports.scenario_id
            and tariffs.tariff_id = base_imports.tariff_id
    left join rows_sharing_a_coverage as sharing
        on tariffs.scenario_id = sharing.scenario_id
            and tariffs.measure_id = sharing.measure_id
            and tariffs.imposing_country_code = sharing.imposing_country_code
            and tariffs.target_country_code = sharing.target_country_code
            and tariffs.coverage_basis = sharing.coverage_basis

)

select * from weighted
