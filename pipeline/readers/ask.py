"""Answer one cookbook question.

`python -m pipeline.readers.ask <analysis> [--warehouse warehouse.duckdb]`.

The analyses are compiled by dbt once per version of the project (pipeline.wap.compiled_project;
`make build` does it while dbt builds). A question runs its compiled SQL on the published
warehouse, read-only, in well under a second. Floating-point answers are shown rounded to 4
decimals.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from pipeline.readers.warehouse_file import WarehouseUnavailable, connect_read_only
from pipeline.wap.compiled_project import CompileError, ensure_compiled

DECIMALS = 4
ROUNDED_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL")


class AskError(RuntimeError):
    """A question could not be answered; the message says what to do."""


def analysis_sql(project: Path, name: str, warehouse: Path) -> str:
    choices = sorted(path.stem for path in (project / "analyses").glob("*.sql"))
    if name not in choices:
        raise AskError(
            f"there is no analysis {name!r} in analyses/. Ask one of:\n  " + "\n  ".join(choices)
        )
    try:
        folder = ensure_compiled(project, warehouse)
    except CompileError as error:
        raise AskError(str(error)) from error
    return (folder / "analyses" / f"{name}.sql").read_text()


def rounded(relation: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """The same rows with floating-point and decimal columns rounded for display."""
    columns = []
    for column, column_type in zip(relation.columns, relation.types, strict=True):
        quoted = '"' + column.replace('"', '""') + '"'
        if str(column_type).upper().startswith(ROUNDED_TYPES):
            columns.append(f"round({quoted}, {DECIMALS}) as {quoted}")
        else:
            columns.append(quoted)
    return relation.project(", ".join(columns))


def ask(project: Path, name: str, warehouse: Path) -> None:
    sql = analysis_sql(project, name, warehouse)
    try:
        connection = connect_read_only(warehouse)
    except WarehouseUnavailable as error:
        raise AskError(str(error)) from error
    try:
        rounded(connection.sql(sql)).show(max_width=200, max_rows=100)
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run one analysis from analyses/.")
    parser.add_argument("analysis", nargs="?", help="file name in analyses/ without .sql")
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    args = parser.parse_args(argv)
    try:
        ask(Path.cwd(), args.analysis or "", args.warehouse.resolve())
    except AskError as error:
        print(f"make ask: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
