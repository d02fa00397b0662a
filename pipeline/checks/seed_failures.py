"""The seed lines behind a failing dbt test: dbt owns the rule, this names the file and line.

The data tests on the seeds' staging models are dbt's (models/staging/*/_*__models.yml); they
run in every build and in `make check-seeds`, and nothing here re-states them. When one fails,
its compiled SQL (from run_results.json) runs again, read-only, on the unpublished warehouse it
failed on, and each row it returns is traced to the lines of the seed it came from. That works
for a model built from one seed and nothing else (a staging model): it has one row per seed
row, in file order, so a row's position in the model is its position in the file, and the
line is the one the CSV reader gave that row. A failing test of any other model is reported by
dbt's own message only.

The message names the column, the value and the rule. The wording per kind of test is the one
thing kept here; a test without a wording (a new generic test) is reported by its name and its
description, so a new rule needs no change in this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.checks.problems import Problem, quoted
from pipeline.checks.seed_csv import read_seed
from pipeline.checks.seed_specs import display_path, load_seed_specs
from pipeline.project_vars import project_vars, render

# The columns dbt's built-in tests name the failing value by, instead of the tested column.
VALUE_COLUMNS = {"unique_field", "value_field", "from_field"}
COUNT_COLUMNS = {"n_records", "row_count"}


@dataclass(frozen=True)
class FailedTest:
    """A failing dbt test on a model built from one seed."""

    test: dict[str, Any]
    model: dict[str, Any]
    seed: dict[str, Any]
    compiled_code: str
    kwargs: dict[str, Any]  # the test's arguments, rendered as dbt rendered them

    @property
    def name(self) -> str:
        return (self.test.get("test_metadata") or {}).get("name") or self.test["name"]

    @property
    def column(self) -> str | None:
        return self.test.get("column_name") or self.kwargs.get("column_name")


def failed_seed_tests(target: Path, variables: dict[str, Any]) -> list[FailedTest]:
    """The failing tests of the last dbt run in `target` whose model reads one seed only.

    `variables`: the project's dbt vars, to render arguments that read them.
    """
    if not (target / "manifest.json").is_file() or not (target / "run_results.json").is_file():
        return []  # dbt stopped before it ran anything: its own message says why
    manifest = json.loads((target / "manifest.json").read_text())
    results = json.loads((target / "run_results.json").read_text())["results"]
    nodes = manifest["nodes"]
    failed = []
    for result in results:
        test = nodes.get(result["unique_id"])
        if result["status"] != "fail" or test is None or test["resource_type"] != "test":
            continue
        model = nodes.get(test.get("attached_node") or "")
        parents = model["depends_on"]["nodes"] if model else []
        if model and len(parents) == 1 and parents[0].startswith("seed."):
            arguments = render((test.get("test_metadata") or {}).get("kwargs") or {}, variables)
            seed = nodes[parents[0]]
            failed.append(FailedTest(test, model, seed, result["compiled_code"], arguments))
    return failed


def _relation(node: dict[str, Any]) -> str:
    return ".".join(f'"{part}"' for part in (node["database"], node["schema"], node["alias"]))


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _shown(value: object) -> str:
    """Text quoted; a number as written (a decimal without its padding zeros: -5, not -5.000)."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _parent_seed(failed: FailedTest, nodes: dict[str, Any]) -> str:
    """`seeds/<seed>.csv (<field>)`: where a relationships test looks the value up."""
    field = failed.kwargs.get("field")
    to = str(failed.kwargs.get("to"))
    for uid in failed.test["depends_on"]["nodes"]:
        parent = nodes.get(uid)
        # the test reads the tested model and the model in `to` (the same one when it refers
        # to its own table, as a retaliation to another tariff does)
        if parent and parent["resource_type"] == "model" and f"'{parent['name']}'" in to:
            seeds = [node for node in parent["depends_on"]["nodes"] if node.startswith("seed.")]
            if len(seeds) == 1 and len(parent["depends_on"]["nodes"]) == 1:
                return f"seeds/{nodes[seeds[0]]['name']}.csv ({field})"
            return f"{parent['name']} ({field})"
    return f"{to} ({field})"


def message(failed: FailedTest, row: dict[str, Any], first_line: int, nodes: dict) -> str:
    """Why the row breaks the test, in the curator's terms."""
    column, args = failed.column, failed.kwargs
    value = row.get(column) if column else None
    if failed.name == "not_null":
        return f"{column} is empty; a value is required"
    if failed.name == "unique":
        return f"{column} {_shown(value)} is already used on line {first_line}; it must be unique"
    if failed.name == "unique_combination_of_columns":
        pairs = ", ".join(
            f"{name} {_shown(row.get(name))}" for name in args["combination_of_columns"]
        )
        return f"the combination {pairs} is already used on line {first_line}; it must be unique"
    if failed.name == "accepted_values":
        allowed = ", ".join(str(allowed) for allowed in args["values"])
        return f"{column} {_shown(value)} is not one of: {allowed}"
    if failed.name == "relationships":
        return f"{column} {_shown(value)} does not exist in {_parent_seed(failed, nodes)}"
    if failed.name == "value_in_range":
        low, high = args["min_value"], args["max_value"]
        return f"{column} {_shown(value)} is outside the allowed range {low} to {high}"
    if failed.name == "not_before":
        other = args["other_column_name"]
        return f"{column} {_shown(value)} is before {other} {_shown(row.get(other))}"
    if failed.name == "expression_is_true":
        return f"breaks the rule: {failed.test.get('description') or args['expression']}"
    described = f" ({failed.test['description']})" if failed.test.get("description") else ""
    return f"fails the dbt test {failed.test['name']}{described}"


def _matching(failing: dict[str, Any], model_columns: list[str]) -> dict[str, Any]:
    """The model columns and values that identify the failing row's lines."""
    return {
        name: value
        for name, value in failing.items()
        if name not in COUNT_COLUMNS and name in model_columns
    }


def _lines_of(
    numbered: list[dict[str, Any]], wanted: dict[str, Any], lines: list[int]
) -> list[int]:
    return sorted(
        lines[row["_position"]]
        for row in numbered
        if all(row[name] == value for name, value in wanted.items())
    )


def seed_problems(
    project: Path, target: Path, warehouse: Path, dbt_args: Sequence[str] = ()
) -> list[Problem]:
    """The seed lines (with why) behind each failing test of the last dbt run in `target`."""
    failures = failed_seed_tests(target, project_vars(project, dbt_args))
    if not failures:
        return []
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    specs = load_seed_specs(project)
    # attached under the catalog name dbt compiled the tests with
    database = failures[0].model["database"].replace('"', '""')
    path = str(warehouse).replace("'", "''")
    connection = duckdb.connect(":memory:")
    connection.execute(f"attach '{path}' as \"{database}\" (read_only)")
    connection.execute(f'use "{database}"')
    connection.execute("set threads = 1")  # a single-threaded scan keeps the file's order
    try:
        return sorted(set(_problems(connection, project, specs, failures, nodes)))
    finally:
        connection.close()


def _problems(
    connection: duckdb.DuckDBPyConnection,
    project: Path,
    specs: dict,
    failures: list[FailedTest],
    nodes: dict,
) -> Iterator[Problem]:
    for failed in failures:
        spec = specs[failed.seed["name"]]
        display = display_path(project, spec)
        rows, _ = read_seed(spec, display)
        numbered = _rows(
            connection,
            f"select row_number() over () - 1 as _position, * from {_relation(failed.model)}",
        )
        if rows is None or len(rows.rows) != len(numbered):
            continue  # not one row per line: dbt's own message stands
        lines = [line for line, _ in rows.rows]
        columns = [name for name in numbered[0] if name != "_position"] if numbered else []
        for returned in _rows(connection, failed.compiled_code):
            # dbt's unique, accepted_values and relationships name the value by their own column
            failing = {
                (failed.column if name in VALUE_COLUMNS else name): value
                for name, value in returned.items()
            }
            found = _lines_of(numbered, _matching(failing, columns), lines)
            if failed.name in ("unique", "unique_combination_of_columns"):
                first, *repeated = found or [0]
                found = repeated
            else:
                first = found[0] if found else 0
            for line in found:
                yield Problem(display, line, message(failed, failing, first, nodes))
