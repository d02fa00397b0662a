"""Whether a build can be incremental: reuse the published warehouse and load only new files.

The GDELT event models are dbt incremental models (base_gdelt__export_rows appends new files,
stg_gdelt__events rewrites the ids they contain, the pair-month aggregation recomputes the months
they touch). An incremental build starts from a copy of the published warehouse; a full refresh
starts from nothing. A full refresh is needed when nothing is published yet, when the published
warehouse predates incremental loading, or when a file it loaded is gone from the folder (GDELT
exports are append-only, so a missing file means a different set of files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

INCREMENTAL_TABLES = {
    ("staging", "base_gdelt__export_rows"),
    ("staging", "stg_gdelt__events"),
    ("intermediate", "int_gdelt_events_aggregated_to_pair_months"),
}


@dataclass(frozen=True)
class BuildPlan:
    published: Path
    is_incremental: bool
    reason: str


def _loaded_files(published: Path) -> set[str] | None:
    """File names the published warehouse loaded; None when it has no incremental tables."""
    connection = duckdb.connect(str(published), read_only=True)
    try:
        found = connection.execute(
            "select table_schema, table_name from information_schema.columns "
            "where column_name = 'loaded_at'"
        ).fetchall()
        if not set(found) >= INCREMENTAL_TABLES:
            return None
        rows = connection.execute(
            "select distinct file_name from staging.base_gdelt__export_rows"
        ).fetchall()
    finally:
        connection.close()
    return {name for (name,) in rows}


def plan_build(published: Path, gdelt_files: list[Path], full_refresh: bool) -> BuildPlan:
    if full_refresh:
        return BuildPlan(published, False, "full refresh requested")
    if not published.exists():
        return BuildPlan(published, False, "full refresh: nothing is published yet")
    loaded = _loaded_files(published)
    if loaded is None:
        return BuildPlan(
            published, False, "full refresh: the published warehouse predates incremental loads"
        )
    present = {path.name for path in gdelt_files}
    missing = sorted(loaded - present)
    if missing:
        return BuildPlan(
            published,
            False,
            f"full refresh: {len(missing)} GDELT file(s) loaded before are no longer in the "
            f"folder (first: {missing[0]})",
        )
    new = len(present - loaded)
    return BuildPlan(
        published, True, f"incremental: {new} new GDELT file(s), {len(loaded)} already loaded"
    )
