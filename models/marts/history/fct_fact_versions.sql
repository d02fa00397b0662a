-- Every recorded version of the curated tariffs, disputes and meetings, from their snapshots:
-- what the warehouse said about a fact, from which build to which.
with

tariff_versions as (

    select * from {{ ref('snp_curated__tariffs') }}

),

dispute_versions as (

    select * from {{ ref('snp_curated__disputes') }}

),

meeting_versions as (

    select * from {{ ref('snp_curated__meetings') }}

),

versions_unioned as (

    select
        fact_version_id,
        'tariff' as fact_type,
        tariff_id as fact_id,
        product_description as fact_title,
        cast(null as {{ dbt.type_string() }}) as fact_status,
        effective_date as start_date,
        end_date,
        rate_pct,
        source_id,
        recorded_from_at,
        recorded_to_at
    from tariff_versions
    union all
    select
        fact_version_id,
        'dispute' as fact_type,
        dispute_id as fact_id,
        dispute_title as fact_title,
        status as fact_status,
        start_date,
        end_date,
        cast(null as decimal(28, 6)) as rate_pct,
        source_id,
        recorded_from_at,
        recorded_to_at
    from dispute_versions
    union all
    select
        fact_version_id,
        'meeting' as fact_type,
        meeting_id as fact_id,
        meeting_title as fact_title,
        status as fact_status,
        start_date,
        end_date,
        cast(null as decimal(28, 6)) as rate_pct,
        source_id,
        recorded_from_at,
        recorded_to_at
    from meeting_versions

),

versions_numbered as (

    select
        *,
        row_number() over (
            partition by fact_type, fact_id
            order by recorded_from_at
        ) as version_number,
        lead(recorded_from_at) over (
            partition by fact_type, fact_id
            order by recorded_from_at
        ) as next_recorded_from_at
    from versions_unioned

),

final as (

    select
        fact_version_id,
        fact_type,
        fact_id,
        cast(version_number as {{ dbt.type_int() }}) as version_number,
        fact_title,
        fact_status,
        start_date,
        end_date,
        cast(rate_pct as decimal(28, 6)) as rate_pct,
        source_id,
        cast(recorded_from_at as {{ dbt.type_timestamp() }}) as recorded_from_at,
        cast(recorded_to_at as {{ dbt.type_timestamp() }}) as recorded_to_at,
        recorded_to_at is null as is_current_version,
        -- closed with no version right after it: the row was removed from its seed
        (
            recorded_to_at is not null
            and (next_recorded_from_at is null or next_recorded_from_at > recorded_to_at)
        ) as is_closed_by_removal
    from versions_numbered

)

select * from final
