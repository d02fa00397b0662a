"""The user's own commands at one scale, each beside the engine's floor.

- floor: DuckDB's native `read_csv` of the same export files (61 text columns, the file name,
  store_rejects) into a table: what reading the events costs at the least;
- `dbt parse` of the project in the build's setting: the full parse a first build of a project
  version pays once (timed on its own, so that the full build after it reuses it);
- full `make build` (FULL_REFRESH=1), as a user runs it, in a copy of the project that has the
  Makefile, the pipeline and the project's .venv, built before (its parse is saved);
- no-change `make build`: nothing new since the previous build;
- incremental `make build` after 1% new events (two day files);
- the least a dbt command costs in `make build` (pipeline/bench/dbt_least.py): one small model
  with the build's settings and saved parse, the part of an incremental build no change to the
  models can remove while dbt runs it.

Each is timed with its peak memory; the disk used by what a build publishes (the warehouse file,
its event layer and its Parquet exports) is compared with the size of the raw export files.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.bench.measure import Measured, measured_step
from pipeline.bench.workspace import append_days
from pipeline.wap.event_layer import layer_dir

PYTHON = sys.executable
APPEND_SHARE = 0.01
APPEND_DAYS = 2


@dataclass
class UserCommands:
    events: int
    raw_files_mb: float
    floor_read_csv: Measured
    full_make_build: Measured
    no_change_make_build: Measured
    incremental_make_build: Measured
    published_mb: float
    dbt_least: Measured | None = None  # (not measured by runs before 2026-12-07)
    dbt_parse: Measured | None = None  # (idem)

    def as_json(self) -> dict:
        return asdict(self)


def folder_mb(paths: list[Path]) -> float:
    return sum(path.stat().st_size for path in paths if path.is_file()) / 1e6


def published_files(published: Path) -> list[Path]:
    """The warehouse file, its event layer (pipeline/wap/event_layer.py) and its Parquet exports."""
    exports = published.with_name(f"{published.stem}_parquet")
    events = layer_dir(published)
    return [
        published,
        *(sorted(exports.resolve().glob("*")) if exports.exists() else []),
        *(sorted(events.rglob("*.parquet")) if events.exists() else []),
    ]


class UserCommandsRun:
    def __init__(self, project: Path, workdir: Path, gdelt: Path, events: int) -> None:
        self.project, self.workdir, self.gdelt, self.events = project, workdir, gdelt, events
        self.published = workdir / "warehouse.duckdb"
        self.env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(project),
            "FRICTION_GDELT_DIR": str(gdelt),
            "FRICTION_GDELT_ALLOW_SYNTHETIC": "1",  # the benchmark's events are generated
            "FRICTION_WAREHOUSE": str(self.published),
            "FRICTION_DUCKDB_MEMORY_LIMIT": os.environ.get("FRICTION_DUCKDB_MEMORY_LIMIT", "4GB"),
        }
        self.env.pop("FRICTION_DUCKDB_PATH", None)

    def step(self, name: str, command: list[str]) -> Measured:
        return measured_step(name, command, self.project, self.env, self.workdir / "logs", 28)

    def run(self) -> UserCommands:
        # From nothing: event batches and kept builds of an earlier run would count as disk used.
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir.mkdir(parents=True)
        raw_mb = folder_mb(sorted(self.gdelt.glob("*.export.CSV")))
        floor_db = self.workdir / "floor.duckdb"
        floor = self.step(
            "floor: DuckDB read_csv",
            [PYTHON, "-m", "pipeline.bench.floor", str(self.gdelt), str(floor_db)],
        )
        floor_db.unlink(missing_ok=True)
        # The project copy's saved parse is another scale's (another warehouse path): a user's
        # rebuild would not parse the project again, a first build would (timed here on its own).
        parse = self.step(
            "dbt parse",
            [
                PYTHON,
                "-m",
                "pipeline.bench.dbt_least",
                str(self.project),
                str(self.published),
                "parse",
            ],
        )
        full = self.step("full make build", ["make", "build", "FULL_REFRESH=1"])
        published_mb = folder_mb(published_files(self.published))
        unchanged = self.step("no-change make build", ["make", "build"])
        appended: list[Path] = []
        try:
            share = max(1, int(self.events * APPEND_SHARE))
            appended += append_days(self.project, self.gdelt, share, APPEND_DAYS, 0)
            incremental = self.step("incremental make build (+1%)", ["make", "build"])
        finally:
            for path in appended:
                path.unlink(missing_ok=True)
        least = self.step(
            "dbt run of one model",
            [PYTHON, "-m", "pipeline.bench.dbt_least", str(self.project), str(self.published)],
        )
        return UserCommands(
            self.events, raw_mb, floor, full, unchanged, incremental, published_mb, least, parse
        )
