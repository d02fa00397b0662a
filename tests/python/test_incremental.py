"""Incremental builds: appending GDELT files and building incrementally gives exactly the
tables of a full refresh; a removed file and changed noise rules are handled."""

import hashlib
import os
import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT, ProjectCopy

from pipeline.synthetic.generate_gdelt import generate
from pipeline.wap.event_layer import batches_on_disk

# The tests build on generated events, so they say so (test assert_gdelt_events_are_real).
SYNTHETIC_ALLOWED = {"FRICTION_GDELT_ALLOW_SYNTHETIC": "1"}
# dbt's clock 2 h ahead (tests/python/skewed_clock/sitecustomize.py; not a FRICTION_ setting,
# which would count as a change of the project)
SKEWED_CLOCK = {
    "PYTHONPATH": str(Path(__file__).with_name("skewed_clock")),
    "SKEWED_CLOCK_OFFSET_S": "7200",
}
SAMPLE = PROJECT_ROOT / "data" / "gdelt" / "sample" / "20191024143000.export.CSV"
# Every mart, plus the incremental models (without their load timestamps).
COMPARED = {
    "staging.base_gdelt__repeated_event_lines": None,
    "staging.stg_gdelt__events": "loaded_at",
    "staging.stg_gdelt__quarantined_rows": None,
    "intermediate.int_gdelt_events_aggregated_to_pair_months": "loaded_at",
}


def table_rows(path: Path, tables: dict[str, str | None] | None = None) -> dict[str, list[tuple]]:
    """Rows of each table (default: every mart and COMPARED), sorted, doubles to 9 decimals."""
    with duckdb.connect(str(path), read_only=True) as connection:
        if tables is None:
            marts = connection.execute(
                "select table_schema || '.' || table_name from information_schema.tables "
                "where table_schema = 'marts'"
            ).fetchall()
            tables = {name: None for (name,) in marts} | COMPARED
        result = {}
        for table, skipped in tables.items():
            columns = connection.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema || '.' || table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            select = ", ".join(
                f"round({name}, 9)" if kind == "DOUBLE" else name
                for name, kind in columns
                if name != skipped
            )
            query = f"select {select} from {table} order by all"
            result[table] = connection.execute(query).fetchall()
    return result


def gdelt_folder(tmp_path: Path, files: list[Path]) -> Path:
    """A folder of GDELT exports holding copies of `files`."""
    folder = tmp_path / "gdelt"
    folder.mkdir()
    for path in files:
        shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture
def synthetic_days(tmp_path: Path) -> list[Path]:
    """Six days of synthetic exports in October 2019, the month of the real sample."""
    return generate(PROJECT_ROOT, tmp_path / "synthetic", 1_200, 1, 7, date(2019, 10, 20), 6)


def test_incremental_build_equals_full_refresh(
    project_copy: ProjectCopy, synthetic_days: list[Path], tmp_path: Path
) -> None:
    """Even when the first build's clock ran 2 h ahead: the second load is the latest by its
    load number, so none of its events are taken for old ones (they all load, are deduplicated
    and tested)."""
    folder = gdelt_folder(tmp_path, [SAMPLE, *synthetic_days[:3]])
    env = {"FRICTION_GDELT_DIR": str(folder), **SYNTHETIC_ALLOWED}
    first = project_copy.run_build(env={**env, **SKEWED_CLOCK})
    assert first.returncode == 0, first.output
    assert "full refresh: nothing is published yet" in first.output

    # A day's files arrive, one of them a copy of an older file under an earlier name.
    for path in synthetic_days[3:]:
        shutil.copy2(path, folder / path.name)
    shutil.copy2(synthetic_days[1], folder / "20191020120000.export.CSV")
    second = project_copy.run_build(env=env)
    assert second.returncode == 0, second.output
    assert "incremental: 4 new GDELT file(s), 4 already loaded" in second.output
    # Only GDELT files changed: the curated models are as published and are not rebuilt.
    assert "project unchanged: GDELT models and what depends on them only" in second.output
    with duckdb.connect(str(project_copy.published), read_only=True) as connection:
        loads = connection.execute(
            "select count(distinct loaded_at) from staging.base_gdelt__export_files"
        ).fetchone()[0]
        moved = connection.execute(
            "select count(*) from staging.stg_gdelt__events "
            "where file_name = '20191020120000.export.CSV'"
        ).fetchone()[0]
    assert loads == 2  # the first three files were not read again
    assert latest_load_number(project_copy.published) == 2
    assert moved == len(synthetic_days[1].read_text().splitlines())  # first occurrence wins

    refreshed = tmp_path / "refreshed.duckdb"
    third = project_copy.run_build(env=env, published=refreshed, full_refresh=True)
    assert third.returncode == 0, third.output
    assert "full refresh requested" in third.output
    incremental, full = table_rows(project_copy.published), table_rows(refreshed)
    assert incremental.keys() == full.keys()
    for table, rows in full.items():
        assert incremental[table] == rows, table
    assert full["marts.fct_gdelt_pair_events_monthly"]  # the comparison covers GDELT rows
    assert full["staging.base_gdelt__repeated_event_lines"]  # and the repeated lines


def latest_load_number(published: Path) -> int:
    """The load number of the rows with the smallest loaded_at (the first build's clock was
    ahead, so the second load has the older timestamp)."""
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute(
            "select load_number from staging.base_gdelt__export_files order by loaded_at limit 1"
        ).fetchone()[0]


def event_count(published: Path) -> int:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute("select count(*) from staging.stg_gdelt__events").fetchone()[0]


def test_a_removed_file_keeps_its_events(
    project_copy: ProjectCopy, synthetic_days: list[Path], tmp_path: Path
) -> None:
    """Raw files are not the history: rotating old files out keeps what they loaded."""
    folder = gdelt_folder(tmp_path, synthetic_days[:2])
    env = {"FRICTION_GDELT_DIR": str(folder), **SYNTHETIC_ALLOWED}
    assert project_copy.run_build(env=env).returncode == 0
    loaded = event_count(project_copy.published)
    (folder / synthetic_days[0].name).unlink()
    shutil.copy2(synthetic_days[2], folder / synthetic_days[2].name)
    rebuilt = project_copy.run_build(env=env)
    assert rebuilt.returncode == 0, rebuilt.output
    assert (
        "incremental: 1 new GDELT file(s), 2 already loaded "
        "(1 no longer in the folder: their events stay loaded)" in rebuilt.output
    )
    assert event_count(project_copy.published) == loaded + len(
        synthetic_days[2].read_text().splitlines()
    )
    with duckdb.connect(str(project_copy.published), read_only=True) as connection:
        files = connection.execute(
            "select file_name, file_size_bytes, file_md5 from staging.base_gdelt__export_files "
            "order by file_name"
        ).fetchall()
    assert files == [
        (path.name, path.stat().st_size, hashlib.md5(path.read_bytes()).hexdigest())
        for path in synthetic_days[:3]
    ]
    # A full refresh rebuilds from the folder as it is, and says what that drops.
    refreshed = project_copy.run_build(env=env, full_refresh=True)
    assert refreshed.returncode == 0, refreshed.output
    assert (
        "WARNING: 1 GDELT file(s) loaded before are no longer in the folder "
        f"(first: {synthetic_days[0].name})" in refreshed.output
    )


PAIR_MART = "models/marts/fct_country_pair_friction_monthly.sql"
SCORE = "coalesce(components.friction_score, 0) as friction_score,"
SHIFTED_SCORE = "coalesce(components.friction_score, 0) + 0.1 as friction_score,"


def shift_the_score(project: ProjectCopy, shifted: bool) -> None:
    """Plant (or remove) a defect that a dbt test of the pair mart catches."""
    old, new = (SCORE, SHIFTED_SCORE) if shifted else (SHIFTED_SCORE, SCORE)
    project.edit(PAIR_MART, old, new)


def test_a_failed_build_leaves_its_event_batch_unread_and_the_next_build_removes_it(
    project_copy: ProjectCopy, synthetic_days: list[Path], tmp_path: Path
) -> None:
    """The event lines live outside the warehouse file, in batches the published file records:
    a batch written by a build that failed is read by nobody, and the next build deletes it."""
    folder = gdelt_folder(tmp_path, synthetic_days[:2])
    env = {"FRICTION_GDELT_DIR": str(folder), **SYNTHETIC_ALLOWED}
    assert project_copy.run_build(env=env).returncode == 0
    layer = project_copy.path / "warehouse_events"
    with duckdb.connect(str(project_copy.published), read_only=True) as connection:
        kinds = connection.execute(
            "select table_name, table_type from information_schema.tables "
            "where table_name in ('base_gdelt__export_rows', 'stg_gdelt__events')"
        ).fetchall()
    assert sorted(kinds) == [("base_gdelt__export_rows", "VIEW"), ("stg_gdelt__events", "VIEW")]
    assert len(batches_on_disk(layer)) == 1
    loaded = event_count(project_copy.published)
    before = hashlib.sha256(project_copy.published.read_bytes()).hexdigest()

    shutil.copy2(synthetic_days[2], folder / synthetic_days[2].name)
    shift_the_score(project_copy, shifted=True)
    failed = project_copy.run_build(env=env)
    assert failed.returncode == 1, failed.output
    assert len(batches_on_disk(layer)) == 2  # the failed build wrote its batch ...
    assert hashlib.sha256(project_copy.published.read_bytes()).hexdigest() == before
    assert event_count(project_copy.published) == loaded  # ... which no reader sees

    shift_the_score(project_copy, shifted=False)
    fixed = project_copy.run_build(env=env)
    assert fixed.returncode == 0, fixed.output
    assert "Event layer: removed 1 batch(es) no published or kept build records" in fixed.output
    assert len(batches_on_disk(layer)) == 2  # the first build's and this one's
    assert event_count(project_copy.published) == loaded + len(
        synthetic_days[2].read_text().splitlines()
    )


@pytest.mark.parametrize("change", ["completed", "rewritten"])
def test_a_loaded_file_that_changed_stops_the_build(
    change: str, project_copy: ProjectCopy, synthetic_days: list[Path], tmp_path: Path
) -> None:
    """A file replaced under the same name is never silently skipped: the build says so."""
    folder = gdelt_folder(tmp_path, [])
    whole = synthetic_days[0].read_bytes()
    target = folder / synthetic_days[0].name
    # A download cut short and completed later, or a file rewritten with the same size.
    cut_short = whole[: len(whole) // 2].rsplit(b"\n", 1)[0] + b"\n"
    target.write_bytes(cut_short if change == "completed" else whole)
    env = {"FRICTION_GDELT_DIR": str(folder), **SYNTHETIC_ALLOWED}
    assert project_copy.run_build(env=env).returncode == 0
    before = hashlib.sha256(project_copy.published.read_bytes()).hexdigest()
    if change == "completed":
        target.write_bytes(whole)
        expected = f"({len(cut_short)} bytes, {len(whole)} bytes now)"
    else:
        lines = whole.split(b"\n")
        target.write_bytes(b"\n".join([lines[1], lines[0], *lines[2:]]))
        expected = f"(MD5 {hashlib.md5(whole).hexdigest()}, MD5 "
    later = time.time() + 5
    os.utime(target, (later, later))
    run = project_copy.run_build(env=env)
    assert run.returncode == 1, run.output
    assert f"GDELT file {target.name} changed since it was loaded" in run.output
    assert expected in run.output
    assert "make build FULL_REFRESH=1" in run.output
    assert hashlib.sha256(project_copy.published.read_bytes()).hexdigest() == before


def test_changed_noise_rules_recompute_every_month(
    project_copy: ProjectCopy,
    synthetic_days: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the noise_rules_key pre-hook, months built under the old rules would stay."""
    for name, value in SYNTHETIC_ALLOWED.items():
        monkeypatch.setenv(name, value)
    folder = gdelt_folder(tmp_path, [SAMPLE, *synthetic_days])
    model = "intermediate.int_gdelt_events_aggregated_to_pair_months"

    def build(min_mentions: int, *flags: str) -> list[tuple]:
        run = project_copy.run_dbt(
            "build",
            "--select",
            "+int_gdelt_events_aggregated_to_pair_months",
            "--indirect-selection",
            "cautious",
            "--vars",
            f"{{gdelt_dir: '{folder}', gdelt_min_mentions: {min_mentions}}}",
            *flags,
        )
        assert run.returncode == 0, run.output
        return table_rows(project_copy.path / "planted.duckdb", {model: "loaded_at"})[model]

    default = build(3)
    stricter_incremental = build(8)
    stricter_full = build(8, "--full-refresh")
    assert stricter_incremental == stricter_full != default
    assert build(100_000) == []  # no month keeps an event: every stale month is gone


def test_synthetic_events_are_published_only_when_allowed(
    project_copy: ProjectCopy, synthetic_days: list[Path], tmp_path: Path
) -> None:
    """Generated events carry a marker: without the flag the build fails and publishes nothing."""
    folder = gdelt_folder(tmp_path, [SAMPLE, *synthetic_days])
    refused = project_copy.run_build(env={"FRICTION_GDELT_DIR": str(folder)})
    assert refused.returncode == 1, refused.output
    assert "assert_gdelt_events_are_real" in refused.output
    assert "the test: Synthetic GDELT events" in refused.output
    assert "set FRICTION_GDELT_ALLOW_SYNTHETIC=1" in refused.output
    assert "Nothing was published" in refused.output
    assert not project_copy.published.exists()

    allowed = project_copy.run_build(env={"FRICTION_GDELT_DIR": str(folder), **SYNTHETIC_ALLOWED})
    assert allowed.returncode == 0, allowed.output
    with duckdb.connect(str(project_copy.published), read_only=True) as connection:
        synthetic, real = connection.execute(
            "select count_if(synthetic_event_count > 0), count_if(synthetic_event_count = 0) "
            "from marts.fct_gdelt_pair_events_monthly"
        ).fetchone()
        bases = connection.execute(
            "select distinct contribution_basis from marts.fct_friction_contributions "
            "where component = 'gdelt'"
        ).fetchall()
    assert synthetic > 0
    assert ("gdelt_goldstein_synthetic",) in bases
