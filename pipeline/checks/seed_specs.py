"""What each seed must look like, read from the dbt property files (one source of truth).

- `seeds/_seeds.yml` gives each seed's header (its `columns`) and types (`column_types`).
- The staging model `stg_<source>__<seed>` carries the data tests (unique, not_null,
  accepted_values, relationships, value_in_range, not_before, unique_combination_of_columns,
  expression_is_true). The seed pre-check applies the same tests to the raw CSV rows so that a
  curator gets the file and line of a broken row before anything is loaded; dbt runs them again
  after loading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

STAGING_MODEL = re.compile(r"stg_[a-z0-9]+__(\w+)")
REF_PATTERN = re.compile(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""")


@dataclass(frozen=True)
class RuleSpec:
    """One dbt data test: its name, the column it is attached to (if any) and its arguments."""

    name: str
    column: str | None
    arguments: dict[str, Any]
    description: str | None = None


@dataclass
class SeedSpec:
    name: str
    csv_path: Path
    columns: list[str]
    column_types: dict[str, str]
    rules: list[RuleSpec] = field(default_factory=list)


def _load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _parse_test(entry: str | dict[str, Any], column: str | None) -> RuleSpec:
    if isinstance(entry, str):
        return RuleSpec(entry, column, {})
    (name, body), *_ = entry.items()
    body = body or {}
    arguments = dict(body.get("arguments") or {})
    reserved = {"arguments", "config", "description", "name"}
    arguments.update({key: value for key, value in body.items() if key not in reserved})
    return RuleSpec(name, column, arguments, body.get("description"))


def _rules_of(model: dict[str, Any]) -> list[RuleSpec]:
    rules = [_parse_test(entry, None) for entry in model.get("data_tests") or []]
    for column in model.get("columns") or []:
        rules += [_parse_test(entry, column["name"]) for entry in column.get("data_tests") or []]
    return rules


def seed_for_model(model_name: str) -> str | None:
    """`stg_curated__tariffs` -> `tariffs`: the seed a staging model is named after."""
    match = STAGING_MODEL.fullmatch(model_name)
    return match.group(1) if match else None


def parent_seed(rule: RuleSpec) -> str | None:
    """The seed a relationships test points at, e.g. ref('stg_curated__countries') -> countries."""
    match = REF_PATTERN.search(str(rule.arguments.get("to", "")))
    return seed_for_model(match.group(1)) if match else None


def duckdb_type(declared: object) -> str:
    """A column type from the YAML, as DuckDB spells it. Types that differ by engine are
    written as `{{ 'string' if target.type == 'spark' else 'varchar' }}` (YAML cannot call
    macros); the seed checks run on DuckDB."""
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
    for path in sorted((project / "models" / "staging").rglob("*.yml")):
        for model in _load_yaml(path).get("models", []):
            seed = seed_for_model(model["name"])
            if seed in specs:
                specs[seed].rules += _rules_of(model)
    return specs


def display_path(project: Path, spec: SeedSpec) -> str:
    """The seed's path as a curator sees it: `seeds/tariffs.csv`, `seeds/gdelt/...csv`."""
    try:
        return spec.csv_path.relative_to(project).as_posix()
    except ValueError:
        return spec.csv_path.as_posix()
