"""Every class of bad seed input is rejected with `seeds/<file> line N: <rule>`, and the
published warehouse and its Parquet exports stay byte-for-byte as they were.

Each case plants one defect in a copy of the project that already has a published
warehouse.duckdb, runs the write-audit-publish build, and checks the message and checksum. The
defects a CSV reader finds (step 1 of the build) are planted one at a time: the first of them in
a file can hide the next. The ones only dbt's tests find (step 2) are planted together, each in
a row of its own, and one build must name every one of them: dbt runs all its tests, and a
build per defect would cost a full dbt build each.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import ProjectCopy, published_snapshot, run_documented
from seed_rows import dispute_row, tariff_row

TARIFFS = "seeds/tariffs.csv"
DISPUTES = "seeds/disputes.csv"
PARTICIPANTS = "seeds/meeting_participants.csv"
OVERRIDES = "seeds/scenario_overrides.csv"


def append_line(project: ProjectCopy, relative: str, line: str | bytes) -> int:
    """Append one physical line to a seed; return its line number."""
    path = project.path / relative
    existing = path.read_bytes()
    assert existing.endswith(b"\n")
    data = line if isinstance(line, bytes) else line.encode("utf-8")
    path.write_bytes(existing + data + b"\n")
    return existing.count(b"\n") + 1


@dataclass
class Case:
    """Plant a defect; return the message the build must print."""

    plant: Callable[[ProjectCopy], str]


_planted_ids = itertools.count(1)


def _tariff(**values: str) -> Callable[[ProjectCopy], int]:
    """Append a tariff row with a tariff_id of its own unless the case sets one."""
    return lambda project: append_line(
        project,
        TARIFFS,
        tariff_row(**{"tariff_id": f"t_planted_{next(_planted_ids)}", **values}),
    )


def _tariff_case(expected: str, **values: str) -> Case:
    return Case(lambda project: f"{TARIFFS} line {_tariff(**values)(project)}: {expected}")


def _dispute_case(expected: str, **values: str) -> Case:
    def plant(project: ProjectCopy) -> str:
        row = dispute_row(f"d_planted_{next(_planted_ids)}", **values)
        return f"{DISPUTES} line {append_line(project, DISPUTES, row)}: {expected}"

    return Case(plant)


def _raw_tariff_case(product: str, expected: str) -> Case:
    """A tariff row whose product_description is written as is (no CSV quoting)."""

    def plant(project: ProjectCopy) -> str:
        row = tariff_row(product_description="PRODUCT").replace("PRODUCT", product)
        return f"{TARIFFS} line {append_line(project, TARIFFS, row)}: {expected}"

    return Case(plant)


def _rename_header(project: ProjectCopy) -> str:
    project.edit(TARIFFS, ",rate_pct,", ",rate,")
    return f'{TARIFFS} line 1: header is missing column "rate_pct"'


def _empty_file(project: ProjectCopy) -> str:
    (project.path / PARTICIPANTS).write_text("")
    return f"{PARTICIPANTS} line 1: file is empty"


def _unknown_actor(project: ProjectCopy) -> str:
    row = "m_trump_xi_g20_buenos_aires_2018,act_nobody,src_ap_2026_01_12"
    line = append_line(project, PARTICIPANTS, row)
    return f'{PARTICIPANTS} line {line}: actor_id "act_nobody" does not exist in seeds/actors.csv'


def _scenario_case(row: str, expected: str) -> Case:
    """One override row planted in seeds/scenario_overrides.csv."""
    return Case(
        lambda project: f"{OVERRIDES} line {append_line(project, OVERRIDES, row)}: {expected}"
    )


def _non_utf8(project: ProjectCopy) -> str:
    row = tariff_row(notes="caf\u00e9").encode("latin-1")
    line = append_line(project, TARIFFS, row)
    column = row.index(b"\xe9") + 1
    return f"{TARIFFS} line {line}: byte 0xe9 at column {column} is not valid UTF-8"


def _mixed_line_endings(project: ProjectCopy) -> str:
    line = append_line(project, TARIFFS, tariff_row().encode("utf-8") + b"\r")
    return f"{TARIFFS} line {line}: line endings are mixed"


# Found by the CSV reader at step 1, before dbt runs: one build each.
READ_CASES = {
    "unbalanced quotes": _raw_tariff_case(
        '"steel, flat', "a quoted value opened here is never closed (unbalanced quotes)"
    ),
    "wrong column count": _raw_tariff_case(
        "steel, flat", "has 22 values but the header has 21 columns"
    ),
    "renamed header column": Case(_rename_header),
    "empty file": Case(_empty_file),
    "rate not a number": _tariff_case('rate_pct "1O0" is not a number', rate_pct="1O0"),
    "unparseable date": _tariff_case(
        'announced_date "2024-13-01" is not a valid date (expected YYYY-MM-DD)',
        announced_date="2024-13-01",
    ),
    "date in another format": _dispute_case(
        'start_date "01/02/2024" is not a valid date (expected YYYY-MM-DD)',
        start_date="01/02/2024",
    ),
    "boolean not true or false": _tariff_case(
        'is_retaliation "yes" is not true or false', is_retaliation="yes"
    ),
    "non-UTF-8 bytes": Case(_non_utf8),
    "a 1 MB value": _tariff_case(
        'value of "notes" is 1,048,576 characters long; dbt seed reads at most 131,072',
        notes="x" * 1_048_576,
    ),
    "mixed line endings": Case(_mixed_line_endings),
}

# Found only by dbt's tests at step 2: planted together, each in a row of its own.
DBT_CASES = {
    "duplicate primary key": _tariff_case(
        'tariff_id "t_usa_can_232_steel_2018" is already used on line 2',
        tariff_id="t_usa_can_232_steel_2018",
    ),
    "unknown country code": _tariff_case(
        'target_country_code "XXX" does not exist in seeds/countries.csv (country_code)',
        target_country_code="XXX",
    ),
    "unknown actor id": Case(_unknown_actor),
    "unknown source id": _tariff_case(
        'source_id "src_nowhere" does not exist in seeds/sources.csv (source_id)',
        source_id="src_nowhere",
    ),
    "unknown retaliation target": _tariff_case(
        'retaliates_against_tariff_id "t_missing" does not exist in seeds/tariffs.csv (tariff_id)',
        is_retaliation="true",
        retaliates_against_tariff_id="t_missing",
    ),
    "end before start": _dispute_case(
        "end_date 2023-12-01 is before start_date 2024-01-01", end_date="2023-12-01"
    ),
    "effective before announced": _tariff_case(
        "effective_date 2023-12-01 is before announced_date 2024-01-01",
        effective_date="2023-12-01",
    ),
    "negative rate": _tariff_case(
        "rate_pct -5 is outside the allowed range 0 to 1000", rate_pct="-5"
    ),
    "absurd rate": _tariff_case(
        "rate_pct 1500 is outside the allowed range 0 to 1000", rate_pct="1500"
    ),
    "severity above 5": _dispute_case(
        "severity 6 is outside the allowed range 1 to 5", severity="6"
    ),
    "severity below 1": _dispute_case(
        "severity 0 is outside the allowed range 1 to 5", severity="0"
    ),
    "value outside its set": _tariff_case(
        'measure_type "embargo" is not one of: tariff, surtax, anti_dumping_duty',
        measure_type="embargo",
    ),
    "row rule": _tariff_case(
        "breaks the rule: A country cannot impose a measure on itself",
        target_country_code="CAN",
    ),
    "scenario override of an unknown fact": _scenario_case(
        "ov_bad,sc_can_lifts_ev_surtax_2026,tariff,t_nowhere,remove,,,,src_ap_2026_01_12,",
        'record_id "t_nowhere" does not exist in seeds/tariffs.csv (tariff_id)',
    ),
    "scenario rate change without a rate": _scenario_case(
        "ov_bad_rate,sc_can_lifts_ev_surtax_2026,tariff,t_can_chn_ev_quota_2026,set_rate,,,,"
        "src_ap_2026_01_12,",
        "breaks the rule: set_rate changes a tariff and gives its new rate",
    ),
}


def assert_rejected(project: ProjectCopy, before: dict[str, str], *expected: str) -> None:
    run = project.run_build()
    assert run.returncode == 1, run.output
    missing = [message for message in expected if message not in run.output]
    assert not missing, f"not named: {missing}\n{run.output}"
    assert "nothing was published" in run.output
    assert "Traceback" not in run.output
    assert published_snapshot(project) == before


@pytest.mark.parametrize("case", READ_CASES.values(), ids=READ_CASES.keys())
def test_bad_input_is_rejected_and_nothing_is_published(
    published_copy: ProjectCopy, case: Case
) -> None:
    before = published_snapshot(published_copy)
    assert_rejected(published_copy, before, case.plant(published_copy))


def test_every_row_dbt_rejects_is_named_in_one_build_and_nothing_is_published(
    published_copy: ProjectCopy,
) -> None:
    before = published_snapshot(published_copy)
    expected = [case.plant(published_copy) for case in DBT_CASES.values()]
    assert_rejected(published_copy, before, *expected)


def _make_check_seeds(project: ProjectCopy) -> tuple[int, str]:
    result = run_documented(project.path, "make check-seeds")
    return result.returncode, result.stdout + result.stderr


def test_a_row_dbt_accepts_passes_the_seed_check(project_copy: ProjectCopy) -> None:
    """One owner for every rule: the seed check runs dbt's tests, so it cannot reject a row that
    dbt accepts. Staging lower-cases actor_type and upper-cases country_code, so `Person` and
    `can` are fine; a Python re-statement of the rules on the raw CSV rejected this row twice."""
    append_line(
        project_copy,
        "seeds/actors.csv",
        "act_mark_carney_again,Mark Carney,Person,can,Prime Minister of Canada,src_ap_2026_01_12",
    )
    returncode, output = _make_check_seeds(project_copy)
    assert returncode == 0, output
    assert "Seed checks passed" in output


def test_a_new_generic_test_names_the_file_and_line_with_no_python_change(
    project_copy: ProjectCopy,
) -> None:
    """A generic test added to a staging model is a seed check at once: its failing rows are
    named by file and line, with the test's name and description."""
    (project_copy.path / "macros" / "tests" / "is_trimmed.sql").write_text(
        "{% test is_trimmed(model, column_name) %}\n"
        "select * from {{ model }} where {{ column_name }} <> trim({{ column_name }})\n"
        "{% endtest %}\n"
    )
    project_copy.edit(
        "models/staging/curated/_curated__models.yml",
        "        description: \"{{ doc('tariff_product_description') }}\"\n"
        "        data_tests: [not_null]\n",
        "        description: \"{{ doc('tariff_product_description') }}\"\n"
        "        data_tests:\n"
        "          - not_null\n"
        "          - is_trimmed:\n"
        "              description: Goods are written without leading or trailing spaces.\n",
    )
    line = _tariff(product_description=" steel")(project_copy)
    returncode, output = _make_check_seeds(project_copy)
    assert returncode != 0, output
    assert f"{TARIFFS} line {line}: fails the dbt test is_trimmed_" in output
    assert "(Goods are written without leading or trailing spaces.)" in output
