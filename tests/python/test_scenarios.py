"""What-if scenarios (docs/scenarios.md): their differences are right and the baseline never moves.

- Every row of marts.fct_scenario_pair_friction_monthly equals the independent oracle
  (friction_oracle.py, with the scenario's overrides applied to the seed rows in Python), and the
  mart holds exactly the pairs whose score the scenario changes.
- The three shipped scenarios move the score the way their premise says (a lifted tariff lowers
  friction, a kept one raises it), and only from their dates.
- A build without any scenario publishes the same baseline marts, row for row, as the shipped
  build; a planted leak of scenario rows into the score is caught by the same comparison.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import duckdb
import friction_oracle
from conftest import PROJECT_ROOT, ProjectCopy

SCENARIO_MART = "marts.fct_scenario_pair_friction_monthly"
SCENARIO_TABLES = {"fct_scenario_pair_friction_monthly", "dim_scenarios"}
CURATED = ("tariff", "dispute", "cooperation")


def query(warehouse: Path, sql: str) -> list[tuple]:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        return connection.sql(sql).fetchall()
    finally:
        connection.close()


def curated_sums(oracle: friction_oracle.Oracle) -> dict[tuple, float]:
    sums: dict[tuple, float] = defaultdict(float)
    for item in oracle.contributions:
        if item.component in CURATED:
            sums[(item.pair, item.month)] += item.contribution
    return sums


def scenario_ids() -> list[str]:
    rows = friction_oracle._rows(PROJECT_ROOT, "scenarios")
    return [row["scenario_id"] for row in rows]


def test_every_scenario_difference_matches_the_oracle(built_warehouse: Path) -> None:
    baseline = curated_sums(friction_oracle.compute(PROJECT_ROOT, []))
    rows = query(
        built_warehouse,
        f"select scenario_id, country_a_code, country_b_code, month_start_date,"
        f" friction_difference, baseline_friction_score, scenario_friction_score"
        f" from {SCENARIO_MART}",
    )
    assert {row[0] for row in rows} == set(scenario_ids())
    for scenario_id in scenario_ids():
        scenario = curated_sums(friction_oracle.compute(PROJECT_ROOT, [], scenario_id=scenario_id))
        expected = {
            key: scenario.get(key, 0.0) - baseline.get(key, 0.0)
            for key in baseline.keys() | scenario.keys()
        }
        changed_pairs = {key[0] for key, value in expected.items() if abs(value) > 1e-9}
        actual = [row for row in rows if row[0] == scenario_id]
        assert {(row[1], row[2]) for row in actual} == changed_pairs, scenario_id
        problems = [
            f"{scenario_id} {row[1]}-{row[2]} {row[3]}: mart {row[4]}, oracle {wanted}"
            for row in actual
            if not friction_oracle.close(
                row[4], wanted := expected.get(((row[1], row[2]), row[3]), 0)
            )
        ]
        problems += [
            f"{scenario_id} {key}: difference {value} missing from the mart"
            for key, value in expected.items()
            if abs(value) > 1e-9 and (scenario_id, *key[0], key[1]) not in {r[:4] for r in actual}
        ]
        assert problems == []
        assert all(friction_oracle.close(row[6], row[5] + row[4]) for row in actual)


def differences_by_month(warehouse: Path, scenario_id: str, pair: tuple[str, str]) -> dict:
    rows = query(
        warehouse,
        f"select month_start_date, friction_difference from {SCENARIO_MART}"
        f" where scenario_id = '{scenario_id}' and country_a_code = '{pair[0]}'"
        f" and country_b_code = '{pair[1]}'",
    )
    return dict(rows)


def test_shipped_scenarios_move_the_score_as_their_premise_says(built_warehouse: Path) -> None:
    march = dt.date(2026, 3, 1)
    lifted = differences_by_month(built_warehouse, "sc_can_lifts_ev_surtax_2026", ("CAN", "CHN"))
    assert all(value == 0 for month, value in lifted.items() if month < march)
    assert all(value < 0 for month, value in lifted.items() if march <= month)

    kept = differences_by_month(
        built_warehouse, "sc_chn_reverses_canola_concessions_2026", ("CAN", "CHN")
    )
    assert all(value == 0 for month, value in kept.items() if month < march)
    assert all(value > 0 for month, value in kept.items() if march <= month)

    for pair in (("CAN", "USA"), ("CHN", "USA"), ("IND", "USA")):
        lapsed = differences_by_month(built_warehouse, "sc_usa_no_section_122_2026", pair)
        assert all(value == 0 for month, value in lapsed.items() if month < dt.date(2026, 2, 1))
        assert all(
            value < 0
            for month, value in lapsed.items()
            if dt.date(2026, 2, 1) <= month <= dt.date(2026, 7, 1)
        ), pair


def baseline_marts(warehouse: Path) -> list[str]:
    rows = query(
        warehouse,
        "select table_name from information_schema.tables where table_schema = 'marts'",
    )
    return sorted(name for (name,) in rows if name not in SCENARIO_TABLES)


def rounded_columns(connection: duckdb.DuckDBPyConnection, name: str) -> str:
    """The mart's columns, doubles rounded to 1e-9: a sum's last bits depend on the order the
    engine adds its terms in, which differs between any two builds."""
    columns = connection.sql(
        "select column_name, data_type from information_schema.columns"
        f" where table_catalog = 'first_build' and table_schema = 'marts' and table_name = '{name}'"
        " order by ordinal_position"
    ).fetchall()
    return ", ".join(
        f"round({column}, 9) as {column}" if kind == "DOUBLE" else column
        for column, kind in columns
    )


def mart_differences(first: Path, second: Path) -> dict[str, int]:
    """Rows in one file's baseline mart and not in the other's, both ways, per mart."""
    connection = duckdb.connect()
    try:
        connection.execute(f"attach '{first}' as first_build (read_only)")
        connection.execute(f"attach '{second}' as second_build (read_only)")
        found = {}
        for name in baseline_marts(first):
            columns = rounded_columns(connection, name)
            one = f"(select {columns} from first_build.marts.{name})"
            other = f"(select {columns} from second_build.marts.{name})"
            count = connection.sql(
                f"select (select count(*) from (select * from {one} except all"
                f" select * from {other})) + (select count(*) from (select * from {other}"
                f" except all select * from {one}))"
            ).fetchone()[0]
            if count:
                found[name] = count
        return found
    finally:
        connection.close()


def build_models(project: ProjectCopy, must_pass: bool = True) -> Path:
    run = project.run_dbt("build", "--exclude", "resource_type:test", "resource_type:unit_test")
    assert run.returncode == 0 or not must_pass, run.output[-3000:]
    return project.path / "planted.duckdb"


def without_scenarios(project: ProjectCopy) -> None:
    for seed in ("scenarios", "scenario_overrides"):
        path = project.path / "seeds" / f"{seed}.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text(header + "\n", encoding="utf-8")


def test_scenarios_never_change_the_baseline_marts(
    project_copy: ProjectCopy, built_warehouse: Path
) -> None:
    without_scenarios(project_copy)
    bare = build_models(project_copy)

    assert len(baseline_marts(bare)) >= 15
    assert query(bare, f"select count(*) from {SCENARIO_MART}") == [(0,)]
    assert mart_differences(bare, built_warehouse) == {}


def test_the_baseline_comparison_catches_a_scenario_leaking_into_the_score(
    project_copy: ProjectCopy, built_warehouse: Path
) -> None:
    """Planted: the contributions union reads every scenario's rows, not the baseline's. (The
    contract of fct_friction_contributions also refuses the duplicated keys; the pair mart has
    no such key and builds with the leaked rows.)"""
    project_copy.edit(
        "models/intermediate/friction/int_friction_contributions_unioned.sql",
        "{%- if component.has_scenarios %}\n            where scenario_id",
        "{%- if false %}\n            where scenario_id",
    )
    leaked = build_models(project_copy, must_pass=False)

    found = mart_differences(leaked, built_warehouse)
    assert "fct_country_pair_friction_monthly" in found
