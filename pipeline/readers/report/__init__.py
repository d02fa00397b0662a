"""A small static report over the published warehouse: PNG charts and an index.html.

`python -m pipeline.readers.report --warehouse warehouse.duckdb --out reports/charts`
"""

from pipeline.readers.report.build import Report, build_report

__all__ = ["Report", "build_report"]
