{#- Kept GDELT events per country pair and month: counts by QuadClass, mentions, the
    mentions-weighted mean Goldstein score and the mean tone. -#}
with

events as (

    select * from {{ ref('int_gdelt_events_classified') }}
    where is_kept

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
        cast(avg(avg_tone) as {{ type_double() }}) as mean_tone
    from events
    group by country_a_code, country_b_code, month_start_date

)

select * from aggregated
