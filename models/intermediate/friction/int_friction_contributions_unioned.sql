{#- Every signed contribution to a country pair's monthly friction, one row per pair, month and
    source record, from each component model listed in var friction_components (one line there
    and one model in the contribution layout add a component). Summing contribution over a
    pair-month gives its score. The baseline's rows only: what-if scenarios are read by
    int_scenario_contributions_differenced.
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
            {%- if component.has_scenarios %}
                scenario_id,
            {%- else %}
                cast('{{ var("baseline_scenario_id") }}' as {{ dbt.type_string() }})
                    as scenario_id,
            {%- endif %}
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
        {%- if component.has_scenarios %}
            where scenario_id = '{{ var("baseline_scenario_id") }}'
        {%- endif %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select * from unioned
