"""`make bench`: dbt against raw DuckDB at several scales, incremental loads, BI latency."""
