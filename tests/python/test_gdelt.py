"""GDELT ingestion: counts on the shipped sample checked against an independent parse of the
raw file, and planted defects (a truncated row, a bad date, a duplicate file) handled."""

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT, ProjectCopy

SAMPLE = PROJECT_ROOT / "data" / "gdelt" / "sample" / "20191024143000.export.CSV"
GDELT_FIELDS = 61
GDELT_MODELS = [
    "build",
    "--select",
    "+path:models/staging/gdelt",
    "--indirect-selection",
    "cautious",
]


def raw_rows(path: Path) -> list[list[str]]:
    """The export parsed with Python's csv module: tab-separated, no quoting."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def test_sample_counts_match_an_independent_parse(built_warehouse: Path) -> None:
    rows = raw_rows(SAMPLE)
    well_formed = [row for row in rows if len(row) == GDELT_FIELDS]
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        lines, quarantined = connection.execute(
            "select count(*), count(rejection_reason) from staging.base_gdelt__export_rows"
        ).fetchone()
        events, distinct_ids, mentions = connection.execute(
            "select count(*), count(distinct global_event_id), sum(num_mentions) "
            "from staging.stg_gdelt__events"
        ).fetchone()
        root_events = connection.execute(
            "select count(*) from staging.stg_gdelt__events where is_root_event"
        ).fetchone()[0]
    assert (lines, quarantined) == (len(rows), len(rows) - len(well_formed))
    assert events == distinct_ids == len({row[0] for row in well_formed})
    assert mentions == sum(int(row[31]) for row in well_formed)
    assert root_events == sum(row[25] == "1" for row in well_formed)


@pytest.fixture
def gdelt_copy(project_copy: ProjectCopy, tmp_path: Path) -> tuple[ProjectCopy, Path]:
    folder = tmp_path / "gdelt"
    folder.mkdir()
    shutil.copy2(SAMPLE, folder / SAMPLE.name)
    return project_copy, folder


def test_bad_rows_are_quarantined_with_file_line_and_reason(
    gdelt_copy: tuple[ProjectCopy, Path],
) -> None:
    project, folder = gdelt_copy
    good = raw_rows(SAMPLE)
    truncated = good[0][:30]
    bad_date = [*good[1][:1], "20191341", *good[1][2:]]
    bad_date[0] = "999000001"
    planted = folder / "20191024144500.export.CSV"
    planted.write_text(
        "\n".join("\t".join(row) for row in (truncated, good[2], bad_date)) + "\n", encoding="utf-8"
    )
    # The same file under a second name: its events must not be counted twice.
    shutil.copy2(SAMPLE, folder / "20191024143000-copy.export.CSV")

    run = project.run_dbt(*GDELT_MODELS, "--vars", f"{{gdelt_dir: '{folder}'}}")

    assert run.returncode == 0, run.output
    with duckdb.connect(str(project.path / "planted.duckdb"), read_only=True) as connection:
        quarantined = connection.execute(
            "select file_name, line_number, rejection_reason "
            "from staging.stg_gdelt__quarantined_rows order by line_number"
        ).fetchall()
        events = connection.execute("select count(*) from staging.stg_gdelt__events").fetchone()
    assert quarantined == [
        (planted.name, 1, "expected 61 tab-separated fields, found 30"),
        (planted.name, 3, "SQLDATE is not a date (YYYYMMDD): 20191341"),
    ]
    # Every sample event once; the planted file's good row repeats a sample event.
    assert events == (len({row[0] for row in good}),)
