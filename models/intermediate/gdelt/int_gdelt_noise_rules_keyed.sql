{#- One row: the key of everything that decides which GDELT events are kept, a hash of the
    noise-rule vars and the sorted ISO country list. The incremental GDELT aggregation stores
    it with each pair-month; when it changes (a var or countries.csv changed), every month is
    computed again instead of only the new ones. -#}
{%- set rules = [
    'root_events_only=' ~ var('gdelt_root_events_only'),
    'min_mentions=' ~ var('gdelt_min_mentions'),
    'state_actors_only=' ~ var('gdelt_state_actors_only'),
    'state_actor_types=' ~ var('gdelt_state_actor_types') | join(',')] -%}
with

countries as (

    select * from {{ ref('stg_curated__countries') }}

),

keyed as (

    select
        {{ dbt.hash(dbt.concat([
            "'" ~ rules | join(';') ~ ";countries='",
            listagg_sorted('country_code', "','"),
        ])) }} as noise_rules_key
    from countries

)

select * from keyed
