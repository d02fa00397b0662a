"""The one place the product starts dbt: on a given database file, or on a throwaway copy.

Every run names its database (FRICTION_DUCKDB_PATH, read by profiles.yml): the build writes
its candidate, the seed check a scratch file, the readers a copy or a throwaway file named like
the published warehouse (dbt-duckdb opens its database read-write, and compiled SQL and the
docs catalog name the database after the file). Benchmarks time the same `dbt` executable as a
command of their own (pipeline/bench).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

DBT = str(Path(sys.executable).with_name("dbt"))


def run(
    project: Path,
    args: Sequence[str],
    database: Path,
    *,
    target: Path | None = None,
    env: dict[str, str] | None = None,
    capture: bool = False,
    log: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` in `project` on `database`; never raises on a failing run.

    target: dbt's target folder (default: the project's target/); env: more environment
    variables; capture: keep stdout and stderr in the result; log: write both to this file.
    """
    environment = {**os.environ, **(env or {}), "FRICTION_DUCKDB_PATH": str(database)}
    if target is not None:
        environment["DBT_TARGET_PATH"] = str(target)
    command = [DBT, *args]
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8") as handle:
            return subprocess.run(
                command,
                cwd=project,
                env=environment,
                stdout=handle,
                stderr=subprocess.STDOUT,
                text=True,
                check=False,
            )
    return subprocess.run(
        command, cwd=project, env=environment, capture_output=capture, text=True, check=False
    )


@contextmanager
def scratch_file(named_like: Path, copy: bool = False) -> Iterator[Path]:
    """A throwaway database path with the name of `named_like` (a copy of it when `copy`),
    removed afterwards: for a dbt run that must not open the published file."""
    with tempfile.TemporaryDirectory(prefix="dbt-scratch-") as scratch:
        path = Path(scratch) / named_like.name
        if copy:
            shutil.copy2(named_like, path)
        yield path
