-- Synthetic GDELT events (SOURCEURL starting with var gdelt_synthetic_url_prefix, written by
-- python -m pipeline.synthetic.generate_gdelt) never reach a published build by accident: one
-- row per file of the latest load that holds them. To build on generated events on purpose, set
-- FRICTION_GDELT_ALLOW_SYNTHETIC=1.
{%- set allowed = env_var('FRICTION_GDELT_ALLOW_SYNTHETIC', '') == '1' %}
with

events as (

    select * from {{ ref('stg_gdelt__events') }}
    where {{ latest_load_condition(ref('stg_gdelt__events')) }}

),

synthetic_files as (

    select
        file_name as found_in,
        count(*) as synthetic_event_count
    from events
    where is_synthetic
    group by file_name

),

final as (

    select
        found_in,
        synthetic_event_count,
        'synthetic GDELT events: set FRICTION_GDELT_ALLOW_SYNTHETIC=1 to build on them' as problem
    from synthetic_files

)

select * from final
{%- if allowed %}
where 1 = 0
{%- endif %}
