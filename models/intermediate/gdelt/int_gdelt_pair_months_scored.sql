{#- The GDELT contribution to a pair-month's friction: gdelt_weight x (-weighted Goldstein) / 10,
    so a month of pure conflict (-10) adds gdelt_weight and one of pure cooperation (+10)
    subtracts it. Only pairs the curated facts track (a tariff, dispute or meeting) and months
    of the calendar are scored; every GDELT pair is in fct_gdelt_pair_events_monthly. -#}
with

pair_months as (

    select * from {{ ref('int_gdelt_events_aggregated_to_pair_months') }}

),

tracked_pairs as (

    select * from {{ ref('int_country_pairs_tracked') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

scored as (

    select
        pair_months.country_a_code,
        pair_months.country_b_code,
        pair_months.month_start_date,
        'gdelt' as record_type,
        {{ dbt.concat(["'gdelt_'", "pair_months.country_a_code", "'_'",
            "pair_months.country_b_code", "'_'",
            dbt.safe_cast("pair_months.month_start_date", dbt.type_string())]) }} as record_id,
        {{ dbt.concat(["'GDELT events ('",
            dbt.safe_cast("pair_months.event_count", dbt.type_string()), "')'"]) }}
            as record_title,
        'gdelt' as component,
        case
            when pair_months.synthetic_event_count > 0 then 'gdelt_goldstein_synthetic'
            else 'gdelt_goldstein'
        end as contribution_basis,
        true as is_record_start_month,
        cast(1.0 as {{ type_double() }}) as active_day_share,
        cast(
            {{ var('gdelt_weight') }} * (0 - pair_months.weighted_goldstein_scale) / 10.0
            as {{ type_double() }}
        ) as contribution
    from pair_months
    inner join tracked_pairs
        on pair_months.country_a_code = tracked_pairs.country_a_code
            and pair_months.country_b_code = tracked_pairs.country_b_code
    inner join months
        on pair_months.month_start_date = months.month_start_date

)

select * from scored
