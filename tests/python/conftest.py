"""Fixtures: a throwaway copy of the dbt project and a helper that runs dbt inside it."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
COPIED = [
    ".sqlfluff",
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "seeds",
    "data",
    "macros",
    "tests",
    "analyses",
    "snapshots",
    "pipeline",
    "scripts",
    "Makefile",
    "requirements.lock",
    "pyproject.toml",
]
DBT = str(Path(sys.executable).with_name("dbt"))
SQLFLUFF = str(Path(sys.executable).with_name("sqlfluff"))


def run_documented(
    project: Path, command: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """A documented shell command (`make ...`), run as written in a project copy that uses this
    environment's .venv."""
    venv = project / ".venv"
    if not venv.exists():
        venv.symlink_to(PROJECT_ROOT / ".venv")
    return subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        env={**os.environ, "DBT_PROFILES_DIR": str(project), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass
class DbtRun:
    returncode: int
    output: str
    failed_tests: set[tuple[str, str]]  # (test name, model name) of each failing data test
    failed_nodes: set[str]  # names of every failing or erroring node


@dataclass
class BuildRun:
    returncode: int
    output: str


@dataclass
class ProjectCopy:
    path: Path

    @property
    def published(self) -> Path:
        return self.path / "warehouse.duckdb"

    def run_build(
        self,
        *dbt_args: str,
        env: dict[str, str] | None = None,
        published: Path | None = None,
        full_refresh: bool = False,
    ) -> BuildRun:
        """`make build`'s write-audit-publish path, publishing to <copy>/warehouse.duckdb."""
        command = [
            sys.executable,
            "-m",
            "pipeline.wap.build",
            *(["--full-refresh"] if full_refresh else []),
            "--published",
            str(published or self.published),
            "--docs",
            str(self.path / "reports" / "data_docs"),
            "--project-dir",
            str(self.path),
        ]
        if dbt_args:
            command += ["--", *dbt_args]
        result = subprocess.run(
            command,
            cwd=self.path,
            env={**os.environ, "DBT_PROFILES_DIR": str(self.path), **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        return BuildRun(result.returncode, result.stdout + result.stderr)

    def dbt_env(self) -> dict[str, str]:
        """run_dbt's database (planted.duckdb, relative so every copy's dbt parse is alike)."""
        return {
            "FRICTION_DUCKDB_PATH": "planted.duckdb",
            # absolute, so that the views over the event layer read from any folder
            "FRICTION_GDELT_EVENT_LAYER": str(self.path / "planted_events"),
            "DBT_PROFILES_DIR": str(self.path),
        }

    def run_dbt(self, *args: str, env: dict[str, str] | None = None) -> DbtRun:
        env = {**os.environ, **self.dbt_env(), **(env or {})}
        saved = self.path / PLANTED_PARSE
        if saved.exists():  # the session's parse, for the copy's first run_dbt
            (self.path / "target").mkdir(exist_ok=True)
            saved.replace(self.path / "target" / "partial_parse.msgpack")
        result = subprocess.run(
            [DBT, *args],
            cwd=self.path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        return DbtRun(
            returncode=result.returncode,
            output=result.stdout + result.stderr,
            failed_tests=self._failed_tests(),
            failed_nodes=self._failed_nodes(),
        )

    def _load(self, name: str) -> dict:
        path = self.path / "target" / name
        return json.loads(path.read_text()) if path.exists() else {}

    def _failed_nodes(self) -> set[str]:
        results = self._load("run_results.json").get("results", [])
        return {
            result["unique_id"].split(".")[-1]
            for result in results
            if result["status"] in {"fail", "error"}
        }

    def _failed_tests(self) -> set[tuple[str, str]]:
        results = self._load("run_results.json").get("results", [])
        nodes = self._load("manifest.json").get("nodes", {})
        failed = set()
        for result in results:
            node = nodes.get(result["unique_id"], {})
            if result["status"] != "fail" or node.get("resource_type") != "test":
                continue
            test_name = (node.get("test_metadata") or {}).get("name", node.get("name"))
            model = (node.get("attached_node") or "").split(".")[-1]
            failed.add((test_name, model))
        return failed

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace one exact occurrence of `old` in a project file (fails if absent)."""
        path = self.path / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append_rows(self, relative: str, *rows: str) -> None:
        path = self.path / relative
        with path.open("a", encoding="utf-8") as handle:
            for row in rows:
                handle.write(row + "\n")


# dbt's saved parses and the compiled-analyses cache of the session's clean build: a copy
# made after it starts from them, as a user's second `make build` does (dbt re-parses only
# what the test changed, instead of every file: about 35 s a build here).
# ProjectCopy.run_dbt's saved parse (its database path differs from the build's, and dbt keys
# the saved parse on it) waits in PLANTED_PARSE until the copy's first run_dbt.
PLANTED_PARSE = Path(".build") / "planted_parse.msgpack"
PLANTED_TARGET = Path(".build") / "planted_target"
PARSE_STATE = {
    Path("target") / "partial_parse.msgpack": Path("target") / "partial_parse.msgpack",
    Path(".build") / "compile" / "target" / "partial_parse.msgpack": (
        Path(".build") / "compile" / "target" / "partial_parse.msgpack"
    ),
    Path(".build") / "compiled": Path(".build") / "compiled",
    PLANTED_TARGET / "partial_parse.msgpack": PLANTED_PARSE,
}
_parse_state_from: list[Path] = []


def copy_project(target_root: Path) -> ProjectCopy:
    for name in COPIED:
        source = PROJECT_ROOT / name
        target = target_root / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    for built in _parse_state_from:
        for saved, copied in PARSE_STATE.items():
            source, target = built / saved, target_root / copied
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            elif source.exists():
                shutil.copy2(source, target)
    return ProjectCopy(target_root)


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse built from the unchanged project by the write-audit-publish path."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    run = project.run_build()
    assert run.returncode == 0, run.output
    parsed = subprocess.run(
        [DBT, "parse", "--quiet"],
        cwd=project.path,
        env={**os.environ, **project.dbt_env(), "DBT_TARGET_PATH": str(PLANTED_TARGET)},
        check=False,
    )
    assert parsed.returncode == 0
    _parse_state_from.append(project.path)
    return project.published


@pytest.fixture
def project_copy(tmp_path: Path, built_warehouse: Path) -> ProjectCopy:
    """A copy of the project (after the session's clean build, whose dbt parse it reuses)."""
    return copy_project(tmp_path)


@pytest.fixture
def warehouse_copy(built_warehouse: Path, tmp_path: Path) -> Path:
    """A throwaway copy of the clean build, for tests that read or damage it."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy2(built_warehouse, copy)
    return copy


@pytest.fixture
def published_copy(project_copy: ProjectCopy, built_warehouse: Path) -> ProjectCopy:
    """A project copy with a published warehouse.duckdb and warehouse_parquet/ (the clean build)."""
    shutil.copy2(built_warehouse, project_copy.published)
    exports = built_warehouse.with_name("warehouse_parquet").resolve()
    shutil.copytree(exports, project_copy.path / exports.name)
    (project_copy.path / "warehouse_parquet").symlink_to(exports.name)
    return project_copy


def published_snapshot(project: ProjectCopy) -> dict[str, str]:
    """sha256 of the published warehouse and of every published Parquet export, and the link."""
    link = project.path / "warehouse_parquet"
    files = [project.published, *sorted(link.glob("*"))] if link.exists() else [project.published]
    snapshot = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    snapshot["exports_link"] = os.readlink(link) if link.is_symlink() else ""
    return snapshot
