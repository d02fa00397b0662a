{#- Every signed contribution to a country pair's monthly friction, one row per pair, month and
    source record, from each component model listed in var friction_components (one line there
    and one model in the contribution layout add a component). Summing contribution over a
    pair-month gives its score.
    A table: two marts read it, and it ends the chain of views from the component models
    (a view here would recompute every component for each of them). -#}
{{ config(materialized='table') }}

with

{% for component in var('friction_components') %}
    {{ component.name }}_contributions as (

        select * from {{ ref(component.model) }}

    ),

{% endfor -%}

unioned as (

    {%- for component in var('friction_components') %}
        select
            country_a_code,
            country_b_code,
            month_start_date,
            record_type,
            record_id,
            record_title,
            component,
            contribution_basis,
            is_record_start_month,
            active_day_share,
            contribution
        from {{ component.name }}_contributions
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select * from unioned
