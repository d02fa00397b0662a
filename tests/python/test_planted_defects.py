"""Every kind of check must catch the defect it exists for.

Each test plants defects in a throwaway copy of the project, runs dbt there and asserts that
the named check fails. The published warehouse is never touched.
"""

import json
import subprocess
import sys

import duckdb
import pytest
from conftest import PROJECT_ROOT, SQLFLUFF, DbtRun, ProjectCopy
from seed_rows import tariff_row

CHECK_YAML_KEYS = PROJECT_ROOT / "scripts" / "check_yaml_keys.py"

STAGING = ["build", "--select", "resource_type:seed", "path:models/staging"]


def break_pair_score(project_copy: ProjectCopy) -> None:
    """Plant an error in the score identity: friction = components + 0.1."""
    project_copy.edit(
        "models/marts/fct_country_pair_friction_monthly.sql",
        "coalesce(components.friction_score, 0) as friction_score,",
        "coalesce(components.friction_score, 0) + 0.1 as friction_score,",
    )


def test_generic_tests_catch_planted_seed_defects(project_copy: ProjectCopy) -> None:
    project_copy.append_rows(
        "seeds/tariffs.csv",
        # duplicate primary key
        tariff_row("t_can_chn_ev_surtax_2024"),
        # rate outside 0..1000
        tariff_row("t_planted_rate", rate_pct="1500"),
        # end before effective, effective before announced
        tariff_row("t_planted_end", end_date="2024-01-15"),
        tariff_row("t_planted_effective", announced_date="2024-03-01"),
        # unknown country code
        tariff_row("t_planted_country", imposing_country_code="XXX"),
        # value outside the accepted set
        tariff_row("t_planted_type", measure_type="embargo"),
        # dangling retaliation link, and a link without the retaliation flag
        tariff_row(
            "t_planted_link", retaliates_against_tariff_id="t_missing", is_retaliation="true"
        ),
        tariff_row("t_planted_flag", retaliates_against_tariff_id="t_can_chn_ev_surtax_2024"),
        # unknown source
        tariff_row("t_planted_source", source_id="src_missing"),
        # missing required text
        tariff_row("t_planted_null", product_description=""),
    )
    project_copy.append_rows(
        "seeds/disputes.csv",
        "d_planted,planted,detention,CHN,CAN,2020-01-01,2019-01-01,day,resolved,7,src_ap_2026_01_12,",
    )
    project_copy.append_rows(
        "seeds/meeting_participants.csv",
        "m_carney_xi_beijing_2026,act_mark_carney,src_shropshirestar_2026_01_16",
    )

    run = project_copy.run_dbt(*STAGING)

    assert run.returncode != 0
    expected = {
        ("unique", "stg_curated__tariffs"),
        ("value_in_range", "stg_curated__tariffs"),
        ("not_before", "stg_curated__tariffs"),
        ("relationships", "stg_curated__tariffs"),
        ("accepted_values", "stg_curated__tariffs"),
        ("expression_is_true", "stg_curated__tariffs"),
        ("not_null", "stg_curated__tariffs"),
        ("value_in_range", "stg_curated__disputes"),
        ("not_before", "stg_curated__disputes"),
        ("unique_combination_of_columns", "stg_curated__meeting_participants"),
    }
    assert expected <= run.failed_tests, sorted(expected - run.failed_tests)


def test_clean_staging_passes(project_copy: ProjectCopy) -> None:
    run = project_copy.run_dbt(*STAGING)
    assert run.returncode == 0, run.output[-3000:]
    assert run.failed_tests == set()


def build_without_unit_tests(project_copy: ProjectCopy, selection: str) -> DbtRun:
    """dbt build of `selection` without the unit tests, so a broken model builds and its data
    tests run on it."""
    return project_copy.run_dbt(
        "build", "--select", selection, "--exclude", "resource_type:unit_test"
    )


def test_unit_test_catches_a_broken_score(project_copy: ProjectCopy) -> None:
    break_pair_score(project_copy)

    run = project_copy.run_dbt(
        "build", "--select", "+fct_country_pair_friction_monthly", "--exclude", "resource_type:test"
    )

    assert run.returncode != 0
    assert "pair_score_is_signed_sum_and_gaps_are_zero" in run.failed_nodes


def test_singular_identity_tests_catch_a_broken_table(project_copy: ProjectCopy) -> None:
    """Skip the unit tests so the model builds broken; the singular tests must then fail."""
    break_pair_score(project_copy)

    run = build_without_unit_tests(project_copy, "+fct_country_friction_monthly+")

    assert run.returncode != 0
    assert {
        "assert_friction_components_sum_to_score",
        "assert_contributions_sum_to_pair_score",
    } <= run.failed_nodes


def test_not_null_columns_names_the_empty_column(project_copy: ProjectCopy) -> None:
    """A required column left empty fails its model's not_null_columns test (one test for all
    of a model's required columns), and the test's rows name that column."""
    project_copy.edit(
        "models/marts/fct_country_pair_friction_monthly.sql",
        "coalesce(components.friction_score, 0) as friction_score,",
        "cast(null as {{ type_double() }}) as friction_score,",
    )

    run = build_without_unit_tests(project_copy, "+fct_country_pair_friction_monthly")

    assert ("not_null_columns", "fct_country_pair_friction_monthly") in run.failed_tests
    results = json.loads((project_copy.path / "target" / "run_results.json").read_text())
    (failed,) = (
        result
        for result in results["results"]
        if result["status"] == "fail"
        and result["unique_id"].startswith("test.friction.not_null_columns_fct_country_pair")
    )
    connection = duckdb.connect(str(project_copy.path / "planted.duckdb"), read_only=True)
    try:
        rows = connection.execute(failed["compiled_code"]).fetchall()
    finally:
        connection.close()
    assert [column for column, _ in rows] == ["friction_score"]
    assert rows[0][1] > 0


def test_day_weighting_checks_catch_whole_month_counting(project_copy: ProjectCopy) -> None:
    """Count every tariff row in full in each month it touches (method v1): the unit test and
    the worst-day test must both fail."""
    project_copy.edit(
        "models/intermediate/friction/int_tariffs_spread_to_months.sql",
        "* days_in_force / day_count / 10.0",
        "/ 10.0",
    )
    project_copy.edit(
        "models/intermediate/friction/int_tariffs_spread_to_months.sql",
        "cast(days_in_force as {{ type_double() }}) / day_count as active_day_share,",
        "cast(1.0 as {{ type_double() }}) as active_day_share,",
    )

    unit = project_copy.run_dbt("build", "--select", "int_tariffs_spread_to_months")
    assert "tariff_points_are_day_weighted_so_a_replacement_counts_once" in unit.failed_nodes
    # without the unit tests the model builds broken; the data test must then fail
    run = build_without_unit_tests(project_copy, "+fct_tariff_trade_weighted_monthly+")
    assert "assert_tariff_month_never_exceeds_its_worst_day" in run.failed_nodes


def test_benchmark_check_catches_drift_from_piie(project_copy: ProjectCopy) -> None:
    """A tolerance no comparison meets stands for averages that drifted from PIIE's."""
    run = project_copy.run_dbt(
        "build",
        "--select",
        "+fct_tariff_benchmark_comparisons",
        "--vars",
        "{tariff_benchmark_tolerance_pct_points: 0.1}",
    )

    assert run.returncode != 0
    assert ("expression_is_true", "fct_tariff_benchmark_comparisons") in run.failed_tests


# Model defects the unit tests would stop; built without them, the named data test must fail.
# "one side only": seen from its second country, each pair names that country as its own
# partner; the country sums still add up, so only the mirror test can see it.
MART_DEFECTS = {
    "country sum off by one": (
        "models/marts/fct_country_friction_monthly.sql",
        "sum(friction_score) as friction_score,",
        "sum(friction_score) + 1 as friction_score,",
        "assert_country_score_sums_its_pairs",
    ),
    "pair seen from one side only": (
        "models/marts/fct_country_partner_friction_monthly.sql",
        "        country_b_code as country_code,\n        country_a_code as partner_country_code,",
        "        country_b_code as country_code,\n        country_b_code as partner_country_code,",
        "assert_partner_rows_mirror_pairs",
    ),
}


@pytest.mark.parametrize("defect", MART_DEFECTS.values(), ids=MART_DEFECTS.keys())
def test_country_checks_catch_a_broken_mart(
    project_copy: ProjectCopy, defect: tuple[str, str, str, str]
) -> None:
    path, old, new, catching_test = defect
    project_copy.edit(path, old, new)

    run = build_without_unit_tests(project_copy, "+fct_country_friction_monthly+")

    assert catching_test in run.failed_nodes


def test_scenario_identity_catches_a_scenario_score_off_its_difference(
    project_copy: ProjectCopy,
) -> None:
    project_copy.edit(
        "models/marts/fct_scenario_pair_friction_monthly.sql",
        "cast(baseline_friction_score + friction_difference as",
        "cast(baseline_friction_score + 2 * friction_difference as",
    )

    run = build_without_unit_tests(project_copy, "+fct_scenario_pair_friction_monthly")

    assert ("expression_is_true", "fct_scenario_pair_friction_monthly") in run.failed_tests


def test_direction_check_catches_a_score_that_moves_the_wrong_way(
    project_copy: ProjectCopy,
) -> None:
    run = project_copy.run_dbt(
        "build",
        "--exclude",
        "resource_type:unit_test",
        "--vars",
        "{dispute_weight: -0.5}",
    )

    assert "assert_friction_moves_on_known_episodes" in run.failed_nodes


def test_contract_catches_a_changed_column_type(project_copy: ProjectCopy) -> None:
    project_copy.edit(
        "models/marts/fct_disputes.sql",
        "        severity,\n",
        "        cast(severity as varchar) as severity,\n",
    )

    run = project_copy.run_dbt(
        "build", "--select", "+fct_disputes", "--exclude", "resource_type:test"
    )

    assert run.returncode != 0
    assert "contract" in run.output.lower()


def test_misspelled_yaml_key_fails_the_key_check(project_copy: ProjectCopy) -> None:
    project_copy.edit(
        "models/marts/_marts__models.yml",
        "      - name: country_name\n        description:",
        "      - name: country_name\n        descriptoin:",
    )

    result = subprocess.run(
        [sys.executable, str(CHECK_YAML_KEYS), str(project_copy.path)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "_marts__models.yml" in result.stderr
    assert "unknown key 'descriptoin'" in result.stderr


def test_clean_yaml_passes_the_key_check(project_copy: ProjectCopy) -> None:
    result = subprocess.run(
        [sys.executable, str(CHECK_YAML_KEYS), str(project_copy.path)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr


def run_sqlfluff(project_copy: ProjectCopy, relative: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SQLFLUFF, "lint", relative],
        cwd=project_copy.path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_sqlfluff_catches_house_style_violations(project_copy: ProjectCopy) -> None:
    project_copy.edit("models/marts/dim_countries.sql", "    select\n", "    SELECT\n")
    project_copy.edit(
        "models/marts/dim_countries.sql",
        "        country_name,\n",
        "        country_name\n        ,",
    )

    result = run_sqlfluff(project_copy, "models/marts/dim_countries.sql")

    assert result.returncode != 0
    assert "CP01" in result.stdout  # keywords lower case
    assert "LT04" in result.stdout  # trailing commas


def test_sqlfluff_passes_clean_model(project_copy: ProjectCopy) -> None:
    result = run_sqlfluff(project_copy, "models/marts/dim_countries.sql")
    assert result.returncode == 0, result.stdout


def run_macro_lint(project_copy: ProjectCopy) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/lint_macros.py", "macros"],
        cwd=project_copy.path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_macro_lint_catches_house_style_violations(project_copy: ProjectCopy) -> None:
    macro = "macros/tests/not_before.sql"
    project_copy.edit(macro, "select * from {{ model }}", "SELECT * from {{ model }}")
    project_copy.edit(
        macro,
        "    and {{ other_column_name }} is not null",
        "  and {{ other_column_name }} is not null",
    )

    result = run_macro_lint(project_copy)

    assert result.returncode == 1
    assert f"{macro} line 5 (not_before): CP01" in result.stdout  # keywords lower case
    assert f"{macro} line 7 (not_before): LT02" in result.stdout  # 4-space indents


def test_macro_lint_passes_clean_macros(project_copy: ProjectCopy) -> None:
    result = run_macro_lint(project_copy)
    assert result.returncode == 0, result.stdout
    assert "0 violation(s)" in result.stdout
