"""Is the published warehouse the file its build published? Checked before anything reuses it.

At each publish the build record (`.<name>.build.json`, pipeline/wap/fingerprint.py) keeps the
published file's sha256 and the row count of every mart. Before a build copies the published
file into its candidate, and in `make verify` and `make audit`, the file is hashed again: a
file truncated, overwritten in the middle or written by a read-write holder since its build
no longer matches, and is never copied forward. Hashing costs about a second a GB.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.readers.warehouse_file import WarehouseUnavailable
from pipeline.wap.exports import MARTS_SCHEMA, mart_tables
from pipeline.wap.publish import sha256_of, writer_message, writer_pid

RECOVER = (
    "roll back to the last good build with `make rollback` (`make builds` lists the kept "
    "builds), or rebuild everything with `make build FULL_REFRESH=1`"
)


class Damaged(RuntimeError):
    """The published file is not the one its build published, or cannot be read."""


@dataclass(frozen=True)
class Check:
    sha256: str
    checked: bool  # False when no build record holds a sha256 to compare with


def mart_row_counts(database: Path) -> dict[str, int]:
    """The row count of every table of the marts schema, read-only."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return {
            table: connection.execute(f"select count(*) from {MARTS_SCHEMA}.{table}").fetchone()[0]
            for table in mart_tables(connection)
        }
    finally:
        connection.close()


def recorded(record: Path) -> dict:
    try:
        return json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def check_file(database: Path, record: Path, what: str = "the published warehouse") -> Check:
    """Compare `database` with the sha256 its build record keeps; Damaged when they differ."""
    expected = recorded(record).get("sha256")
    actual = sha256_of(database)
    if expected and actual != expected:
        raise Damaged(
            f"{what} {database} is damaged: its sha256 is {actual[:12]}, the build that "
            f"published it recorded {expected[:12]} ({database.stat().st_size} bytes now, "
            f"{recorded(record).get('size', '?')} then); it was truncated, overwritten or "
            "written by another program since"
        )
    return Check(actual, bool(expected))


def check_readable(database: Path) -> dict[str, int]:
    """Open `database` read-only and count its marts' rows: Damaged when DuckDB cannot (a
    writer holding it is WarehouseUnavailable, pipeline/readers/warehouse_file.py)."""
    try:
        return mart_row_counts(database)
    except duckdb.IOException as error:
        if "Could not set lock" in str(error):
            raise WarehouseUnavailable(
                writer_message(database, writer_pid(database) or 0) + ", then run the command again"
            ) from error
        raise Damaged(
            f"{database} cannot be read: {str(error).splitlines()[0]}; it is damaged"
        ) from error
    except duckdb.Error as error:
        raise Damaged(
            f"{database} is not a DuckDB warehouse DuckDB can read: {str(error).splitlines()[0]}"
        ) from error
