with

source as (

    select * from {{ ref('meetings') }}

),

renamed as (

    select
        ---------- ids
        meeting_id,
        nullif(trim(part_of_meeting_id), '') as part_of_meeting_id,
        upper(nullif(trim(location_country_code), '')) as location_country_code,
        source_id,

        ---------- strings
        meeting_title,
        lower(meeting_type) as meeting_type,
        lower(date_precision) as date_precision,
        nullif(trim(location_city), '') as location_city,
        lower(status) as status,
        notes,

        ---------- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date

    from source

)

select * from renamed
