"""The GDELT event layer of a DuckDB warehouse: the export lines, outside the warehouse file.

Each build that loads GDELT files writes their lines once, as a new batch of Parquet files
`<warehouse>_events/<load time>.{lines,offsets,fixes}.parquet`
(macros/gdelt/gdelt_event_layer.sql), and records the batch in
staging.base_gdelt__export_files; staging.base_gdelt__export_rows is a view over the recorded
batches. A build copies and publishes only the warehouse file (marts and small
models), so its cost follows what changed, not the number of events.

A batch that neither the published warehouse nor a kept build records (written by a build that
failed, or replaced by a full refresh) is read by nobody; the next build deletes it
(remove_unrecorded_batches).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.readers.warehouse_file import connect_read_only


def layer_dir(published: Path) -> Path:
    """`warehouse.duckdb` -> `warehouse_events/`, next to it."""
    stem = published.name.removesuffix(".duckdb")
    return published.with_name(f"{stem}_events")


def recorded_batches(published: Path) -> set[str]:
    """The batches the published warehouse records (none when it records no batch)."""
    if not published.exists():
        return set()
    connection = connect_read_only(published)
    try:
        has_column = connection.execute(
            "select count(*) from information_schema.columns where table_schema = 'staging' "
            "and table_name = 'base_gdelt__export_files' and column_name = 'event_batch_path'"
        ).fetchone()[0]
        if not has_column:
            return set()
        rows = connection.execute(
            "select distinct event_batch_path from staging.base_gdelt__export_files "
            "where event_batch_path is not null"
        ).fetchall()
    finally:
        connection.close()
    return {str(Path(path).resolve()) for (path,) in rows}


def batches_on_disk(folder: Path) -> dict[Path, list[Path]]:
    """The batches in an event layer folder: `<batch>.<part>.parquet` files by batch path."""
    found: dict[Path, list[Path]] = {}
    for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
        found.setdefault(path.with_name(path.name.split(".", 1)[0]), []).append(path)
    return found


def remove_unrecorded_batches(published: Path, also_keep: set[str] = frozenset()) -> list[Path]:
    """Delete the batches of the event layer that neither the published warehouse records nor
    a kept build (`also_keep`, pipeline/wap/kept_builds.py)."""
    keep = recorded_batches(published) | set(also_keep)
    removed = []
    for batch, files in batches_on_disk(layer_dir(published)).items():
        if str(batch.resolve()) not in keep:
            for path in files:
                path.unlink()
            removed.append(batch)
    return removed


def layer_bytes(published: Path) -> int:
    """Bytes on disk of the event layer's batches."""
    folder = layer_dir(published)
    return sum(path.stat().st_size for path in folder.rglob("*.parquet")) if folder.is_dir() else 0
