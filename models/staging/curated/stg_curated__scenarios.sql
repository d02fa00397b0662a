with

source as (

    select * from {{ ref('scenarios') }}

),

renamed as (

    select
        ---------- ids
        lower(trim(scenario_id)) as scenario_id,
        source_id,

        ---------- strings
        scenario_title,
        scenario_description

    from source

)

select * from renamed
