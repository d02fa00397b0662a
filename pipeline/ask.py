"""Answer one cookbook question: `python -m pipeline.ask <analysis> [--warehouse warehouse.duckdb]`.

Compiles analyses/<analysis>.sql with dbt against a throwaway file named like the warehouse (the
compiled SQL names the catalog after the file; dbt opens its target read-write, so never the
published file), then runs the SQL on the published warehouse read-only and prints the result.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

DBT = str(Path(sys.executable).with_name("dbt"))


def compile_analysis(project: Path, name: str, warehouse: Path) -> str:
    if not (project / "analyses" / f"{name}.sql").exists():
        choices = sorted(path.stem for path in (project / "analyses").glob("*.sql"))
        raise SystemExit(f"no analysis {name!r}; choose one of:\n  " + "\n  ".join(choices))
    with tempfile.TemporaryDirectory(prefix="ask-") as scratch:
        env = {**os.environ, "FRICTION_DUCKDB_PATH": str(Path(scratch) / warehouse.name)}
        subprocess.run(
            [DBT, "compile", "--quiet", "--select", name],
            cwd=project,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return (project / "target" / "compiled" / "friction" / "analyses" / f"{name}.sql").read_text()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run one analysis from analyses/.")
    parser.add_argument("analysis", help="file name in analyses/ without .sql")
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    args = parser.parse_args(argv)
    sql = compile_analysis(Path.cwd(), args.analysis, args.warehouse)
    connection = duckdb.connect(str(args.warehouse), read_only=True)
    try:
        connection.sql(sql).show(max_width=200, max_rows=100)
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
