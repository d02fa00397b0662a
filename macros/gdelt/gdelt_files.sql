{#- Which GDELT export files a build loads, and the record of the files loaded before.
    base_gdelt__export_files lists the folder and records each new file's size, modification
    time and MD5 (gdelt_new_files); base_gdelt__export_rows then reads the files recorded by
    this build (gdelt_files_to_load), so appending a day of files costs a day of work.
    The record, not the folder, is the history: deleting raw files keeps their events. -#}

{#- The files of the folder this build loads: those not loaded yet (all of them on a full
    build), less the files that are not GDELT text exports (gdelt_misformatted_files: they stay
    unloaded, are listed by stg_gdelt__quarantined_files and load once fixed). A loaded file
    whose size changed, or whose modification time and MD5 changed, stops the build. -#}
{% macro gdelt_new_files(log_relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set present = gdelt_list_files(gdelt_files_glob()) -%}
    {%- if is_incremental() -%}
        {%- set new_files = gdelt_check_logged_files(log_relation, present) -%}
    {%- else -%}
        {%- set new_files = present -%}
    {%- endif -%}
    {%- set misformatted = gdelt_misformatted_files(new_files) -%}
    {%- set readable = [] -%}
    {%- for path in new_files -%}
        {%- if gdelt_file_name(path) not in misformatted -%}
            {%- do readable.append(path) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(readable) }}
{%- endmacro %}

{#- The files of the folder that no build has loaded (every file when nothing is recorded yet):
    after a build, the quarantined ones. -#}
{% macro gdelt_unloaded_files(log_relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set present = gdelt_list_files(gdelt_files_glob()) -%}
    {%- if load_relation(log_relation) is none -%}
        {{ return(present) }}
    {%- endif -%}
    {%- set logged = run_query('select file_name from ' ~ log_relation).columns[0].values() -%}
    {%- set unloaded = [] -%}
    {%- for path in present -%}
        {%- if gdelt_file_name(path) not in logged -%}
            {%- do unloaded.append(path) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(unloaded) }}
{%- endmacro %}

{#- The paths among `present` that the record in log_relation does not list; a listed file
    whose size changed, or whose modification time and MD5 changed, stops the build. -#}
{% macro gdelt_check_logged_files(log_relation, present) -%}
    {%- set logged_query -%}
        select
            file_name,
            {{ dbt.cast('file_size_bytes', dbt.type_string()) }} as file_size_bytes,
            {{ dbt.cast('file_modified_at', dbt.type_string()) }} as file_modified_at,
            file_md5,
            {{ dbt.cast('loaded_at', dbt.type_string()) }} as loaded_at
        from {{ log_relation }}
    {%- endset -%}
    {%- set logged = {} -%}
    {%- for row in run_query(logged_query).rows -%}
        {%- do logged.update({row[0]: row}) -%}
    {%- endfor -%}
    {%- set known = [] -%}
    {%- set new_files = [] -%}
    {%- for path in present -%}
        {%- if gdelt_file_name(path) in logged -%}
            {%- do known.append(path) -%}
        {%- else -%}
            {%- do new_files.append(path) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if known -%}
        {%- set suspects = [] -%}
        {%- for row in run_query(gdelt_file_stats_as_text(known, false)).rows -%}
            {%- set before = logged[row[0]] -%}
            {%- if row[2] | string != before[1] | string -%}
                {{ exceptions.raise_compiler_error(gdelt_changed_file_message(
                    row[0], before[4], before[1] ~ ' bytes', row[2] ~ ' bytes now')) }}
            {%- elif row[3] | string != before[2] | string -%}
                {%- do suspects.append(row[1]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if suspects -%}
            {%- for row in run_query(gdelt_file_stats_as_text(suspects, true)).rows -%}
                {%- set before = logged[row[0]] -%}
                {%- if row[4] | string != before[3] | string -%}
                    {{ exceptions.raise_compiler_error(gdelt_changed_file_message(
                        row[0], before[4], 'MD5 ' ~ before[3], 'MD5 ' ~ row[4] ~ ' now')) }}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(new_files) }}
{%- endmacro %}

{#- gdelt_file_stats with every column as text, compared with the recorded values as text. -#}
{% macro gdelt_file_stats_as_text(paths, with_md5) -%}
    {%- set columns = [] -%}
    {%- for name in ['file_name', 'file_path', 'file_size_bytes', 'file_modified_at',
        'file_md5'] -%}
        {%- do columns.append(dbt.cast('file_stats.' ~ name, dbt.type_string()) ~ ' as ' ~ name) -%}
    {%- endfor -%}
    {{ return('select ' ~ columns | join(', ') ~ ' from ('
        ~ gdelt_file_stats(paths, with_md5) ~ ') as file_stats') }}
{%- endmacro %}

{% macro gdelt_changed_file_message(file_name, loaded_at, before, now) -%}
    {{ return("GDELT file " ~ file_name ~ " changed since it was loaded at " ~ loaded_at
        ~ " (" ~ before ~ ", " ~ now ~ "). GDELT publishes each export once, so a changed "
        ~ "file is usually a download that was cut short and completed later (make "
        ~ "gdelt-fetch checks sizes and MD5s). The events loaded from it are kept; to load "
        ~ "the folder as it is now, rebuild from the files: make build FULL_REFRESH=1.") }}
{%- endmacro %}

{#- The last part of a path (any engine's form of it). -#}
{% macro gdelt_file_name(path) -%}
    {{ return(path.replace('\\', '/').split('/') | last) }}
{%- endmacro %}

{#- The paths base_gdelt__export_rows reads: the files this build recorded as loaded. -#}
{% macro gdelt_files_to_load(log_relation) -%}
    {#- (no record yet: a warehouse built before it, compiled by dbt docs generate, say) -#}
    {%- if not execute or load_relation(log_relation) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set loading -%}
        select file_path from {{ log_relation }}
        where loaded_at = {{ load_timestamp() }}
        order by file_path
    {%- endset -%}
    {{ return(run_query(loading).columns[0].values() | list) }}
{%- endmacro %}

{#- file_name, file_path, file_size_bytes, file_modified_at, file_md5 of each path (MD5 null
    unless with_md5: hashing reads the whole file). Reading file metadata is engine-specific. -#}
{% macro gdelt_file_stats(paths, with_md5) -%}
    {{ return(adapter.dispatch('gdelt_file_stats', 'friction')(paths, with_md5)) }}
{%- endmacro %}

{% macro default__gdelt_file_stats(paths, with_md5) -%}
    {{ exceptions.raise_compiler_error(
        "Reading GDELT file sizes is implemented for DuckDB, Postgres and Spark, not for "
        ~ target.type ~ ".") }}
{%- endmacro %}

{% macro duckdb__gdelt_file_stats(paths, with_md5) -%}
select
    parse_filename(export_files.filename) as file_name,
    export_files.filename as file_path,
    export_files.size as file_size_bytes,
    cast(export_files.last_modified as timestamp) as file_modified_at,
    {% if with_md5 -%}
        md5(export_files.content)
    {%- else -%}
        cast(null as varchar)
    {%- endif %} as file_md5
from read_blob({{ string_list_literal(paths) }}) as export_files
{%- endmacro %}

{#- Postgres stats and hashes the files on the database server (pg_stat_file and
    pg_read_binary_file, which need EXECUTE granted like pg_read_file). -#}
{% macro postgres__gdelt_file_stats(paths, with_md5) -%}
select
    file_paths.file_name,
    file_paths.file_path,
    (pg_stat_file(file_paths.file_path)).size as file_size_bytes,
    cast((pg_stat_file(file_paths.file_path)).modification as timestamp) as file_modified_at,
    {% if with_md5 -%}
        md5(pg_read_binary_file(file_paths.file_path))
    {%- else -%}
        cast(null as text)
    {%- endif %} as file_md5
from (
    {{ gdelt_file_name_rows(paths) }}
) as file_paths (file_name, file_path)
{%- endmacro %}

{#- Spark reads metadata (and content, for the MD5) with its binaryFile source. -#}
{% macro spark__gdelt_file_stats(paths, with_md5) -%}
select
    regexp_extract(export_files.path, '([^/]+)$', 1) as file_name,
    export_files.path as file_path,
    export_files.length as file_size_bytes,
    cast(export_files.modificationtime as timestamp) as file_modified_at,
    {% if with_md5 -%}
        md5(export_files.content)
    {%- else -%}
        cast(null as string)
    {%- endif %} as file_md5
from binaryfile.`{{ spark_gdelt_files_glob(paths) }}` as export_files
{%- endmacro %}

{#- Postgres: the VALUES rows (file name, path) of the paths, for a file_paths subquery. -#}
{% macro gdelt_file_name_rows(paths) -%}
    {%- set rows = [] -%}
    {%- for path in paths -%}
        {%- do rows.append('(' ~ string_literal(gdelt_file_name(path)) ~ ', '
            ~ string_literal(path) ~ ')') -%}
    {%- endfor -%}
    {{ return('values ' ~ rows | join(', ')) }}
{%- endmacro %}

{#- Spark: the paths (all in one folder) as one binaryFile glob, folder/{name1,name2}. -#}
{% macro spark_gdelt_files_glob(paths) -%}
    {%- set names = [] -%}
    {%- for path in paths %}{% do names.append(gdelt_file_name(path)) %}{% endfor -%}
    {{ return(paths[0].rsplit('/', 1)[0] ~ '/{' ~ names | join(',') ~ '}') }}
{%- endmacro %}
