-- What made up Canada-China's friction score in January 2026, record by record?
-- Parameters: the pair (alphabetical order) and the month. Each row is one tariff, dispute or
-- meeting with its signed contribution; the contributions add up to pair_friction_score,
-- repeated on every row so the sum can be checked.
{% set country_a_code = 'CAN' -%}
{% set country_b_code = 'CHN' -%}
{% set month_start_date = '2026-01-01' -%}

with

contributions as (

    select * from {{ ref('fct_friction_contributions') }}

),

pair_friction as (

    select * from {{ ref('fct_country_pair_friction_monthly') }}

),

final as (

    select
        contributions.record_type,
        contributions.record_id,
        contributions.record_title,
        contributions.component,
        contributions.contribution,
        pair_friction.friction_score as pair_friction_score
    from contributions
    inner join pair_friction
        on contributions.country_a_code = pair_friction.country_a_code
            and contributions.country_b_code = pair_friction.country_b_code
            and contributions.month_start_date = pair_friction.month_start_date
    where contributions.country_a_code = '{{ country_a_code }}'
        and contributions.country_b_code = '{{ country_b_code }}'
        and contributions.month_start_date = cast('{{ month_start_date }}' as date)

)

select * from final
order by contribution desc, record_id asc
