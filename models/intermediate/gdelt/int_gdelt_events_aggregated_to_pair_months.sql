{{ config(
    materialized=upsert_materialization(),
    incremental_strategy='delete+insert',
    unique_key='month_start_date',
    on_schema_change='fail',
    pre_hook="{{ delete_rows_of_other_noise_rules() }}",
) }}

{#- Kept GDELT events per country pair and month: counts by QuadClass, mentions, the
    mentions-weighted mean Goldstein score and the mean tone.
    Incremental: a build recomputes only the months that received events classified since the
    previous build (delete+insert by month). When the noise rules or the country list changed
    (noise_rules_key), the pre-hook empties the table first, so every month is recomputed. -#}
{%- if is_incremental() %}
    {#- (the rows of other noise rules are deleted by the pre-hook, so they do not count) -#}
    {%- set new_months = gdelt_months_to_recompute(
        ref('int_gdelt_events_classified'),
        unprocessed_loads_condition(this,
            'noise_rules_key = (select noise_rules_key from '
            ~ ref('int_gdelt_noise_rules_keyed') ~ ')')) %}
{%- endif %}
with

events as (

    select * from {{ ref('int_gdelt_events_classified') }}

),

noise_rules as (

    select * from {{ ref('int_gdelt_noise_rules_keyed') }}

),

kept_events as (

    select * from events
    where is_kept
    {%- if is_incremental() %}
        -- the months that received events since the previous build, as constants (the scan
        -- skips the other months' rows)
        and {{ gdelt_months_condition(new_months) }}
    {%- endif %}

),

aggregated as (

    select
        country_a_code,
        country_b_code,
        month_start_date,
        count(*) as event_count,
        sum(case when quad_class = 1 then 1 else 0 end) as verbal_cooperation_count,
        sum(case when quad_class = 2 then 1 else 0 end) as material_cooperation_count,
        sum(case when quad_class = 3 then 1 else 0 end) as verbal_conflict_count,
        sum(case when quad_class = 4 then 1 else 0 end) as material_conflict_count,
        sum(num_mentions) as mention_count,
        cast(
            sum(goldstein_scale * num_mentions) / sum(num_mentions) as {{ type_double() }}
        ) as weighted_goldstein_scale,
        cast(avg(avg_tone) as {{ type_double() }}) as mean_tone,
        sum(case when is_synthetic then 1 else 0 end) as synthetic_event_count,
        max(loaded_at) as loaded_at
    from kept_events
    group by country_a_code, country_b_code, month_start_date

),

final as (

    select
        aggregated.*,
        noise_rules.noise_rules_key
    from aggregated
    cross join noise_rules

)

select * from final
