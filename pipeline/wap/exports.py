"""Parquet exports of the marts, published with the warehouse for tools that prefer files.

Each build writes one Parquet file per mart (plus `_manifest.json` with row counts) into a new
versioned folder `.<name>_parquet.<stamp>` next to the published file; a mart the build did not
rebuild is hard-linked from the previous set. Publishing swaps the
symlink `<name>_parquet` to it in one atomic rename, so a reader resolves either the whole old
set or the whole new set. The previous set is kept (a reader may still be reading it); older
ones are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import duckdb

from pipeline.wap.publish import PublishError

MARTS_SCHEMA = "marts"


def exports_link(published: Path) -> Path:
    """`warehouse.duckdb` -> `warehouse_parquet` (the folder analysts open)."""
    return published.with_name(f"{published.stem}_parquet")


def new_version_folder(published: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return published.with_name(f".{published.stem}_parquet.{stamp}.{os.getpid()}")


def mart_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the marts schema, by name."""
    return [
        name
        for (name,) in connection.execute(
            "select table_name from information_schema.tables "
            "where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
            [MARTS_SCHEMA],
        ).fetchall()
    ]


def _previous_counts(previous: Path | None) -> dict[str, int]:
    """Row counts of the previous export set (its _manifest.json), empty when there is none."""
    manifest = previous / "_manifest.json" if previous is not None else None
    if manifest is None or not manifest.is_file():
        return {}
    return json.loads(manifest.read_text()).get("tables", {})


def _reuse(previous: Path, folder: Path, table: str) -> None:
    """The previous export of an unchanged mart, hard-linked (copied where links fail)."""
    source, target = previous / f"{table}.parquet", folder / f"{table}.parquet"
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def export_marts(
    warehouse: Path,
    folder: Path,
    rebuilt: set[str] | None = None,
    previous: Path | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Write every table of the marts schema to <folder>/<table>.parquet.

    Returns the row count of each table and the tables taken from the previous set.

    With `rebuilt` (the marts this build wrote) and `previous` (the published export set), a
    mart the build did not write, whose row count is the one the previous set recorded, is
    taken from the previous set instead of being written again (export files never change).
    """
    folder.mkdir(parents=True)
    reusable = _previous_counts(previous) if rebuilt is not None else {}
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts, reused = {}, []
        for table in mart_tables(connection):
            counts[table] = connection.execute(
                f"select count(*) from {MARTS_SCHEMA}.{table}"
            ).fetchone()[0]
            if previous is not None and table not in (rebuilt or set()):
                unchanged = reusable.get(table) == counts[table]
                if unchanged and (previous / f"{table}.parquet").is_file():
                    _reuse(previous, folder, table)
                    reused.append(table)
                    continue
            target = str(folder / f"{table}.parquet").replace("'", "''")
            connection.execute(f"copy {MARTS_SCHEMA}.{table} to '{target}' (format parquet)")
    finally:
        connection.close()
    manifest = {"tables": counts, "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (folder / "_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return counts, reused


def manifest_of(folder: Path) -> dict:
    """The `_manifest.json` of an export set (or of the set a link points to); {} if none."""
    manifest = folder / "_manifest.json"
    try:
        return json.loads(manifest.read_text()) if manifest.is_file() else {}
    except ValueError:
        return {}


def sign_manifest(folder: Path, database_sha256: str) -> None:
    """Record in the set's manifest the sha256 of the database it was exported from."""
    manifest = {**manifest_of(folder), "database_sha256": database_sha256}
    (folder / "_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def check_exports_link(published: Path) -> None:
    """Refuse, before anything is built or replaced, a real folder where the symlink must go."""
    link = exports_link(published)
    if (link.exists() or link.is_symlink()) and not link.is_symlink():
        raise PublishError(
            f"{link} is a real folder or file, not the symlink make build maintains; move it away"
            " (for example to a name without the _parquet ending) and build again"
        )


def publish_exports(folder: Path, published: Path, also_keep: set[Path] = frozenset()) -> Path:
    """Point the `<name>_parquet` symlink at `folder` atomically; prune older sets but the one
    before (a reader may still read it) and those of the kept builds (`also_keep`)."""
    check_exports_link(published)
    link = exports_link(published)
    previous = link.resolve() if link.is_symlink() else None
    staging_link = link.with_name(f".{link.name}.new")
    staging_link.unlink(missing_ok=True)
    staging_link.symlink_to(folder.name)
    os.replace(staging_link, link)
    prune_export_sets(published, {folder.resolve(), previous, *also_keep})
    return link


def prune_export_sets(published: Path, keep: set[Path | None]) -> None:
    """Remove the export sets beside `published` but those in `keep` and the linked one."""
    link = exports_link(published)
    keep = {*keep, link.resolve() if link.is_symlink() else None}
    for old in published.parent.glob(f".{published.stem}_parquet.*"):
        if old.resolve() not in keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
