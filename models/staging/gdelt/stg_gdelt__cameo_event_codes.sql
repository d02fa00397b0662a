{#- CAMEO event codes with their description, Goldstein score and root code (first two digits). -#}
with

event_codes as (

    select * from {{ ref('cameo_event_codes') }}

),

goldstein_scale as (

    select * from {{ ref('cameo_goldstein_scale') }}

),

joined as (

    select
        event_codes.cameo_event_code,
        substring(event_codes.cameo_event_code, 1, 2) as cameo_event_root_code,
        event_codes.event_description,
        cast(goldstein_scale.goldstein_scale as {{ type_double() }}) as goldstein_scale,
        event_codes.source_id
    from event_codes
    left join goldstein_scale
        on event_codes.cameo_event_code = goldstein_scale.cameo_event_code

)

select * from joined
