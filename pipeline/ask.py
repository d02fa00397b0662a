"""Answer one cookbook question: `python -m pipeline.ask <analysis> [--warehouse warehouse.duckdb]`.

The analyses are compiled by dbt once per version of the project: the first question after a
change compiles every analysis in one `dbt compile`, against a throwaway file named like the
warehouse (the compiled SQL names the catalog after the file; dbt opens its target read-write,
so never the published file), and keeps the SQL in `.build/ask/<project digest>/`. Every later
question runs its cached SQL on the published warehouse, read-only, in well under a second.
Floating-point answers are shown rounded to 4 decimals.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from pipeline.fingerprint import project_files_digest
from pipeline.warehouse_file import WarehouseUnavailable, connect_read_only

DBT = str(Path(sys.executable).with_name("dbt"))
CACHE = Path(".build") / "ask"
DECIMALS = 4
ROUNDED_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL")


class AskError(RuntimeError):
    """A question could not be answered; the message says what to do."""


def compiled_folder(project: Path, warehouse: Path) -> Path:
    """Where the analyses compiled for this project version and warehouse name are kept."""
    digest = project_files_digest(project)[:16]
    return project / CACHE / f"{digest}-{warehouse.stem}"


def compile_analyses(project: Path, warehouse: Path, folder: Path) -> None:
    """Compile every analysis in one dbt run and keep the SQL in `folder`."""
    with tempfile.TemporaryDirectory(prefix="ask-") as scratch:
        env = {**os.environ, "FRICTION_DUCKDB_PATH": str(Path(scratch) / warehouse.name)}
        target = Path(scratch) / "target"
        completed = subprocess.run(
            [DBT, "compile", "--quiet", "--select", "resource_type:analysis"],
            cwd=project,
            env={**env, "DBT_TARGET_PATH": str(target)},
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise AskError(
                "dbt could not compile the analyses:\n"
                + (completed.stdout + completed.stderr).strip()
                + "\nFix the analysis named above (or run `make build` to see the project's "
                "errors), then ask again."
            )
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(target / "compiled" / "friction" / "analyses", partial)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)


def warm_cache(project: Path, warehouse: Path) -> str:
    """Compile the analyses for `make ask` unless this project version already has them."""
    folder = compiled_folder(project, warehouse)
    if folder.is_dir():
        return "make ask: the analyses of this project version are compiled already"
    try:
        compile_analyses(project, warehouse, folder)
    except AskError as error:
        return f"make ask: not compiled ({error}); the first question will say why"
    return "make ask: analyses compiled for this project version"


def analysis_sql(project: Path, name: str, warehouse: Path) -> str:
    choices = sorted(path.stem for path in (project / "analyses").glob("*.sql"))
    if name not in choices:
        raise AskError(
            f"there is no analysis {name!r} in analyses/. Ask one of:\n  " + "\n  ".join(choices)
        )
    folder = compiled_folder(project, warehouse)
    if not (folder / f"{name}.sql").exists():
        print("Compiling the analyses (once per version of the project) ...", file=sys.stderr)
        compile_analyses(project, warehouse, folder)
    return (folder / f"{name}.sql").read_text()


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
