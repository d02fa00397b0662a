"""One scale of the benchmark: full dbt build, raw DuckDB, BI queries, incremental loads."""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.bench.measure import Measured, measured_step
from pipeline.bench.workspace import append_days
from pipeline.dbt_runner import DBT
from pipeline.wap.build import GDELT_MODELS_AND_DOWNSTREAM

PYTHON = sys.executable
SOURCE_ROOT = Path(__file__).resolve().parents[2]
APPEND_SHARE = 0.01  # an incremental load appends 1% new events
APPEND_DAYS = 2


@dataclass
class ScaleResult:
    events: int
    full_build: Measured
    raw_duckdb: Measured
    incremental_build: Measured
    incremental_gdelt_path: Measured
    bi_process: Measured
    bi_queries: dict[str, dict[str, float]]
    raw_statements: int
    dbt_nodes: int
    slowest_nodes: list[tuple[str, float]] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


class ScaleRun:
    def __init__(self, project: Path, workdir: Path, gdelt: Path, events: int) -> None:
        self.project, self.workdir, self.gdelt, self.events = project, workdir, gdelt, events
        self.database = workdir / "bench.duckdb"
        self.memory_limit = os.environ.get("FRICTION_DUCKDB_MEMORY_LIMIT", "4GB")
        self.env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(project),
            "FRICTION_DUCKDB_PATH": str(self.database),
            "FRICTION_GDELT_DIR": str(gdelt),
            "FRICTION_GDELT_ALLOW_SYNTHETIC": "1",  # the benchmark's events are generated
            "FRICTION_DUCKDB_MEMORY_LIMIT": self.memory_limit,
            "PYTHONPATH": str(SOURCE_ROOT),  # the steps run in the copy, the code lives here
        }

    def step(self, name: str, command: list[str]) -> Measured:
        return measured_step(name, command, self.project, self.env, self.workdir / "logs", 24)

    def _json_output(self, name: str) -> dict:
        lines = (self.workdir / "logs" / f"{name}.log").read_text().strip().splitlines()
        return json.loads(lines[-1])

    def _dbt_nodes(self) -> tuple[int, list[tuple[str, float]]]:
        results = json.loads((self.project / "target" / "run_results.json").read_text())
        timed = sorted(
            ((item["unique_id"], item["execution_time"]) for item in results["results"]),
            key=lambda pair: -pair[1],
        )
        return len(timed), [(name, round(seconds, 2)) for name, seconds in timed[:5]]

    def run(self) -> ScaleResult:
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        self.workdir.mkdir(parents=True)
        self.step("dbt parse (untimed)", [DBT, "parse", "--quiet"])
        full = self.step("full dbt build", [DBT, "build", "--full-refresh", "--quiet"])
        nodes, slowest = self._dbt_nodes()
        raw_db = self.workdir / "raw" / self.database.name
        raw_db.parent.mkdir()
        raw = self.step(
            "raw DuckDB",
            [
                PYTHON,
                "-m",
                "pipeline.bench.raw",
                "--project",
                str(self.project),
                "--built",
                str(self.database),
                "--out",
                str(raw_db),
                "--memory-limit",
                self.memory_limit,
            ],
        )
        raw_statements = self._json_output("raw DuckDB")["statements"]
        raw_db.unlink()
        bi = self.step("BI queries", [PYTHON, "-m", "pipeline.bench.bi", str(self.database)])
        bi_queries = self._json_output("BI queries")
        appended: list[Path] = []
        try:
            share = max(1, int(self.events * APPEND_SHARE))
            appended += append_days(self.project, self.gdelt, share, APPEND_DAYS, 0)
            incremental = self.step("incremental dbt build", [DBT, "build", "--quiet"])
            appended += append_days(self.project, self.gdelt, share, APPEND_DAYS, APPEND_DAYS)
            gdelt_path = self.step(
                "incremental, GDELT path",
                [DBT, "build", "--quiet", "--select", GDELT_MODELS_AND_DOWNSTREAM],
            )
        finally:
            for path in appended:
                path.unlink(missing_ok=True)
        return ScaleResult(
            self.events,
            full,
            raw,
            incremental,
            gdelt_path,
            bi,
            bi_queries,
            raw_statements,
            nodes,
            slowest,
        )
