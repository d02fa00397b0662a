"""Parquet exports of the marts, published with the warehouse for tools that prefer files.

Each build writes one Parquet file per mart (plus `_manifest.json` with row counts) into a new
versioned folder `.<name>_parquet.<stamp>` next to the published file. Publishing swaps the
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

MARTS_SCHEMA = "marts"


def exports_link(published: Path) -> Path:
    """`warehouse.duckdb` -> `warehouse_parquet` (the folder analysts open)."""
    return published.with_name(f"{published.stem}_parquet")


def new_version_folder(published: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return published.with_name(f".{published.stem}_parquet.{stamp}.{os.getpid()}")


def export_marts(warehouse: Path, folder: Path) -> dict[str, int]:
    """Write every table of the marts schema to <folder>/<table>.parquet; return row counts."""
    folder.mkdir(parents=True)
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
                [MARTS_SCHEMA],
            ).fetchall()
        ]
        counts = {}
        for table in tables:
            target = str(folder / f"{table}.parquet").replace("'", "''")
            connection.execute(f"copy {MARTS_SCHEMA}.{table} to '{target}' (format parquet)")
            counts[table] = connection.execute(
                f"select count(*) from {MARTS_SCHEMA}.{table}"
            ).fetchone()[0]
    finally:
        connection.close()
    manifest = {"tables": counts, "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (folder / "_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return counts


def publish_exports(folder: Path, published: Path) -> Path:
    """Point the `<name>_parquet` symlink at `folder` atomically; prune all but one older set."""
    link = exports_link(published)
    if link.exists() and not link.is_symlink():
        raise RuntimeError(f"{link} is a real folder; move it away so it can become a symlink")
    previous = link.resolve() if link.is_symlink() else None
    staging_link = link.with_name(f".{link.name}.new")
    staging_link.unlink(missing_ok=True)
    staging_link.symlink_to(folder.name)
    os.replace(staging_link, link)
    keep = {folder.resolve(), previous}
    for old in published.parent.glob(f".{published.stem}_parquet.*"):
        if old.resolve() not in keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return link
