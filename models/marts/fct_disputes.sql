with

disputes as (

    select * from {{ ref('stg_curated__disputes') }}

),

final as (

    select
        dispute_id,
        dispute_title,
        dispute_type,
        initiator_country_code,
        target_country_code,
        start_date,
        end_date,
        date_precision,
        status,
        severity,
        source_id,
        notes
    from disputes

)

select * from final
