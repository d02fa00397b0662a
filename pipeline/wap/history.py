"""What a full refresh keeps: the history of the curated facts (dbt snapshots).

A full refresh builds its candidate from nothing, but the snapshots' tables are history that
no rebuild can recover: every version a past build recorded. So before dbt runs, the
snapshot tables of the published warehouse are copied into the new candidate, and the
snapshots go on from there (an incremental build's candidate is a copy of the published file
and has them already). dbt owns the snapshots; this only carries their tables across.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# The schema of the snapshots (dbt_project.yml, snapshots: +schema); tests/python/
# test_fact_history.py checks it against dbt's manifest.
SNAPSHOT_SCHEMA = "snapshots"


def carry_snapshots(published: Path, candidate: Path) -> list[str]:
    """Copy the published warehouse's snapshot tables into a new, empty candidate file."""
    if not published.exists():
        return []
    connection = duckdb.connect(str(candidate))
    try:
        path = str(published).replace("'", "''")
        connection.execute(f"attach '{path}' as published (read_only)")
        names = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'published' and table_schema = ? order by table_name",
                [SNAPSHOT_SCHEMA],
            ).fetchall()
        ]
        if names:
            connection.execute(f"create schema if not exists {SNAPSHOT_SCHEMA}")
        for name in names:
            connection.execute(
                f'create table {SNAPSHOT_SCHEMA}."{name}" as '
                f'select * from published.{SNAPSHOT_SCHEMA}."{name}"'
            )
        connection.execute("detach published")
    finally:
        connection.close()
    return names
