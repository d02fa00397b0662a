-- How did Canada-China friction change with the December 2018 Meng Wanzhou arrest?
-- Parameters: the dispute episode whose start is the event (the arrest, 2018-12-01), the pair
-- (alphabetical order) and the window length in months. "before" is the window_months whole
-- months before the arrest's month; "after" is the arrest's month and the months that follow
-- it, window_months in all. The pair has no row before its first record (December 2018), so
-- months of the warehouse calendar (from June 2018) without a row count as zero: a plain
-- filter on the pair's rows would find no "before" months at all.
{% set dispute_id = 'd_can_chn_meng_wanzhou_2018' -%}
{% set country_a_code = 'CAN' -%}
{% set country_b_code = 'CHN' -%}
{% set window_months = 6 -%}

{{ friction_before_and_after(
    event_model='fct_disputes',
    event_id_column='dispute_id',
    event_date_column='start_date',
    event_id=dispute_id,
    country_a_code=country_a_code,
    country_b_code=country_b_code,
    window_months=window_months,
) }}
