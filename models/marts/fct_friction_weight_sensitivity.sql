{#- How robust the pairs' rankings and peaks are to the weights: every component's weight
    halved and doubled in turn (each component is linear in its weight, so rescaling the
    component equals a rebuild with that var changed). One row per scenario and pair: its peak
    month and score, and its rank among the pairs by mean score in
    var sensitivity_ranking_year, each beside the baseline. -#}
{%- set factors = [0.5, 2.0] -%}
with

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

scenarios as (

    select
        'baseline' as scenario_id,
        'none' as varied_component,
        1.0 as weight_factor
    {%- for component in var('friction_components') %}
        {%- for factor in factors %}
            union all
            select
                '{{ component.name }}_x{{ factor }}' as scenario_id,
                '{{ component.name }}' as varied_component,
                {{ factor }} as weight_factor
        {%- endfor %}
    {%- endfor %}

),

rescored as (

    select
        scenarios.scenario_id,
        scenarios.varied_component,
        scenarios.weight_factor,
        pair_friction.country_a_code,
        pair_friction.country_b_code,
        pair_friction.month_start_date,
        0
        {%- for component in var('friction_components') %}
            + pair_friction.{{ component.name }}_component * case
                when scenarios.varied_component = '{{ component.name }}'
                    then scenarios.weight_factor
                else 1.0
            end
        {%- endfor %}
            as friction_score
    from pair_friction
    cross join scenarios

),

peaks as (

    select
        *,
        row_number() over (
            partition by scenario_id, country_a_code, country_b_code
            order by cast(friction_score as decimal(28, 6)) desc, month_start_date asc
        ) as peak_rank
    from rescored

),

year_means as (

    select
        scenario_id,
        country_a_code,
        country_b_code,
        avg(friction_score) as mean_score
    from rescored
    where extract(year from month_start_date) = {{ var('sensitivity_ranking_year') }}
    group by scenario_id, country_a_code, country_b_code

),

ranked as (

    select
        *,
        row_number() over (
            partition by scenario_id
            order by cast(mean_score as decimal(28, 6)) desc, country_a_code, country_b_code asc
        ) as pair_rank
    from year_means

),

summaries as (

    select
        peaks.scenario_id,
        peaks.varied_component,
        peaks.weight_factor,
        peaks.country_a_code,
        peaks.country_b_code,
        peaks.month_start_date as peak_month_start_date,
        peaks.friction_score as peak_friction_score,
        ranked.mean_score as ranking_year_mean_score,
        ranked.pair_rank as ranking_year_rank
    from peaks
    left join ranked
        on peaks.scenario_id = ranked.scenario_id
            and peaks.country_a_code = ranked.country_a_code
            and peaks.country_b_code = ranked.country_b_code
    where peaks.peak_rank = 1

),

baseline as (

    select * from summaries
    where scenario_id = 'baseline'

),

final as (

    select
        summaries.scenario_id,
        summaries.varied_component,
        cast(summaries.weight_factor as {{ type_double() }}) as weight_factor,
        summaries.country_a_code,
        summaries.country_b_code,
        summaries.peak_month_start_date,
        cast(summaries.peak_friction_score as {{ type_double() }}) as peak_friction_score,
        baseline.peak_month_start_date as baseline_peak_month_start_date,
        coalesce(summaries.peak_month_start_date = baseline.peak_month_start_date, false)
            as has_same_peak_month,
        cast(summaries.ranking_year_mean_score as {{ type_double() }})
            as ranking_year_mean_score,
        cast(summaries.ranking_year_rank as {{ dbt.type_int() }}) as ranking_year_rank,
        cast(baseline.ranking_year_rank as {{ dbt.type_int() }}) as baseline_ranking_year_rank,
        coalesce(
            summaries.ranking_year_rank = baseline.ranking_year_rank
            or (summaries.ranking_year_rank is null and baseline.ranking_year_rank is null),
            false
        ) as has_same_rank
    from summaries
    inner join baseline
        on summaries.country_a_code = baseline.country_a_code
            and summaries.country_b_code = baseline.country_b_code

)

select * from final
