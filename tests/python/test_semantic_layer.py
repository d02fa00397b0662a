"""The semantic layer: MetricFlow validates it, and every example of docs/semantic-layer.md returns
the marts' numbers.

Each example in mf_examples.py is run with `mf query --csv` against a copy of a clean build and
compared, row by row and cell by cell, with its own plain DuckDB query over the marts. A planted
wrong metric definition and a misspelled metric must both fail the check.
"""

import dataclasses
import math
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import mf_examples
import pytest
from conftest import DBT, ProjectCopy, copy_project, run_documented
from mf_examples import EXAMPLES, MfError, MfExample, markdown, query, run_mf

TOLERANCE = 1e-9
EXAMPLES_BY_NAME = {example.name: example for example in EXAMPLES}
FRICTION_SCORE_MEASURE = (
    "description: Friction score (the sum of the signed tariff, dispute, cooperation and GDELT "
    "components), summed over the country pairs in the group.\n        agg: sum\n"
)


_ANSWERS: dict[tuple[str, Path], tuple[list[str], list[list[str]]]] = {}


def answer(example: MfExample, project: Path, warehouse: Path) -> tuple[list[str], list[list[str]]]:
    """`mf query` for the example, run once per project copy (the page check reuses it)."""
    key = (example.name, project)
    if key not in _ANSWERS:
        _ANSWERS[key] = query(example, project, warehouse)
    return _ANSWERS[key]


def parse(project: ProjectCopy) -> None:
    """`dbt parse` writes target/semantic_manifest.json, which mf reads."""
    env = {**os.environ, "DBT_PROFILES_DIR": str(project.path)}
    env["FRICTION_DUCKDB_PATH"] = str(project.published)
    result = subprocess.run(
        [DBT, "parse"], cwd=project.path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def mf_project(root: Path, built_warehouse: Path) -> ProjectCopy:
    """A parsed project copy with its own copy of the clean warehouse for mf to open."""
    project = copy_project(root)
    shutil.copy2(built_warehouse, project.published)
    return project


@pytest.fixture(scope="module")
def semantic_project(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path):
    project = mf_project(tmp_path_factory.mktemp("semantic"), built_warehouse)
    parse(project)
    return project


def expected_table(example: MfExample, warehouse: Path) -> tuple[list[str], list[tuple]]:
    """The example's independent SQL over the marts of the clean build (read-only)."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        relation = connection.sql(example.check_sql)
        return relation.columns, relation.fetchall()


def _same(actual: str, expected: object) -> bool:
    """A CSV cell from mf against a DuckDB value (numbers within TOLERANCE)."""
    if expected is None:
        return actual == ""
    if isinstance(expected, datetime | date):
        at_midnight = re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", actual) is not None
        return at_midnight and actual[:10] == expected.isoformat()[:10]
    if isinstance(expected, int | float | Decimal) and not isinstance(expected, bool):
        try:
            value = float(actual)
        except ValueError:
            return False
        return math.isclose(value, float(expected), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return actual == str(expected)


def mismatches(example: MfExample, project: ProjectCopy, warehouse: Path) -> list[str]:
    """Every difference between the example's mf output and its SQL check (empty: they agree)."""
    header, rows = answer(example, project.path, project.published)
    columns, expected_rows = expected_table(example, warehouse)
    if header != columns:
        return [f"{example.name}: mf columns {header} != SQL columns {columns}"]
    if not expected_rows:
        return [f"{example.name}: the SQL check returns no rows; the example proves nothing"]
    problems = []
    if len(rows) != len(expected_rows):
        problems.append(f"{example.name}: mf returned {len(rows)} rows, SQL {len(expected_rows)}")
    for number, (row, expected_row) in enumerate(zip(rows, expected_rows, strict=False), 1):
        for column, actual, expected in zip(columns, row, expected_row, strict=True):
            if not _same(actual, expected):
                problems.append(
                    f"{example.name} row {number} {column}: mf {actual!r}, SQL {expected!r}"
                )
    return problems


def test_documented_make_mf_commands_run_without_parsing(built_warehouse: Path) -> None:
    """docs/semantic-layer.md's `make mf` lines, run as written in a project `make build` built:
    mf answers from the semantic manifest the build compiled, with no dbt parse."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "semantic-layer.md").read_text()
    commands = re.findall(r"^make mf ARGS=.*$", page, re.MULTILINE)
    assert len(commands) == 2, commands
    outputs = []
    for command in commands:
        result = run_documented(built_warehouse.parent, command)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Compiling" not in result.stderr, "make mf compiled what the build had compiled"
        outputs.append(result.stdout)
    assert "friction_score" in outputs[0]
    assert "CAN-CHN" in outputs[1]


def test_semantic_layer_page_prints_the_answers_mf_gives(
    semantic_project: ProjectCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/semantic-layer.md's examples are mf_examples.py's markdown of this build, verbatim."""
    monkeypatch.setattr(mf_examples, "query", answer)
    page = (Path(__file__).resolve().parents[2] / "docs" / "semantic-layer.md").read_text()
    printed = markdown(semantic_project.path, semantic_project.published)
    assert printed in page, "docs/semantic-layer.md's examples differ: reprint them (see the page)"


def test_mf_validate_configs(semantic_project: ProjectCopy) -> None:
    output = run_mf(["validate-configs"], semantic_project.path, semantic_project.published)
    assert "Successfully validated metrics against data warehouse" in output, output
    counts = re.findall(r"ERRORS: (\d+), FUTURE_ERRORS: (\d+), WARNINGS: (\d+)", output)
    assert counts, output
    assert all(count == ("0", "0", "0") for count in counts), output


@pytest.mark.parametrize("name", list(EXAMPLES_BY_NAME))
def test_example_matches_sql_over_marts(
    name: str, semantic_project: ProjectCopy, built_warehouse: Path
) -> None:
    assert mismatches(EXAMPLES_BY_NAME[name], semantic_project, built_warehouse) == []


def test_wrong_metric_definition_fails_the_check(tmp_path: Path, built_warehouse: Path) -> None:
    """Plant the old sign error: cooperation (already negative) subtracted a second time."""
    project = mf_project(tmp_path, built_warehouse)
    project.edit(
        "models/semantic/_semantic__models.yml",
        FRICTION_SCORE_MEASURE,
        FRICTION_SCORE_MEASURE
        + "        expr: tariff_component + dispute_component - cooperation_component\n",
    )
    parse(project)

    problems = mismatches(EXAMPLES_BY_NAME["pair_friction_by_month"], project, built_warehouse)

    assert problems, "a wrong friction_score definition went unnoticed"
    # every CAN-CHN month of 2026 with cooperation points has a wrong score ...
    _, rows = expected_table(EXAMPLES_BY_NAME["pair_friction_by_month"], built_warehouse)
    cooperation_months = [row for row in rows if row[5] != 0]
    assert cooperation_months
    assert len(problems) == len(cooperation_months), problems
    # ... and only the friction_score column, the components are still right
    assert all(" friction_score: mf " in problem for problem in problems), problems


def test_misspelled_metric_fails_clearly(semantic_project: ProjectCopy) -> None:
    misspelled = dataclasses.replace(
        EXAMPLES_BY_NAME["pair_friction_by_month"], metrics=("friction_scor",)
    )

    with pytest.raises(MfError) as failure:
        query(misspelled, semantic_project.path, semantic_project.published)

    message = str(failure.value)
    assert "does not exactly match any known metrics" in message
    assert "friction_scor" in message and "'friction_score'" in message  # with a suggestion
