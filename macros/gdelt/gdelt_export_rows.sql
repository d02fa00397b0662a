{#- The 61 fields of a GDELT 2.0 event export line, in file order, as snake_case names. -#}
{% macro gdelt_event_fields() -%}
    {%- set actor = [
        'code', 'name', 'country_code', 'known_group_code', 'ethnic_code', 'religion1_code',
        'religion2_code', 'type1_code', 'type2_code', 'type3_code'] -%}
    {%- set geo = [
        'type', 'full_name', 'country_code', 'adm1_code', 'adm2_code', 'lat', 'long',
        'feature_id'] -%}
    {%- set fields = ['global_event_id', 'sql_date', 'month_year', 'year_number', 'fraction_date'] -%}
    {%- for part in actor %}{% do fields.append('actor1_' ~ part) %}{% endfor -%}
    {%- for part in actor %}{% do fields.append('actor2_' ~ part) %}{% endfor -%}
    {%- for name in ['is_root_event', 'event_code', 'event_base_code', 'event_root_code',
        'quad_class', 'goldstein_scale', 'num_mentions', 'num_sources', 'num_articles',
        'avg_tone'] %}{% do fields.append(name) %}{% endfor -%}
    {%- for prefix in ['actor1_geo_', 'actor2_geo_', 'action_geo_'] -%}
        {%- for part in geo %}{% do fields.append(prefix ~ part) %}{% endfor -%}
    {%- endfor -%}
    {%- do fields.append('date_added') -%}
    {%- do fields.append('source_url') -%}
    {{ return(fields) }}
{%- endmacro %}

{#- The files to read: <gdelt_dir>/*.export.CSV, the folder from the FRICTION_GDELT_DIR
    environment variable or the gdelt_dir var (default: the real sample shipped in the repo). -#}
{% macro gdelt_files_glob() -%}
    {{ return(env_var('FRICTION_GDELT_DIR', var('gdelt_dir')).rstrip('/') ~ '/*.export.CSV') }}
{%- endmacro %}

{#- Every non-empty line of the GDELT export files (a glob, or a list of paths): file_name,
    line_number (1-based, per file), raw_line, field_count and the 61 fields as strings (empty ->
    null). Reading files and splitting lines is engine-specific, hence dispatched. -#}
{% macro gdelt_export_rows(files) -%}
    {{ return(adapter.dispatch('gdelt_export_rows', 'friction')(files)) }}
{%- endmacro %}

{% macro default__gdelt_export_rows(files) -%}
    {{ exceptions.raise_compiler_error(
        "Reading GDELT export files is implemented for DuckDB; on " ~ target.type
        ~ " load them with the engine's own loader (see the README).") }}
{%- endmacro %}

{% macro duckdb__gdelt_export_rows(files) -%}
{%- set fields = gdelt_event_fields() -%}
{%- if files is string -%}
    {%- set file_list = "'" ~ files ~ "'" -%}
{%- else -%}
    {%- set file_list = "['" ~ files | join("', '") ~ "']" -%}
{%- endif -%}
select
    split_lines.file_name,
    split_lines.line_number,
    split_lines.raw_line,
    len(split_lines.field_values) as field_count,
    {%- for name in fields %}
    nullif(split_lines.field_values[{{ loop.index }}], '') as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
from (
    select
        export_lines.file_name,
        export_lines.line_number,
        export_lines.raw_line,
        string_split(export_lines.raw_line, chr(9)) as field_values
    from (
        select
            parse_filename(export_files.filename) as file_name,
            rtrim(unnest(string_split(export_files.content, chr(10))), chr(13)) as raw_line,
            generate_subscripts(string_split(export_files.content, chr(10)), 1) as line_number
        from read_text({{ file_list }}) as export_files
    ) as export_lines
    where export_lines.raw_line <> ''
) as split_lines
{%- endmacro %}
