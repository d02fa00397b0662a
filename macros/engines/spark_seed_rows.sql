{#- Seed rows on Spark. dbt-spark's session connection pastes seed values into its INSERT
    without escaping them, so a value with an apostrophe ("People's Republic") breaks the
    statement or loads wrong. This override writes each value as an escaped Spark SQL literal
    (backslash escapes), null as null, and casts it to the seed's column type as dbt-spark does.
    dbt prefers a project macro over the adapter's own spark__load_csv_rows. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set column_type = column_override.get(
                        col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                    cast({{ spark_seed_literal(row[loop.index0]) }} as {{ column_type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first %}{% do statements.append(sql) %}{% endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- One seed value as a Spark SQL literal. -#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
