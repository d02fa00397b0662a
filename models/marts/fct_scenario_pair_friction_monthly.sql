{#- One row per what-if scenario, country pair and month, for the pairs the scenario changes:
    the pair's baseline score (fct_country_pair_friction_monthly; zero outside its rows), the
    scenario's score and the difference, in total and per component. A month where the
    scenario changes nothing has a difference of zero; pairs it does not change have no rows
    (their scenario score is the baseline's). -#}
with

differences as (

    select * from {{ ref('int_scenario_contributions_differenced') }}

),

pair_months as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

changed_pairs as (

    select distinct
        scenario_id,
        country_a_code,
        country_b_code
    from differences

),

baseline_months as (

    select
        changed_pairs.scenario_id,
        pair_months.country_a_code,
        pair_months.country_b_code,
        pair_months.month_start_date,
        pair_months.friction_score
    from changed_pairs
    inner join pair_months
        on changed_pairs.country_a_code = pair_months.country_a_code
            and changed_pairs.country_b_code = pair_months.country_b_code

),

joined as (

    select
        coalesce(baseline_months.scenario_id, differences.scenario_id) as scenario_id,
        coalesce(baseline_months.country_a_code, differences.country_a_code) as country_a_code,
        coalesce(baseline_months.country_b_code, differences.country_b_code) as country_b_code,
        coalesce(baseline_months.month_start_date, differences.month_start_date)
            as month_start_date,
        {%- for component in var('friction_components') if component.has_scenarios %}
            coalesce(differences.{{ component.name }}_difference, 0)
                as {{ component.name }}_difference,
        {%- endfor %}
        coalesce(baseline_months.friction_score, 0) as baseline_friction_score,
        coalesce(differences.friction_difference, 0) as friction_difference
    from baseline_months
    full outer join differences
        on baseline_months.scenario_id = differences.scenario_id
            and baseline_months.country_a_code = differences.country_a_code
            and baseline_months.country_b_code = differences.country_b_code
            and baseline_months.month_start_date = differences.month_start_date

),

final as (

    select
        scenario_id,
        country_a_code,
        country_b_code,
        month_start_date,
        cast(baseline_friction_score as {{ type_double() }}) as baseline_friction_score,
        cast(baseline_friction_score + friction_difference as {{ type_double() }})
            as scenario_friction_score,
        cast(friction_difference as {{ type_double() }}) as friction_difference,
        {%- for component in var('friction_components') if component.has_scenarios %}
            cast({{ component.name }}_difference as {{ type_double() }})
                as {{ component.name }}_difference,
        {%- endfor %}
        coalesce(friction_difference <> 0, false) as is_changed
    from joined

)

select * from final
