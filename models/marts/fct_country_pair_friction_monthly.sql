{#- One row per country pair and month while the pair has friction on record: from the month of
    its first contribution to the month after its last one (when its score is back to zero),
    gaps in between included (a gap month scores zero), never past the calendar. Sparse on
    purpose: a pair that was active for a year has about 13 rows, not one per month of history. -#}
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

pair_months as (

    select
        pair_spans.country_a_code,
        pair_spans.country_b_code,
        months.month_start_date
    from pair_spans
    inner join months
        on pair_spans.first_month_start_date <= months.month_start_date
            and months.month_start_date <= {{ dbt.dateadd(
                'month', '1', 'pair_spans.last_month_start_date') }}

),

components_by_pair_month as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        sum(contribution) as friction_score,
        {%- for component in var('friction_components') %}
            sum(
                case when component = '{{ component.name }}' then contribution else 0 end
            ) as {{ component.name }}_component,
        {%- endfor %}
        sum(case when record_type = 'tariff' then 1 else 0 end) as active_tariff_count,
        sum(case when record_type = 'dispute' then 1 else 0 end) as active_dispute_count,
        sum(
            case when record_type = 'meeting' and is_record_start_month then 1 else 0 end
        ) as meeting_count
    from contributions
    group by country_a_code, country_b_code, month_start_date

),

gaps_filled as (

    select
        pair_months.country_a_code,
        pair_months.country_b_code,
        pair_months.month_start_date,
        coalesce(components.friction_score, 0) as friction_score,
        {%- for component in var('friction_components') %}
            coalesce(components.{{ component.name }}_component, 0)
                as {{ component.name }}_component,
        {%- endfor %}
        coalesce(components.active_tariff_count, 0) as active_tariff_count,
        coalesce(components.active_dispute_count, 0) as active_dispute_count,
        coalesce(components.meeting_count, 0) as meeting_count
    from pair_months
    left join components_by_pair_month as components
        on pair_months.country_a_code = components.country_a_code
            and pair_months.country_b_code = components.country_b_code
            and pair_months.month_start_date = components.month_start_date

),

final as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        cast(friction_score as {{ type_double() }}) as friction_score,
        {%- for component in var('friction_components') %}
            cast({{ component.name }}_component as {{ type_double() }})
                as {{ component.name }}_component,
        {%- endfor %}
        cast(
            friction_score - lag(friction_score) over (
                partition by country_a_code, country_b_code
                order by month_start_date
            ) as {{ type_double() }}
        ) as friction_change,
        cast(active_tariff_count as {{ dbt.type_int() }}) as active_tariff_count,
        cast(active_dispute_count as {{ dbt.type_int() }}) as active_dispute_count,
        cast(meeting_count as {{ dbt.type_int() }}) as meeting_count
    from gaps_filled

)

select * from final
