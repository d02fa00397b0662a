{#- Every signed contribution to a country pair's monthly friction, one row per pair,
    month and source record. Summing contribution over a pair-month gives its score. -#}
with

tariff_contributions as (

    select * from {{ ref('int_tariffs_spread_to_months') }}

),

dispute_contributions as (

    select * from {{ ref('int_disputes_spread_to_months') }}

),

meeting_contributions as (

    select * from {{ ref('int_meetings_spread_to_months') }}

),

gdelt_contributions as (

    select * from {{ ref('int_gdelt_pair_months_scored') }}

),

unioned as (

    select * from tariff_contributions
    union all
    select * from dispute_contributions
    union all
    select * from meeting_contributions
    union all
    select * from gdelt_contributions

)

select * from unioned
