"""The one place the product starts dbt: on a given database file, or on a throwaway copy.

Every run names its database (FRICTION_DUCKDB_PATH, read by profiles.yml): the build writes
its candidate, the seed check a scratch file, the readers a copy or a throwaway file named like
the published warehouse (dbt-duckdb opens its database read-write, and compiled SQL and the
docs catalog name the database after the file). Benchmarks time the same `dbt` executable as a
command of their own (pipeline/bench).

dbt never outlives the command that started it: when that command is interrupted (Ctrl-C, or
SIGTERM/SIGHUP turned into an exception by the build) dbt is stopped before the exception goes
on, and on Linux dbt gets SIGTERM if its parent dies (kill -9).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

DBT = str(Path(sys.executable).with_name("dbt"))
PR_SET_PDEATHSIG = 1
_PRCTL = getattr(ctypes.CDLL(None), "prctl", None) if sys.platform.startswith("linux") else None


def _die_with_parent() -> None:
    """In the child, before dbt starts: SIGTERM when the parent dies."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)


def _finish(process: subprocess.Popen) -> tuple[str | None, str | None]:
    """Wait for dbt; if the wait is interrupted, stop dbt first (15 s grace, then kill)."""
    try:
        return process.communicate()
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start(
    command: list[str], project: Path, environment: dict, capture: bool, **streams: object
) -> subprocess.CompletedProcess[str]:
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} if capture else {}
    process = subprocess.Popen(
        command,
        cwd=project,
        env=environment,
        text=True,
        preexec_fn=_die_with_parent,
        **{**pipes, **streams},
    )
    stdout, stderr = _finish(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def as_given_to_dbt(database: Path, project: Path) -> str:
    """The database path for profiles.yml: relative to the project when it lies inside it.

    dbt keys its saved parse (target/partial_parse.msgpack) on the connection settings, the
    path included: the same relative path lets the next run, or a copy of the project, reuse it
    instead of parsing every file again (about 25 s here)."""
    try:
        return str(database.resolve().relative_to(project.resolve()))
    except ValueError:
        return str(database)


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
    environment = {
        **os.environ,
        **(env or {}),
        "FRICTION_DUCKDB_PATH": as_given_to_dbt(database, project),
    }
    if target is not None:
        environment["DBT_TARGET_PATH"] = str(target)
    command = [DBT, *args]
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8") as handle:
            return _start(
                command, project, environment, False, stdout=handle, stderr=subprocess.STDOUT
            )
    return _start(command, project, environment, capture)


@contextmanager
def work_file(folder: Path, name: str) -> Iterator[Path]:
    """A throwaway database `folder`/`name`, at the same place each time and removed afterwards.

    For a dbt run with a target folder of its own in `folder`: the same database path lets dbt
    reuse its saved parse of the run before (a random path would make it parse every file
    again). One run at a time uses the folder (a lock in it)."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / name
    leftovers = (database, database.with_name(database.name + ".wal"))
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        try:
            yield database
        finally:
            for leftover in leftovers:
                leftover.unlink(missing_ok=True)


@contextmanager
def scratch_file(named_like: Path, copy: bool = False) -> Iterator[Path]:
    """A throwaway database path with the name of `named_like` (a copy of it when `copy`),
    removed afterwards: for a dbt run that must not open the published file."""
    with tempfile.TemporaryDirectory(prefix="dbt-scratch-") as scratch:
        path = Path(scratch) / named_like.name
        if copy:
            shutil.copy2(named_like, path)
        yield path
