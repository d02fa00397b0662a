{#- The export lines whose GLOBALEVENTID was already read on an earlier line: for each id seen
    more than once, every occurrence but the first in (file_name, line_number) order. Loading
    the same event twice (a file copied twice, overlapping downloads) then counts it once:
    stg_gdelt__events leaves these lines out. Rebuilt on every build over every loaded line, so
    an earlier-named copy loaded later still wins, exactly as in a full build; the id scan
    reads one column of the event layer and only repeated ids are ranked. -#}
{{ config(materialized='table') }}

with

export_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}
    where rejection_reason is null

),

repeated_ids as (

    select global_event_id_number
    from export_rows
    group by global_event_id_number
    having count(*) > 1

),

occurrences as (

    select
        export_rows.global_event_id_number,
        export_rows.file_name,
        export_rows.line_number,
        row_number() over (
            partition by export_rows.global_event_id_number
            order by export_rows.file_name, export_rows.line_number
        ) as occurrence_number
    from export_rows
    inner join repeated_ids
        on export_rows.global_event_id_number = repeated_ids.global_event_id_number

),

final as (

    select
        global_event_id_number as global_event_id,
        file_name,
        line_number,
        occurrence_number
    from occurrences
    where occurrence_number > 1

)

select * from final
