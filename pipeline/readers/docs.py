"""Build the dbt docs site: `python -m pipeline.readers.docs [--warehouse warehouse.duckdb]`.

dbt reads the catalog (column types) from a database, and dbt-duckdb opens it read-write, so the
site is generated from a throwaway copy of the published warehouse: BI readers are never
blocked. Output: target/static_index.html (one self-contained page), copied to
reports/docs/index.html, plus target/manifest.json and target/catalog.json. Prints the
documentation coverage and exits 1 if anything is undescribed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from pipeline import dbt_runner
from pipeline.readers.docs_coverage import undescribed


def generate(project: Path, warehouse: Path, site: Path) -> Path:
    if not warehouse.exists():
        raise SystemExit(f"{warehouse} does not exist: run `make build` first")
    with dbt_runner.scratch_file(warehouse, copy=True) as copy:
        completed = dbt_runner.run(project, ["docs", "generate", "--static"], copy)
    if completed.returncode != 0:
        raise SystemExit(f"dbt docs generate failed (exit {completed.returncode}): see above")
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(project / "target" / "static_index.html", site)
    return site


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Generate the static dbt docs site.")
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    parser.add_argument("--site", type=Path, default=Path("reports/docs/index.html"))
    parser.add_argument("--project-dir", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    project = args.project_dir.resolve()
    site = generate(project, args.warehouse.resolve(), args.site.resolve())
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    catalog = json.loads((project / "target" / "catalog.json").read_text())
    missing = undescribed(manifest, catalog)
    for item in missing:
        print(f"undescribed: {item}", file=sys.stderr)
    print(f"Docs site: {site} (documentation coverage: {len(missing)} undescribed items)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
