{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='global_event_id',
    on_schema_change='fail',
) }}

{#- The export lines whose GLOBALEVENTID was already read on an earlier line: for each id seen
    more than once, every occurrence but the first in (file_name, line_number) order. Loading
    the same event twice (a file copied twice, overlapping downloads) then counts it once:
    stg_gdelt__events leaves these lines out.
    Incremental: loaded lines never change (a changed file stops the build), so only the ids of
    the latest load can gain an occurrence. A build ranks every loaded line of those ids again
    and replaces their rows (delete+insert by id), so an earlier-named copy loaded later still
    wins, exactly as in a full build; the id scan reads one column of the event layer. -#}
with

export_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}
    where rejection_reason is null

),

{%- if is_incremental() %}

-- a second import, not a CTE read twice (which DuckDB would materialize whole)
latest_load_rows as (

    select * from {{ ref('base_gdelt__export_rows') }}
    where
        rejection_reason is null
        and {{ latest_load_condition(ref('base_gdelt__export_rows')) }}

),

latest_load_ids as (

    select distinct global_event_id_number
    from latest_load_rows

),

{%- endif %}

ranked_rows as (

    select export_rows.*
    from export_rows
    {%- if is_incremental() %}
        inner join latest_load_ids
            on export_rows.global_event_id_number = latest_load_ids.global_event_id_number
    {%- endif %}

),

repeated_ids as (

    select global_event_id_number
    from ranked_rows
    group by global_event_id_number
    having count(*) > 1

),

occurrences as (

    select
        ranked_rows.global_event_id_number,
        ranked_rows.file_name,
        ranked_rows.line_number,
        row_number() over (
            partition by ranked_rows.global_event_id_number
            order by ranked_rows.file_name, ranked_rows.line_number
        ) as occurrence_number
    from ranked_rows
    inner join repeated_ids
        on ranked_rows.global_event_id_number = repeated_ids.global_event_id_number

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
