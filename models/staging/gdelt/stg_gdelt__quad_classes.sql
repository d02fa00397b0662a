with

quad_classes as (

    select * from {{ ref('gdelt_quad_classes') }}

),

renamed as (

    select
        cast(quad_class as {{ dbt.type_int() }}) as quad_class,
        quad_class_name,
        cast(is_conflict as {{ dbt.type_boolean() }}) as is_conflict,
        source_id
    from quad_classes

)

select * from renamed
