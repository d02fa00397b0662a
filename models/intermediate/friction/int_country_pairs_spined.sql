{#- One row per country pair and month while the pair has friction on record: from the month of
    its first contribution to the month after its last one (when its score is back to zero),
    gaps in between included, never past the calendar. Sparse on purpose: a pair that was
    active for a year has about 13 rows, not one per month of history. -#}
with

contributions as (

    select * from {{ ref('int_friction_contributions_unioned') }}

),

months as (

    select * from {{ ref('int_months_enumerated') }}

),

pair_spans as (

    select
        country_a_code,
        country_b_code,
        min(month_start_date) as first_month_start_date,
        max(month_start_date) as last_month_start_date
    from contributions
    group by country_a_code, country_b_code

),

spined as (

    select
        pair_spans.country_a_code,
        pair_spans.country_b_code,
        months.month_start_date
    from pair_spans
    inner join months
        on pair_spans.first_month_start_date <= months.month_start_date
            and months.month_start_date <= {{ dbt.dateadd(
                'month', '1', 'pair_spans.last_month_start_date') }}

)

select * from spined
