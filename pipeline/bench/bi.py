"""Five typical BI queries on the published marts: `python -m pipeline.bench.bi WAREHOUSE`.

Each runs WARMUP times, then RUNS times on one read-only connection (as a BI tool holds one);
prints the median and 95th percentile latency of each, in milliseconds, as JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import duckdb

WARMUP, RUNS = 3, 50
QUERIES = {
    "pair time series": (
        "select month_start_date, friction_score, friction_change "
        "from marts.fct_country_pair_friction_monthly "
        "where country_a_code = 'CAN' and country_b_code = 'CHN' order by month_start_date"
    ),
    "country ranking for a month": (
        "select country_code, friction_score, top_partner_country_code "
        "from marts.fct_country_friction_monthly where month_start_date = date '2019-10-01' "
        "order by friction_score desc limit 20"
    ),
    "tariffs in force on a date": (
        "select tariff_id, imposing_country_code, target_country_code, rate_pct "
        "from marts.fct_tariffs where effective_date <= date '2019-06-01' "
        "and (end_date is null or end_date > date '2019-06-01') "
        "and 'CAN' in (imposing_country_code, target_country_code) order by tariff_id"
    ),
    "contributions for a pair-month": (
        "select record_type, record_id, record_title, contribution "
        "from marts.fct_friction_contributions where country_a_code = 'CHN' "
        "and country_b_code = 'USA' and month_start_date = date '2019-10-01' "
        "order by contribution desc"
    ),
    "top events": (
        "select country_a_code, country_b_code, event_count, material_conflict_count, "
        "weighted_goldstein_scale from marts.fct_gdelt_pair_events_monthly "
        "where month_start_date = date '2019-10-01' order by material_conflict_count desc limit 10"
    ),
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(warehouse: Path) -> dict[str, dict[str, float]]:
    results = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for name, sql in QUERIES.items():
            timings = []
            for attempt in range(WARMUP + RUNS):
                started = time.perf_counter()
                rows = connection.execute(sql).fetchall()
                if attempt >= WARMUP:
                    timings.append((time.perf_counter() - started) * 1000)
            results[name] = {
                "median_ms": statistics.median(timings),
                "p95_ms": percentile(timings, 0.95),
                "rows": len(rows),
            }
    return results


def main(argv: list[str]) -> int:
    print(json.dumps(measure(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
