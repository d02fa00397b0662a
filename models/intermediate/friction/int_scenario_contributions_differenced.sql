{#- One row per what-if scenario, country pair and month where the scenario's contributions or
    the baseline's exist, for the pairs the scenario changes: the scenario's contributions less
    the baseline's, per component (the components with scenarios in var friction_components;
    the others, such as GDELT, are the same in every scenario). Differences are rounded to
    1e-9 points, so a month the scenario leaves alone is exactly zero. -#}
with

{% for component in var('friction_components') if component.has_scenarios %}
    {{ component.name }}_contributions as (

        select * from {{ ref(component.model) }}

    ),

{% endfor -%}

scenarios as (

    select * from {{ ref('int_scenarios_unioned_with_baseline') }}
    where not is_baseline

),

contributions as (

    {%- for component in var('friction_components') if component.has_scenarios %}
        select
            scenario_id,
            country_a_code,
            country_b_code,
            month_start_date,
            component,
            contribution
        from {{ component.name }}_contributions
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

scenario_contributions as (

    select
        scenario_id,
        country_a_code,
        country_b_code,
        month_start_date,
        component,
        contribution
    from contributions
    where scenario_id <> '{{ var("baseline_scenario_id") }}'

),

baseline_contributions_per_scenario as (

    select
        scenarios.scenario_id,
        contributions.country_a_code,
        contributions.country_b_code,
        contributions.month_start_date,
        contributions.component,
        -1.0 * contributions.contribution as contribution
    from contributions
    cross join scenarios
    where contributions.scenario_id = '{{ var("baseline_scenario_id") }}'

),

signed as (

    select * from scenario_contributions
    union all
    select * from baseline_contributions_per_scenario

),

differenced as (

    select
        {%- for component in var('friction_components') if component.has_scenarios %}
            floor(
                sum(case when component = '{{ component.name }}' then contribution else 0 end)
                * 1e9 + 0.5
            ) / 1e9 as {{ component.name }}_difference,
        {%- endfor %}
        scenario_id,
        country_a_code,
        country_b_code,
        month_start_date
    from signed
    group by scenario_id, country_a_code, country_b_code, month_start_date

),

totalled as (

    select
        *,
        {%- for component in var('friction_components') if component.has_scenarios %}
            {{ component.name }}_difference{{ ' +' if not loop.last }}
        {%- endfor %} as friction_difference,
        {%- for component in var('friction_components') if component.has_scenarios %}
            abs({{ component.name }}_difference){{ ' +' if not loop.last }}
        {%- endfor %} as absolute_change
    from differenced

),

changed_pairs as (

    select
        scenario_id,
        country_a_code,
        country_b_code
    from totalled
    group by scenario_id, country_a_code, country_b_code
    having sum(absolute_change) > 0

),

final as (

    select
        totalled.scenario_id,
        totalled.country_a_code,
        totalled.country_b_code,
        totalled.month_start_date,
        {%- for component in var('friction_components') if component.has_scenarios %}
            cast(totalled.{{ component.name }}_difference as {{ type_double() }})
                as {{ component.name }}_difference,
        {%- endfor %}
        cast(totalled.friction_difference as {{ type_double() }}) as friction_difference
    from totalled
    inner join changed_pairs
        on totalled.scenario_id = changed_pairs.scenario_id
            and totalled.country_a_code = changed_pairs.country_a_code
            and totalled.country_b_code = changed_pairs.country_b_code

)

select * from final
