-- Did Canada-China friction ease after the January 2026 Carney-Xi meeting (3 months each side)?
-- Parameters: the meeting, the pair (alphabetical order) and the window length in months.
-- "before" is the window_months whole months before the meeting's month; "after" is the
-- meeting's month and the months that follow it, window_months in all (the meeting's
-- cooperation points start in its own month). Months of the warehouse calendar where the pair
-- has no row count as zero.
{% set meeting_id = 'm_carney_xi_beijing_2026' -%}
{% set country_a_code = 'CAN' -%}
{% set country_b_code = 'CHN' -%}
{% set window_months = 3 -%}

{{ friction_before_and_after(
    event_model='fct_meetings',
    event_id_column='meeting_id',
    event_date_column='start_date',
    event_id=meeting_id,
    country_a_code=country_a_code,
    country_b_code=country_b_code,
    window_months=window_months,
) }}
