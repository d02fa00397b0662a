with

pair_months as (

    select * from {{ ref('int_gdelt_events_aggregated_to_pair_months') }}

),

final as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        cast(event_count as {{ dbt.type_bigint() }}) as event_count,
        cast(verbal_cooperation_count as {{ dbt.type_bigint() }}) as verbal_cooperation_count,
        cast(material_cooperation_count as {{ dbt.type_bigint() }})
            as material_cooperation_count,
        cast(verbal_conflict_count as {{ dbt.type_bigint() }}) as verbal_conflict_count,
        cast(material_conflict_count as {{ dbt.type_bigint() }}) as material_conflict_count,
        cast(mention_count as {{ dbt.type_bigint() }}) as mention_count,
        weighted_goldstein_scale,
        mean_tone,
        cast(synthetic_event_count as {{ dbt.type_bigint() }}) as synthetic_event_count
    from pair_months

)

select * from final
