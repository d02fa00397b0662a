{#- A GDELT export is UTF-8 text. A file that is not text at all (a gzip or zip download renamed
    to .export.CSV, UTF-16, binary data) is quarantined whole before any reader touches it:
    gdelt_new_files leaves it out of the load (so it is checked again, and loaded once it is
    fixed) and stg_gdelt__quarantined_files lists it with its reason. A line that is merely
    badly encoded (a Latin-1 byte) is quarantined line by line by the reader instead. -#}

{#- file_name, file_path, file_size_bytes and quarantine_reason (null for a file that can be
    read) of each path, from its first bytes. -#}
{% macro gdelt_format_checked_files(paths) -%}
select
    file_heads.file_name,
    file_heads.file_path,
    file_heads.file_size_bytes,
    case
        when file_heads.first_bytes_hex like '1F8B%'
            then 'gzip-compressed (starts with bytes 1F 8B), not text: replace it by its gunzip'
        when file_heads.first_bytes_hex like '504B0304%'
            then 'a zip archive (starts with PK), not text: replace it by the CSV it holds'
        when file_heads.first_bytes_hex like 'FFFE%'
            then 'UTF-16 text (byte-order mark FF FE), not UTF-8: convert it to UTF-8'
        when file_heads.first_bytes_hex like 'FEFF%'
            then 'UTF-16 text (byte-order mark FE FF), not UTF-8: convert it to UTF-8'
        when file_heads.has_nul_byte
            then 'binary data (a NUL byte in its first 4096 bytes), not a GDELT text export'
    end as quarantine_reason
from (
    {{ gdelt_file_heads(paths) | indent(4) }}
) as file_heads
{%- endmacro %}

{#- The paths among `paths` whose format is wrong, as a dict file name -> reason (the names are
    the same on every engine; Spark reports paths as URIs). -#}
{% macro gdelt_misformatted_files(paths) -%}
    {%- set found = {} -%}
    {%- if not execute or paths | length == 0 -%}
        {{ return(found) }}
    {%- endif -%}
    {%- set checking -%}
        select checked_files.file_name, checked_files.quarantine_reason
        from ({{ gdelt_format_checked_files(paths) }}) as checked_files
        where checked_files.quarantine_reason is not null
    {%- endset -%}
    {%- for row in run_query(checking).rows -%}
        {%- do found.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}

{#- file_name, file_path, file_size_bytes, first_bytes_hex (the first 4 bytes, upper-case hex)
    and has_nul_byte (a zero byte in the first 4096) of each path. Reading bytes is
    engine-specific. -#}
{% macro gdelt_file_heads(paths) -%}
    {{ return(adapter.dispatch('gdelt_file_heads', 'friction')(paths)) }}
{%- endmacro %}

{% macro default__gdelt_file_heads(paths) -%}
    {{ exceptions.raise_compiler_error(
        "Checking GDELT file formats is implemented for DuckDB, Postgres and Spark, not for "
        ~ target.type ~ ".") }}
{%- endmacro %}

{#- DuckDB: a blob slice is its bytes; in hex, a NUL byte is 00 at an even position. -#}
{% macro duckdb__gdelt_file_heads(paths) -%}
select
    parse_filename(export_files.filename) as file_name,
    export_files.filename as file_path,
    export_files.size as file_size_bytes,
    hex(export_files.content[1:4]) as first_bytes_hex,
    regexp_matches(hex(export_files.content[1:4096]), '^(..)*?00') as has_nul_byte
from read_blob({{ string_list_literal(paths) }}) as export_files
{%- endmacro %}

{#- Postgres reads the bytes on the database server (pg_read_binary_file, as for the MD5). -#}
{% macro postgres__gdelt_file_heads(paths) -%}
select
    file_bytes.file_name,
    file_bytes.file_path,
    file_bytes.file_size_bytes,
    upper(encode(substring(file_bytes.head from 1 for 4), 'hex')) as first_bytes_hex,
    position('\x00'::bytea in file_bytes.head) > 0 as has_nul_byte
from (
    select
        file_paths.file_name,
        file_paths.file_path,
        (pg_stat_file(file_paths.file_path)).size as file_size_bytes,
        substring(pg_read_binary_file(file_paths.file_path) from 1 for 4096) as head
    from (
        {{ gdelt_file_name_rows(paths) }}
    ) as file_paths (file_name, file_path)
) as file_bytes
{%- endmacro %}

{#- Spark: ISO-8859-1 maps each byte to one character, so a NUL byte is char(0). -#}
{% macro spark__gdelt_file_heads(paths) -%}
select
    regexp_extract(export_files.path, '([^/]+)$', 1) as file_name,
    export_files.path as file_path,
    export_files.length as file_size_bytes,
    upper(hex(substring(export_files.content, 1, 4))) as first_bytes_hex,
    instr(decode(substring(export_files.content, 1, 4096), 'ISO-8859-1'), char(0)) > 0
        as has_nul_byte
from binaryfile.`{{ spark_gdelt_files_glob(paths) }}` as export_files
{%- endmacro %}

{#- Why a full build has no GDELT file to load: none in the folder, or none of them is text. -#}
{% macro gdelt_no_files_message(log_relation) -%}
    {%- set misformatted = gdelt_misformatted_files(gdelt_unloaded_files(log_relation)) -%}
    {%- if misformatted -%}
        {%- set reasons = [] -%}
        {%- for name, reason in misformatted | dictsort -%}
            {%- do reasons.append(name ~ ": " ~ reason) -%}
        {%- endfor -%}
        {{ return("No GDELT export file in " ~ gdelt_files_glob() ~ " can be loaded; "
            ~ misformatted | length ~ " are not GDELT text exports: " ~ reasons | join("; ")
            ~ ". Fix them, or set FRICTION_GDELT_DIR to a folder of GDELT 2.0 event exports.") }}
    {%- endif -%}
    {{ return("No GDELT export files in " ~ gdelt_files_glob() ~ ": set FRICTION_GDELT_DIR (or "
        ~ "the gdelt_dir var) to a folder of GDELT 2.0 event exports.") }}
{%- endmacro %}
