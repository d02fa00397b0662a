with

meetings as (

    select * from {{ ref('stg_curated__meetings') }}

),

final as (

    select
        meeting_id,
        meeting_title,
        meeting_type,
        start_date,
        end_date,
        date_precision,
        location_city,
        location_country_code,
        status,
        part_of_meeting_id,
        source_id,
        notes
    from meetings

)

select * from final
