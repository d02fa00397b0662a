with

source as (

    select * from {{ ref('disputes') }}

),

renamed as (

    select
        ---------- ids
        dispute_id,
        upper(initiator_country_code) as initiator_country_code,
        upper(target_country_code) as target_country_code,
        source_id,

        ---------- strings
        dispute_title,
        lower(dispute_type) as dispute_type,
        lower(date_precision) as date_precision,
        lower(status) as status,
        notes,

        ---------- numerics
        cast(severity as {{ dbt.type_int() }}) as severity,

        ---------- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date

    from source

)

select * from renamed
