"""Run MetricFlow on a copy of the published warehouse.

`python -m pipeline.readers.metricflow <mf args>`.

`mf` connects through the dbt profile and dbt-duckdb opens the file read-write, so it gets a
copy (.build/mf/<warehouse name>), refreshed whenever the published file is newer. `mf` reads
`target/semantic_manifest.json`; it is taken from the project compiled once per version
(pipeline.wap.compiled_project, warmed by `make build`), so `make mf` runs no `dbt parse`. The copy
has the published file's name, because the manifest names the catalog after the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.wap.compiled_project import SEMANTIC_MANIFEST, CompileError, ensure_compiled

BIN = Path(sys.executable).parent


def install_manifest(project: Path, compiled: Path) -> None:
    """Put the compiled semantic manifest where `mf` reads it, unless it is there already."""
    source = compiled / SEMANTIC_MANIFEST
    target = project / "target" / SEMANTIC_MANIFEST
    if target.exists() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def prepare(project: Path, warehouse: Path) -> dict[str, str]:
    if not warehouse.exists():
        raise SystemExit(f"make mf: {warehouse} does not exist: run `make build` first")
    copy = project / ".build" / "mf" / warehouse.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    if not copy.exists() or copy.stat().st_mtime < warehouse.stat().st_mtime:
        shutil.copy2(warehouse, copy)
    try:
        install_manifest(project, ensure_compiled(project, warehouse))
    except CompileError as error:
        raise SystemExit(f"make mf: {error}") from error
    return {**os.environ, "FRICTION_DUCKDB_PATH": str(copy), "DBT_PROFILES_DIR": str(project)}


def main(argv: list[str]) -> int:
    warehouse = Path(os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")).resolve()
    env = prepare(Path.cwd(), warehouse)
    return subprocess.run([str(BIN / "mf"), *argv], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
