"""What reads the published warehouse, read-only.

ask, dbt docs, MetricFlow, the charts report and the docs images."""
