"""Run a command as a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float  # peak resident memory of the process tree (largest process)
    returncode: int


def run_measured(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Measured:
    """Wall time and peak RSS (os.wait4's ru_maxrss) of `command`; output goes to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(seconds, usage.ru_maxrss / 1024, process.returncode)


class StepError(RuntimeError):
    """A benchmark step failed; the message names its log."""


def measured_step(
    name: str, command: list[str], cwd: Path, env: dict[str, str], logs: Path, width: int
) -> Measured:
    """Run one benchmark step (its output to `logs/<name>.log`) and print its time and memory;
    a step that fails raises StepError."""
    log = logs / f"{name}.log"
    print(f"  {name:<{width}}", end="", flush=True)
    measured = run_measured(command, cwd, env, log)
    if measured.returncode != 0:
        raise StepError(f"{name} failed (exit {measured.returncode}); see {log}")
    print(f"{measured.seconds:8.1f} s {measured.peak_mb:8.0f} MB", flush=True)
    return measured
