"""The great-expectations checkpoint passes on the clean warehouse and fails on planted defects."""

from pathlib import Path

import duckdb

from pipeline.checks.gx_audit import run_checkpoint

# (SQL that plants a defect in a mart, the failure the checkpoint must report)
DEFECTS = {
    "friction identity": (
        "update marts.fct_country_pair_friction_monthly set friction_score = friction_score + 1 "
        "where month_start_date = (select min(month_start_date) "
        "from marts.fct_country_pair_friction_monthly)",
        "fct_country_pair_friction_monthly: expect_column_values_to_be_between("
        "column=friction_identity_residual",
    ),
    "duplicate key": (
        # recreated without its contract's primary-key constraint, as another engine may build it
        "create or replace table marts.fct_tariffs as select * from marts.fct_tariffs "
        "union all (select * from marts.fct_tariffs limit 1)",
        "fct_tariffs: expect_column_values_to_be_unique(column=tariff_id",
    ),
    "compound key": (
        "create or replace table marts.fct_meeting_participants as "
        "select * from marts.fct_meeting_participants "
        "union all (select * from marts.fct_meeting_participants limit 1)",
        "fct_meeting_participants: expect_compound_columns_to_be_unique("
        "column_list=['meeting_id', 'actor_id']",
    ),
    "null": (
        "update marts.dim_countries set country_name = null where country_code = 'CAN'",
        "dim_countries: expect_column_values_to_not_be_null(column=country_name",
    ),
    "range": (
        "update marts.fct_tariffs set rate_pct = 1500 where tariff_id = "
        "(select min(tariff_id) from marts.fct_tariffs)",
        "fct_tariffs: expect_column_values_to_be_between(column=rate_pct",
    ),
    "set": (
        "update marts.fct_meetings set status = 'postponed' where meeting_id = "
        "(select min(meeting_id) from marts.fct_meetings)",
        "fct_meetings: expect_column_values_to_be_in_set(column=status",
    ),
    "end before start": (
        "update marts.fct_disputes set end_date = start_date - 10 where end_date is not null",
        "fct_disputes: expect_column_pair_values_a_to_be_greater_than_b(column_A=end_date",
    ),
    "row count": (
        "delete from marts.dim_countries where country_code not in ('CAN', 'CHN', 'USA')",
        "dim_countries: expect_table_row_count_to_be_between(",
    ),
    "country score sums its pairs": (
        "update marts.fct_country_friction_monthly set friction_score = friction_score * 2 "
        "where friction_score > 0",
        "fct_country_friction_monthly: expect_column_values_to_be_between("
        "column=partner_sum_residual",
    ),
}


def test_checkpoint_passes_on_the_clean_warehouse(warehouse_copy: Path, tmp_path: Path) -> None:
    audit = run_checkpoint(warehouse_copy, tmp_path / "docs")
    assert audit.failures == []
    assert audit.success
    assert audit.evaluated >= 60
    assert audit.docs_index is not None and audit.docs_index.exists()


def test_checkpoint_catches_every_planted_defect(warehouse_copy: Path) -> None:
    with duckdb.connect(str(warehouse_copy)) as connection:
        for statement, _ in DEFECTS.values():
            connection.execute(statement)
    audit = run_checkpoint(warehouse_copy)
    assert not audit.success
    report = "\n".join(audit.failures)
    missed = [name for name, (_, expected) in DEFECTS.items() if expected not in report]
    assert missed == [], report


def test_a_partial_audit_checks_the_rebuilt_marts_only_and_writes_no_stale_docs(
    warehouse_copy: Path, tmp_path: Path
) -> None:
    """An incremental build audits the marts it rebuilt: their defects are caught, and the data
    docs of the earlier build are removed rather than left describing other data."""
    docs = tmp_path / "docs"
    assert run_checkpoint(warehouse_copy, docs).docs_index is not None
    with duckdb.connect(str(warehouse_copy)) as connection:
        for name in ("friction identity", "null"):
            connection.execute(DEFECTS[name][0])
    rebuilt = {"fct_country_pair_friction_monthly", "fct_country_partner_friction_monthly"}
    audit = run_checkpoint(warehouse_copy, docs, rebuilt)
    # their suites, the country suite, whose identity query reads the partner mart, and the
    # scenario suite, whose identity query reads the pair mart
    assert set(audit.audited) == rebuilt | {
        "fct_country_friction_monthly",
        "fct_scenario_pair_friction_monthly",
    }
    report = "\n".join(audit.failures)
    assert DEFECTS["friction identity"][1] in report
    assert "dim_countries" not in report  # not rebuilt, so not audited
    assert audit.docs_index is None and not docs.exists()
