with

pair_months as (

    select * from {{ ref('int_country_pairs_spined') }}

),

contributions as (

    select * from {{ ref('int_friction_contributions_unioned') }}

),

components_by_pair_month as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        sum(case when component = 'tariff' then contribution else 0 end) as tariff_component,
        sum(case when component = 'dispute' then contribution else 0 end) as dispute_component,
        0 - sum(
            case when component = 'cooperation' then contribution else 0 end
        ) as cooperation_component,
        sum(case when component = 'gdelt' then contribution else 0 end) as gdelt_component,
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
        coalesce(components.tariff_component, 0) as tariff_component,
        coalesce(components.dispute_component, 0) as dispute_component,
        coalesce(components.cooperation_component, 0) as cooperation_component,
        coalesce(components.gdelt_component, 0) as gdelt_component,
        coalesce(components.active_tariff_count, 0) as active_tariff_count,
        coalesce(components.active_dispute_count, 0) as active_dispute_count,
        coalesce(components.meeting_count, 0) as meeting_count
    from pair_months
    left join components_by_pair_month as components
        on pair_months.country_a_code = components.country_a_code
            and pair_months.country_b_code = components.country_b_code
            and pair_months.month_start_date = components.month_start_date

),

scored as (

    select
        *,
        tariff_component + dispute_component - cooperation_component + gdelt_component
            as friction_score
    from gaps_filled

),

final as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        cast(friction_score as {{ type_double() }}) as friction_score,
        cast(tariff_component as {{ type_double() }}) as tariff_component,
        cast(dispute_component as {{ type_double() }}) as dispute_component,
        cast(cooperation_component as {{ type_double() }}) as cooperation_component,
        cast(gdelt_component as {{ type_double() }}) as gdelt_component,
        cast(
            friction_score - lag(friction_score) over (
                partition by country_a_code, country_b_code
                order by month_start_date
            ) as {{ type_double() }}
        ) as friction_change,
        cast(active_tariff_count as {{ dbt.type_int() }}) as active_tariff_count,
        cast(active_dispute_count as {{ dbt.type_int() }}) as active_dispute_count,
        cast(meeting_count as {{ dbt.type_int() }}) as meeting_count
    from scored

)

select * from final
