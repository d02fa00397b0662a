with

source as (

    select * from {{ ref('scenario_overrides') }}

),

renamed as (

    select
        ---------- ids
        override_id,
        lower(trim(scenario_id)) as scenario_id,
        trim(record_id) as record_id,
        source_id,

        ---------- strings
        lower(trim(record_type)) as record_type,
        lower(trim(override_type)) as override_type,
        lower(nullif(trim(status), '')) as status,
        notes,

        ---------- numerics
        cast(rate_pct as {{ dbt.type_numeric() }}) as rate_pct,

        ---------- dates
        cast(end_date as date) as end_date

    from source

)

select * from renamed
