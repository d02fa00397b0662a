"""What each seed must look like, read from the seeds' property file (one source of truth).

`seeds/_seeds.yml` gives each seed's header (its `columns`) and types (`column_types`), which
the CSV reader (pipeline/checks/seed_csv.py) checks before anything is loaded. The data rules
(unique, not_null, relationships, ...) are dbt's tests on the seeds' staging models; they are
not read here (pipeline/checks/seed_failures.py names the lines of the rows that fail them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml


@dataclass
class SeedSpec:
    name: str
    csv_path: Path
    columns: list[str]
    column_types: dict[str, str]


def _load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def duckdb_type(declared: object) -> str:
    """A column type from the YAML, as DuckDB spells it. Types that differ by engine are
    written as `{{ 'string' if target.type == 'spark' else 'varchar' }}` (YAML cannot call
    macros); the CSV checks use DuckDB's names."""
    text = str(declared)
    if "{{" in text:
        text = jinja2.Template(text).render(target={"type": "duckdb"})
    return text.strip().lower()


def load_seed_specs(project: Path) -> dict[str, SeedSpec]:
    specs: dict[str, SeedSpec] = {}
    seeds = project / "seeds"
    csv_paths = {path.stem: path for path in seeds.rglob("*.csv")}
    for properties in sorted(seeds.rglob("*.yml")):
        for seed in _load_yaml(properties).get("seeds", []):
            config = seed.get("config") or {}
            types = config.get("column_types", {})
            specs[seed["name"]] = SeedSpec(
                name=seed["name"],
                csv_path=csv_paths.get(seed["name"], seeds / f"{seed['name']}.csv"),
                columns=[column["name"] for column in seed.get("columns", [])],
                column_types={key: duckdb_type(value) for key, value in types.items()},
            )
    return specs


def display_path(project: Path, spec: SeedSpec) -> str:
    """The seed's path as a curator sees it: `seeds/tariffs.csv`, `seeds/gdelt/...csv`."""
    try:
        return spec.csv_path.relative_to(project).as_posix()
    except ValueError:
        return spec.csv_path.as_posix()
