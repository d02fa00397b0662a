"""Fail on unknown keys in the project's property YAML files (a misspelled key must fail).

dbt-core only runs its JSON-schema validation of property files for a few adapters (not
DuckDB, Postgres or Spark), so a typo such as `descriptoin:` would be silently ignored. This
script applies dbt's own bundled schema to every property file and exits non-zero, naming the
file and key path, on any key the schema does not allow.

Run: python scripts/check_yaml_keys.py [project_dir]
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from dbt.jsonschemas.jsonschemas import (
    _additional_properties_violation_keys,
    _validate_with_schema,
    error_path_to_string,
    resources_schema,
)

# Keys the bundled schema lacks but dbt-core 1.11 still supports and skips in its own check
# (metrics' `type_params`, for ratio, derived and cumulative metrics).
ALLOWED_BY_DBT_CORE = {"type_params"}

PROPERTY_FOLDERS = ["models", "seeds", "tests", "macros", "analyses", "snapshots"]


def property_files(project: Path) -> Iterator[Path]:
    for folder in PROPERTY_FOLDERS:
        root = project / folder
        if root.is_dir():
            yield from sorted(root.rglob("*.yml"))
            yield from sorted(root.rglob("*.yaml"))


def unknown_keys(path: Path) -> list[str]:
    """Every `file: key_path: unknown key` problem in one property file."""
    # libyaml's loader (the same safe loading): the pure-Python one took a second a build
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    problems = []
    for error in _validate_with_schema(resources_schema(), document):
        if error.validator != "additionalProperties":
            continue
        where = error_path_to_string(error) or "(top level)"
        for key in _additional_properties_violation_keys(error):
            if key in ALLOWED_BY_DBT_CORE:
                continue
            problems.append(f"{path}: {where}: unknown key '{key}'")
    return problems


def main(argv: list[str]) -> int:
    project = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    problems = [problem for path in property_files(project) for problem in unknown_keys(path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} unknown key(s) in property files", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
