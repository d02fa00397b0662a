{#- Date order: column_name is on or after other_column_name wherever both are known
    (end >= start, effective >= announced). -#}
{% test not_before(model, column_name, other_column_name) %}

select * from {{ model }}
where {{ column_name }} is not null
    and {{ other_column_name }} is not null
    and {{ column_name }} < {{ other_column_name }}

{% endtest %}
