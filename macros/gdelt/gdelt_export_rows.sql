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

{#- The columns of gdelt_export_rows, selected from a subquery split_lines (file_name,
    line_number, raw_line, field_values): field_count, read_error (null: these readers read
    every line), and field i (1-based) as element with {i} replaced by i, empty text as null. -#}
{% macro gdelt_split_line_columns(field_count, element, null_text) -%}
    split_lines.file_name,
    split_lines.line_number,
    split_lines.raw_line,
    {{ field_count }} as field_count,
    {{ null_text }} as read_error,
    {%- for name in gdelt_event_fields() %}
    nullif({{ element | replace('{i}', loop.index | string) }}, '') as {{ name }}
    {{- ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Every non-empty line of the GDELT export files (a glob, or a list of paths): file_name,
    line_number (1-based, per file), raw_line, field_count and the 61 fields as strings (empty ->
    null). Reading files and splitting lines is engine-specific, hence dispatched. -#}
{% macro gdelt_export_rows(files) -%}
    {{ return(adapter.dispatch('gdelt_export_rows', 'friction')(files)) }}
{%- endmacro %}

{% macro default__gdelt_export_rows(files) -%}
    {{ exceptions.raise_compiler_error(
        "Reading GDELT export files is implemented for DuckDB, Postgres and Spark, not for "
        ~ target.type ~ " (see docs/engines.md).") }}
{%- endmacro %}

{#- DuckDB reads the files with its own CSV reader (read_csv: parallel, the engine's native
    speed) as 61 text columns, no quoting, empty fields as null, in one pass. Lines read_csv
    cannot take (too few or too many fields, invalid UTF-8) go to its rejects tables
    (store_rejects) with their file and line; gdelt_write_event_batch numbers the kept lines and
    adds the rejected ones, so the quarantine has the same file, line and reason as on every
    other engine. Kept lines carry no raw_line: a line is not stored twice. -#}
{% macro duckdb__gdelt_export_rows(files) -%}
{%- if files is string -%}
    {%- set file_list = string_literal(files) -%}
{%- else -%}
    {%- set file_list = string_list_literal(files) -%}
{%- endif -%}
{%- set columns = [] -%}
{%- for name in gdelt_event_fields() %}{% do columns.append("'" ~ name ~ "': 'varchar'") %}{% endfor -%}
select
    parse_filename(export_files.filename) as file_name,
    cast(null as bigint) as line_number,
    cast(null as varchar) as raw_line,
    61 as field_count,
    cast(null as varchar) as read_error,
    {%- for name in gdelt_event_fields() %}
    export_files.{{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
from
    read_csv(
        {{ file_list }},
        delim = '\t',
        header = false,
        quote = '',
        escape = '',
        auto_detect = false,
        strict_mode = true,
        filename = true,
        columns = {
            {{ columns | join(',\n            ') }}
        },
        store_rejects = true,
        rejects_table = 'gdelt_export_rejects',
        rejects_scan = 'gdelt_export_reject_scans'
    ) as export_files
{%- endmacro %}

{#- Postgres reads the files on the database server (pg_read_file, which needs the
    pg_read_server_files role and EXECUTE on pg_read_file and pg_ls_dir), so the folder must be
    an absolute path the server can read. -#}
{% macro postgres__gdelt_export_rows(files) -%}
{%- set paths = gdelt_list_files(files) if files is string else files -%}
select
    {{ gdelt_split_line_columns(
        'cardinality(split_lines.field_values)', 'split_lines.field_values[{i}]',
        'cast(null as text)') }}
from (
    select
        export_lines.file_name,
        export_lines.line_number,
        export_lines.raw_line,
        string_to_array(export_lines.raw_line, chr(9)) as field_values
    from (
        select
            export_files.file_name,
            file_lines.line_number,
            rtrim(file_lines.raw_line, chr(13)) as raw_line
        from (
            select
                file_paths.file_name,
                pg_read_file(file_paths.file_path) as file_content
            from (
                {%- if paths | length == 0 %}
                select
                    cast(null as text) as file_name,
                    cast(null as text) as file_path
                where false
                {%- else %}
                values
                {%- for path in paths %}
                    ({{ string_literal(path.split('/') | last) }}, {{ string_literal(path) }}){{ ',' if not loop.last }}
                {%- endfor %}
                {%- endif %}
            ) as file_paths (file_name, file_path)
        ) as export_files
        cross join
            lateral string_to_table(export_files.file_content, chr(10))
            with ordinality as file_lines (raw_line, line_number)
    ) as export_lines
    where export_lines.raw_line <> ''
) as split_lines
{%- endmacro %}

{#- Spark reads the files with its binaryFile source (local paths, HDFS or object storage): one
    row per file, split into numbered lines. A list of files becomes one {a,b,...} glob. -#}
{% macro spark__gdelt_export_rows(files) -%}
{%- if files is string -%}
    {%- set location = files -%}
{%- else -%}
    {%- set folder = files[0].rsplit('/', 1)[0] -%}
    {%- set names = [] -%}
    {%- for path in files %}{% do names.append(path.split('/') | last) %}{% endfor -%}
    {%- set location = folder ~ '/{' ~ names | join(',') ~ '}' -%}
{%- endif -%}
select
    {{ gdelt_split_line_columns(
        'size(split_lines.field_values)', 'try_element_at(split_lines.field_values, {i})',
        'cast(null as string)') }}
from (
    select
        export_lines.file_name,
        export_lines.line_number,
        export_lines.raw_line,
        split(export_lines.raw_line, '\t', -1) as field_values
    from (
        select
            regexp_extract(export_files.path, '([^/]+)$', 1) as file_name,
            cast(file_lines.line_index + 1 as bigint) as line_number,
            regexp_replace(file_lines.raw_line, '\r$', '') as raw_line
        from binaryfile.`{{ location }}` as export_files
            lateral view posexplode(split(decode(export_files.content, 'UTF-8'), '\n', -1))
            file_lines as line_index, raw_line
    ) as export_lines
    where export_lines.raw_line <> ''
) as split_lines
{%- endmacro %}

{#- The parts of a GDELT line rebuilt from its 61 fields (a list for dbt.concat): each field,
    empty where null, with a tab between fields. The line of a quarantined row whose fields
    were read (a bad date, say) is stored rebuilt, exactly as it was in the file. -#}
{% macro gdelt_line_parts() -%}
    {%- set parts = [] -%}
    {%- for name in gdelt_event_fields() -%}
        {%- if not loop.first %}{% do parts.append('chr(9)') %}{% endif -%}
        {%- do parts.append("coalesce(" ~ name ~ ", '')") -%}
    {%- endfor -%}
    {{ return(parts) }}
{%- endmacro %}

{#- The reason a line with the wrong number of fields is quarantined, from SQL for its count. -#}
{% macro gdelt_field_count_reason(field_count) -%}
    {%- set count_text = try_cast(field_count, dbt.type_string()) -%}
    {{ return(dbt.concat(["'expected 61 tab-separated fields, found '", count_text])) }}
{%- endmacro %}

{#- The CAMEO event codes of the lookup seed, as a list of SQL strings for an IN (...) test. -#}
{% macro gdelt_known_event_codes(codes_relation) -%}
    {%- if not execute or load_relation(codes_relation) is none -%}
        {{ return("''") }}
    {%- endif -%}
    {%- set codes = run_query(
        'select cameo_event_code from ' ~ codes_relation ~ ' order by cameo_event_code'
        ).columns[0].values() -%}
    {{ return("'" ~ codes | join("', '") ~ "'") }}
{%- endmacro %}
