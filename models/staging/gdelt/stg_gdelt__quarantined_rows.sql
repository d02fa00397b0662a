{#- GDELT export lines that could not be used, with the file, the line and the reason, so that
    nothing is dropped silently. The build prints how many there are. -#}
with

export_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}

),

quarantined as (

    select
        file_name,
        line_number,
        rejection_reason,
        field_count,
        substring(raw_line, 1, 500) as raw_line_start
    from export_rows
    where rejection_reason is not null

)

select * from quarantined
