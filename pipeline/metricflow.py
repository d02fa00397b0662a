"""Run MetricFlow on a copy of the published warehouse: `python -m pipeline.metricflow <mf args>`.

`mf` connects through the dbt profile and dbt-duckdb opens the file read-write, so it gets a
copy (.build/mf/<warehouse name>), refreshed whenever the published file is newer; the semantic
manifest is parsed against that same path, because it names the catalog after the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def prepare(project: Path, warehouse: Path) -> dict[str, str]:
    if not warehouse.exists():
        raise SystemExit(f"{warehouse} does not exist: run `make build` first")
    copy = project / ".build" / "mf" / warehouse.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    if not copy.exists() or copy.stat().st_mtime < warehouse.stat().st_mtime:
        shutil.copy2(warehouse, copy)
    env = {**os.environ, "FRICTION_DUCKDB_PATH": str(copy), "DBT_PROFILES_DIR": str(project)}
    subprocess.run([str(BIN / "dbt"), "parse", "--quiet"], cwd=project, env=env, check=True)
    return env


def main(argv: list[str]) -> int:
    warehouse = Path(os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")).resolve()
    env = prepare(Path.cwd(), warehouse)
    return subprocess.run([str(BIN / "mf"), *argv], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
