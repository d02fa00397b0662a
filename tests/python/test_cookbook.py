"""The analyst cookbook (analyses/) answers its questions as documented.

Every analysis is compiled by dbt in a copy of the project against a copy of the built
warehouse (so nothing locks the original), its compiled SQL is run on that copy read-only, and
the result is compared with the answer documented under `config: meta: expected_answer:` in
analyses/_analyses.yml, as dbt parsed it into the manifest:

    row_count   number of rows the analysis returns
    first_rows  its first rows, in its order, only the columns listed; numbers match to within
                0.001, dates are written YYYY-MM-DD

The documented answers were computed independently of the analyses (see _analyses.yml). The
planted-defect tests show the comparison fails when an answer, a warehouse row or the
documentation is wrong.
"""

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import cookbook_answers
import duckdb
import friction_oracle
import pytest
from conftest import DBT, PROJECT_ROOT, copy_project
from test_friction_oracle import gdelt_pair_months

ANALYSES = sorted(path.stem for path in (PROJECT_ROOT / "analyses").glob("*.sql"))
MIN_ANALYSES = 10
TOLERANCE = 1e-3


@dataclass
class Cookbook:
    warehouse: Path  # the compiled SQL names this file's catalog ("warehouse")
    nodes: dict[str, dict]  # manifest node of each analysis, by name
    compiled_sql: dict[str, str]  # compiled SQL of each analysis, by name


@pytest.fixture(scope="module")
def cookbook(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path) -> Cookbook:
    project = copy_project(tmp_path_factory.mktemp("cookbook"))
    warehouse = project.path / "warehouse.duckdb"
    shutil.copy2(built_warehouse, warehouse)
    env = {
        **os.environ,
        "FRICTION_DUCKDB_PATH": str(warehouse),
        "DBT_PROFILES_DIR": str(project.path),
    }
    result = subprocess.run(
        [DBT, "compile", "--select", "resource_type:analysis"],
        cwd=project.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((project.path / "target" / "manifest.json").read_text())
    nodes = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "analysis"
    }
    compiled = project.path / "target" / "compiled" / "friction"
    compiled_sql = {
        name: (compiled / node["original_file_path"]).read_text(encoding="utf-8")
        for name, node in nodes.items()
    }
    return Cookbook(warehouse, nodes, compiled_sql)


def run_analysis(sql: str, warehouse: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """Run compiled SQL on the warehouse, read-only; return its columns and rows."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = connection.execute(sql)
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()
    return columns, rows


def _normalize(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return float(value)
    return value


def _matches(expected: Any, actual: Any) -> bool:
    expected, actual = _normalize(expected), _normalize(actual)
    numbers = (int, float)
    if (
        isinstance(expected, numbers)
        and isinstance(actual, numbers)
        and not isinstance(expected, bool)
        and not isinstance(actual, bool)
    ):
        return abs(expected - actual) <= TOLERANCE
    return expected == actual


def compare_answer(expected_answer: dict, rows: list[dict[str, Any]]) -> list[str]:
    """Every difference between a documented answer and an analysis's rows (empty: they agree)."""
    problems = []
    if len(rows) != expected_answer["row_count"]:
        problems.append(f"row_count: expected {expected_answer['row_count']}, got {len(rows)}")
    for index, expected_row in enumerate(expected_answer["first_rows"]):
        if index >= len(rows):
            problems.append(f"row {index + 1}: expected {expected_row}, got no row")
            continue
        for column, expected in expected_row.items():
            if column not in rows[index]:
                problems.append(f"row {index + 1}: no column {column!r} in the result")
            elif not _matches(expected, rows[index][column]):
                actual = _normalize(rows[index][column])
                problems.append(f"row {index + 1}, {column}: expected {expected!r}, got {actual!r}")
    return problems


def documentation_problems(names: list[str], nodes: dict[str, dict]) -> list[str]:
    """Every analysis file needs its question, a description and a well-formed expected answer."""
    problems = []
    if len(names) < MIN_ANALYSES:
        problems.append(f"only {len(names)} analyses; the cookbook needs {MIN_ANALYSES}")
    for name in names:
        node = nodes.get(name)
        if node is None:
            problems.append(f"{name}: not compiled by dbt")
            continue
        if not node["raw_code"].startswith("-- "):
            problems.append(f"{name}: the file does not start with a '-- <question>' line")
        if not node["description"].strip():
            problems.append(f"{name}: no description in analyses/_analyses.yml")
        answer = node["config"].get("meta", {}).get("expected_answer")
        if not isinstance(answer, dict):
            problems.append(f"{name}: no config.meta.expected_answer in analyses/_analyses.yml")
            continue
        if not isinstance(answer.get("row_count"), int):
            problems.append(f"{name}: expected_answer.row_count is not an integer")
        first_rows = answer.get("first_rows")
        if not (isinstance(first_rows, list) and first_rows) or not all(
            isinstance(row, dict) and row for row in first_rows
        ):
            problems.append(f"{name}: expected_answer.first_rows is not a list of rows")
    return problems


def test_every_analysis_is_documented(cookbook: Cookbook) -> None:
    assert documentation_problems(ANALYSES, cookbook.nodes) == []


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_gives_documented_answer(cookbook: Cookbook, name: str) -> None:
    node = cookbook.nodes[name]
    expected_answer = node["config"].get("meta", {}).get("expected_answer")
    assert expected_answer, f"{name}: no config.meta.expected_answer in analyses/_analyses.yml"

    columns, rows = run_analysis(cookbook.compiled_sql[name], cookbook.warehouse)

    assert compare_answer(expected_answer, rows) == []
    # every output column is described in _analyses.yml, and no described column is stale
    assert list(node["columns"]) == columns
    assert all(column["description"].strip() for column in node["columns"].values())


def test_documented_answers_are_the_independent_computation(cookbook: Cookbook) -> None:
    """The answers in _analyses.yml are cookbook_answers' (plain Python over the seeds)."""
    oracle = friction_oracle.compute(PROJECT_ROOT, gdelt_pair_months(cookbook.warehouse))
    assert sorted(cookbook_answers.ANSWERS) == ANALYSES
    problems = {}
    for name, answer in cookbook_answers.ANSWERS.items():
        documented = cookbook.nodes[name]["config"]["meta"]["expected_answer"]
        found = compare_answer(documented, answer(PROJECT_ROOT, oracle))
        if found:
            problems[name] = found
    assert problems == {}


# --- planted defects: the checks above must fail when something is wrong ----------------------


def test_planted_wrong_documented_answer_is_reported(cookbook: Cookbook) -> None:
    name = "tariffs_in_force_between_canada_and_china"
    _, rows = run_analysis(cookbook.compiled_sql[name], cookbook.warehouse)
    wrong = copy.deepcopy(cookbook.nodes[name]["config"]["meta"]["expected_answer"])
    wrong["row_count"] += 1
    wrong["first_rows"][0]["rate_pct"] = 99.9
    wrong["first_rows"][1]["tariff_id"] = "t_planted"
    wrong["first_rows"].append({"tariff_id": "t_extra"})

    problems = compare_answer(wrong, rows)

    assert "row_count: expected 8, got 7" in problems
    assert "row 1, rate_pct: expected 99.9, got 100.0" in problems
    assert "row 2, tariff_id: expected 't_planted', got 't_can_chn_steel_aluminum_2024'" in problems
    assert "row 8: expected {'tariff_id': 't_extra'}, got no row" in problems
    # within the tolerance is not a difference
    close = copy.deepcopy(cookbook.nodes[name]["config"]["meta"]["expected_answer"])
    close["first_rows"][0]["rate_pct"] = 100.0004
    assert compare_answer(close, rows) == []


# (analysis, SQL that plants a wrong row in a copy of the warehouse, the start of a difference
# the comparison must report)
PLANTED_ROWS = {
    "tariff in force": (
        "tariffs_in_force_between_canada_and_china",
        "insert into marts.fct_tariffs (tariff_id, imposing_country_code, target_country_code, "
        "product_description, measure_type, rate_pct, effective_date, is_retaliation, "
        "source_id) values ('t_planted', 'CAN', 'CHN', 'planted', 'tariff', 150, "
        "date '2025-01-01', false, 'src_ap_2026_01_12')",
        "row 1, tariff_id: expected 't_can_chn_ev_surtax_2024', got 't_planted'",
    ),
    "pair score": (
        "canada_china_friction_before_and_after_the_january_2026_carney_xi_meeting",
        "update marts.fct_country_pair_friction_monthly set friction_score = friction_score + 3 "
        "where country_a_code = 'CAN' and country_b_code = 'CHN' "
        "and month_start_date = date '2025-11-01'",
        "row 1, mean_friction_before: expected 1.03, got 2.0301",
    ),
    "meeting participant": (
        "meetings_per_country_pair_per_year",
        "delete from marts.fct_meeting_participants where actor_id = 'act_anthony_albanese' "
        "and meeting_id = 'm_albanese_xi_g20_bali_2022'",
        "row 1, meeting_year: expected 2022, got 2023",
    ),
}


@pytest.mark.parametrize("defect", PLANTED_ROWS)
def test_planted_wrong_row_in_warehouse_is_reported(
    cookbook: Cookbook, tmp_path: Path, defect: str
) -> None:
    name, planting_sql, expected_problem = PLANTED_ROWS[defect]
    planted = tmp_path / cookbook.warehouse.name  # same file name: the catalog the SQL names
    shutil.copy2(cookbook.warehouse, planted)
    connection = duckdb.connect(str(planted))
    try:
        connection.execute(planting_sql)
    finally:
        connection.close()
    expected_answer = cookbook.nodes[name]["config"]["meta"]["expected_answer"]

    _, rows = run_analysis(cookbook.compiled_sql[name], planted)
    problems = compare_answer(expected_answer, rows)

    assert any(problem.startswith(expected_problem) for problem in problems), problems
    # the clean copy still agrees, so the difference comes from the planted row
    _, clean_rows = run_analysis(cookbook.compiled_sql[name], cookbook.warehouse)
    assert compare_answer(expected_answer, clean_rows) == []


def test_planted_undocumented_analysis_is_reported(cookbook: Cookbook) -> None:
    nodes = copy.deepcopy(cookbook.nodes)
    first = "tariffs_in_force_between_canada_and_china"
    second = "disputes_active_on_2026_01_12"
    third = "meetings_per_country_pair_per_year"
    del nodes[first]["config"]["meta"]["expected_answer"]
    nodes[second]["description"] = ""
    nodes[third]["config"]["meta"]["expected_answer"]["first_rows"] = []
    nodes[third]["raw_code"] = "select 1 as planted"

    problems = documentation_problems([first, second, third, "an_analysis_without_a_file"], nodes)

    assert problems == [
        f"only 4 analyses; the cookbook needs {MIN_ANALYSES}",
        f"{first}: no config.meta.expected_answer in analyses/_analyses.yml",
        f"{second}: no description in analyses/_analyses.yml",
        f"{third}: the file does not start with a '-- <question>' line",
        f"{third}: expected_answer.first_rows is not a list of rows",
        "an_analysis_without_a_file: not compiled by dbt",
    ]
