"""The published friction scores equal an independent reading of the method over the seeds.

friction_oracle.py recomputes every pair-month from seeds/*.csv and the vars in
dbt_project.yml in plain Python; here it must reproduce fct_country_pair_friction_monthly
exactly (same pair-months, every component within 1e-9). A planted change to one tariff row's
coverage shows the comparison can fail.
"""

from pathlib import Path

import duckdb
import friction_oracle
from conftest import PROJECT_ROOT

MART = "marts.fct_country_pair_friction_monthly"


def gdelt_pair_months(warehouse: Path) -> list[tuple]:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        return connection.sql(
            "select country_a_code, country_b_code, month_start_date, weighted_goldstein_scale"
            " from marts.fct_gdelt_pair_events_monthly"
        ).fetchall()
    finally:
        connection.close()


def published_scores(warehouse: Path, components: list[str]) -> dict:
    columns = ", ".join(["friction_score", *(f"{name}_component" for name in components)])
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = connection.sql(
            f"select country_a_code, country_b_code, month_start_date, {columns} from {MART}"
        ).fetchall()
    finally:
        connection.close()
    names = ["friction_score", *(f"{name}_component" for name in components)]
    return {((a, b), month): dict(zip(names, values, strict=True)) for a, b, month, *values in rows}


def differences(expected: dict, actual: dict) -> list[str]:
    problems = [f"{key} only in the oracle" for key in expected.keys() - actual.keys()]
    problems += [f"{key} only in the mart" for key in actual.keys() - expected.keys()]
    for key in expected.keys() & actual.keys():
        for column, value in expected[key].items():
            if not friction_oracle.close(value, actual[key][column]):
                problems.append(f"{key} {column}: oracle {value}, mart {actual[key][column]}")
    return sorted(problems)


def test_every_published_pair_month_matches_the_oracle(built_warehouse: Path) -> None:
    oracle = friction_oracle.compute(PROJECT_ROOT, gdelt_pair_months(built_warehouse))
    components = [entry["name"] for entry in oracle.vars["friction_components"]]
    expected = oracle.scores()
    actual = published_scores(built_warehouse, components)
    assert len(actual) > 400
    assert differences(expected, actual) == []


def test_the_comparison_catches_a_changed_score(built_warehouse: Path) -> None:
    oracle = friction_oracle.compute(PROJECT_ROOT, gdelt_pair_months(built_warehouse))
    components = [entry["name"] for entry in oracle.vars["friction_components"]]
    expected = oracle.scores()
    planted = next(key for key, cell in expected.items() if cell["tariff_component"] > 0)
    expected[planted] = {
        **expected[planted],
        "tariff_component": expected[planted]["tariff_component"] * 1.01,
    }
    problems = differences(expected, published_scores(built_warehouse, components))
    assert problems == [
        f"{planted} tariff_component: oracle {expected[planted]['tariff_component']}, "
        f"mart {published_scores(built_warehouse, components)[planted]['tariff_component']}"
    ]
