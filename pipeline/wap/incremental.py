"""Whether a build can be incremental: reuse the published warehouse and load only new files.

The GDELT models load incrementally (base_gdelt__export_files records each new file,
base_gdelt__export_rows adds its lines as a new batch of the event layer
(pipeline/wap/event_layer.py), the pair-month aggregation recomputes the months they touch). An
incremental build starts from a copy of the published warehouse file, which holds no event
lines; a full refresh starts from nothing. A full refresh is needed when nothing is published
yet or when the published warehouse predates the current incremental models. Which files are
new, and whether a loaded file changed, is decided by dbt (macros/gdelt/gdelt_files.sql); a file
deleted from the folder keeps its events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.readers.warehouse_file import connect_read_only

# The columns an incremental build relies on in the published warehouse.
INCREMENTAL_COLUMNS = {
    ("staging", "base_gdelt__export_files", "event_batch_path"),
    ("staging", "base_gdelt__export_files", "loaded_at"),
    ("staging", "base_gdelt__export_rows", "loaded_at"),
    ("intermediate", "int_gdelt_events_aggregated_to_pair_months", "loaded_at"),
    ("intermediate", "int_gdelt_events_aggregated_to_pair_months", "synthetic_event_count"),
}


@dataclass(frozen=True)
class BuildPlan:
    published: Path
    is_incremental: bool
    reason: str
    new_bytes: int = 0  # bytes of the GDELT files this build reads


def _loaded_files(published: Path) -> set[str] | None:
    """File names the published warehouse loaded; None when it has no incremental tables."""
    connection = connect_read_only(published)
    try:
        found = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
        ).fetchall()
        if not set(found) >= INCREMENTAL_COLUMNS:
            return None
        rows = connection.execute(
            "select file_name from staging.base_gdelt__export_files"
        ).fetchall()
    finally:
        connection.close()
    return {name for (name,) in rows}


def plan_build(published: Path, gdelt_files: list[Path], full_refresh: bool) -> BuildPlan:
    every = sum(path.stat().st_size for path in gdelt_files)
    if full_refresh:
        loaded = _loaded_files(published) if published.exists() else None
        gone = sorted((loaded or set()) - {path.name for path in gdelt_files})
        warning = (
            f"; WARNING: {len(gone)} GDELT file(s) loaded before are no longer in the folder "
            f"(first: {gone[0]}), so their events will not be in the new build"
            if gone
            else ""
        )
        return BuildPlan(published, False, "full refresh requested" + warning, every)
    if not published.exists():
        return BuildPlan(published, False, "full refresh: nothing is published yet", every)
    loaded = _loaded_files(published)
    if loaded is None:
        return BuildPlan(
            published,
            False,
            "full refresh: the published warehouse predates incremental loads",
            every,
        )
    present = {path.name for path in gdelt_files}
    new = len(present - loaded)
    reason = f"incremental: {new} new GDELT file(s), {len(loaded)} already loaded"
    gone = len(loaded - present)
    if gone:
        reason += f" ({gone} no longer in the folder: their events stay loaded)"
    new_bytes = sum(path.stat().st_size for path in gdelt_files if path.name not in loaded)
    return BuildPlan(published, True, reason, new_bytes)
