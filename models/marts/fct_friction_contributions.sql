with

contributions as (

    select * from {{ ref('int_friction_contributions_unioned') }}

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'country_a_code', "'|'", 'country_b_code', "'|'",
            dbt.cast('month_start_date', dbt.type_string()), "'|'",
            'record_type', "'|'", 'record_id'
        ])) }} as contribution_id,
        country_a_code,
        country_b_code,
        month_start_date,
        record_type,
        record_id,
        record_title,
        component,
        contribution_basis,
        active_day_share,
        contribution
    from contributions

)

select * from final
