select * from marts.fct_tariffs
