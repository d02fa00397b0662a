{#- Cast that yields null instead of failing when the value does not convert (for checking
    untrusted input). dbt.safe_cast is a plain cast on DuckDB and Postgres, so DuckDB and Spark get
    try_cast and Postgres checks the text's shape before casting. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'friction')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    {{ dbt.safe_cast(expression, data_type) }}
{%- endmacro %}

{#- DuckDB's try_cast rounds '2.5' to a whole number; a whole-number type accepts only digits,
    as on the other engines. -#}
{% macro duckdb__try_cast(expression, data_type) -%}
    {%- if data_type | lower | trim in ['tinyint', 'smallint', 'integer', 'int', 'bigint', 'hugeint'] -%}
        case when regexp_full_match(cast({{ expression }} as varchar), '\s*[+-]?[0-9]+\s*')
            then try_cast({{ expression }} as {{ data_type }}) end
    {%- else -%}
        try_cast({{ expression }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#- Postgres has no try_cast: cast only text that has the shape of the type (whole numbers in
    range, decimal numbers, real calendar dates YYYY-MM-DD). Nested CASEs keep the order of
    the checks, so a cast never sees text it would reject. -#}
{% macro postgres__try_cast(expression, data_type) -%}
    {%- set kind = data_type | lower | trim -%}
    {%- set text = 'trim(cast(' ~ expression ~ ' as text))' -%}
    {%- set ranges = {
        'smallint': ['-32768', '32767'],
        'integer': ['-2147483648', '2147483647'], 'int': ['-2147483648', '2147483647'],
        'bigint': ['-9223372036854775808', '9223372036854775807']} -%}
    {%- if kind in ranges -%}
        case when {{ text }} ~ '^[+-]?[0-9]+$' then
            case when cast({{ text }} as numeric) between {{ ranges[kind][0] }} and {{ ranges[kind][1] }}
                then cast({{ text }} as {{ data_type }}) end
        end
    {%- elif kind in ['double precision', 'float', 'float8', 'real', 'numeric']
        or kind.startswith('numeric(') or kind.startswith('decimal') -%}
        case when {{ text }} ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'
            then cast({{ text }} as {{ data_type }}) end
    {%- elif kind == 'date' -%}
        case when {{ text }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
            case when cast(substring({{ text }}, 1, 4) as integer) >= 1
                and cast(substring({{ text }}, 6, 2) as integer) between 1 and 12 then
                case when cast(substring({{ text }}, 9, 2) as integer) between 1 and extract(day from
                    make_date(cast(substring({{ text }}, 1, 4) as integer),
                        cast(substring({{ text }}, 6, 2) as integer), 1)
                    + interval '1 month' - interval '1 day')
                    then cast({{ text }} as date) end
            end
        end
    {%- else -%}
        cast({{ expression }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
