{#- The country pairs the curated facts track: every pair with a contribution from a curated
    component (var friction_components, those with is_curated: true — tariffs, disputes and
    meetings), codes in alphabetical order, in the baseline: a what-if scenario never changes
    which pairs are tracked. Sources of uncurated signals (GDELT) are scored
    for these pairs only. -#}
with

{% for component in var('friction_components') if component.is_curated %}
    {{ component.name }}_contributions as (

        select * from {{ ref(component.model) }}

    ),

{% endfor -%}

tracked as (

    {%- for component in var('friction_components') if component.is_curated %}
        select
            country_a_code,
            country_b_code
        from {{ component.name }}_contributions
        {%- if component.has_scenarios %}
            where scenario_id = '{{ var("baseline_scenario_id") }}'
        {%- endif %}
        {%- if not loop.last %}
            union
        {%- endif %}
    {%- endfor %}

)

select * from tracked
