"""Write-audit-publish: a failed build never touches the published file, readers are never
blocked, two builds never interleave, and text with quotes, commas, newlines and SQL loads intact.
"""

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT, ProjectCopy, published_snapshot
from readers import TARIFF_COUNT, sqlalchemy_reader
from seed_rows import tariff_row

from pipeline.wap import build
from pipeline.wap.locking import LockTimeout, exclusive_lock

TRICKY_TEXT = "Steel \"flat\", rolled; O'Brien's list\nline two'); drop table marts.fct_tariffs; --"
TRICKY_NOTES = "{{ var('x') }} 100%, \"quoted\" & <b>tags</b>"

LONG_LIVED_READER = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
query = "select count(*) from marts.fct_tariffs"
print(connection.execute(query).fetchone()[0], flush=True)
sys.stdin.readline()
print(connection.execute(query).fetchone()[0], flush=True)
"""


def make_build(project: ProjectCopy) -> subprocess.CompletedProcess:
    """`make build` in the project copy, as a user runs it."""
    return subprocess.run(
        ["make", "build"],
        cwd=project.path,
        env={**os.environ, "DBT_PROFILES_DIR": str(project.path)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_build_with_readers_attached(published_copy: ProjectCopy) -> None:
    """`make build` runs while readers hold or reopen the published file."""
    published = published_copy.published
    with duckdb.connect(str(published), read_only=True) as connection:
        old_count = connection.execute(TARIFF_COUNT).fetchone()[0]
    published_copy.append_rows(
        "seeds/tariffs.csv",
        tariff_row("t_planted_text", product_description=TRICKY_TEXT, notes=TRICKY_NOTES),
    )
    (published_copy.path / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    long_lived = subprocess.Popen(
        [sys.executable, "-c", LONG_LIVED_READER, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert int(long_lived.stdout.readline()) == old_count
    # One in-process reader: DuckDB refuses a second in-process configuration for the same file
    # (read_only=True vs access_mode=read_only); the raw-duckdb reader runs in a subprocess.
    readers = {"sqlalchemy": sqlalchemy_reader(published)}
    for reader in readers.values():
        reader.start()
    build = make_build(published_copy)
    time.sleep(0.5)
    for reader in readers.values():
        reader.finish()
    later, _ = long_lived.communicate("go\n", timeout=60)

    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    for name, reader in readers.items():
        assert reader.errors == [], name
        # Old data until the swap, new data after it, never a mix and never going back.
        assert reader.counts[0] == old_count and reader.counts[-1] == old_count + 1, name
        assert reader.counts == sorted(reader.counts), name
    # A connection opened before the swap keeps its consistent old snapshot without error.
    assert int(later) == old_count
    # Text with quotes, commas, newlines, apostrophes and SQL loads exactly as written.
    with duckdb.connect(str(published), read_only=True) as connection:
        product, notes = connection.execute(
            "select product_description, notes from marts.fct_tariffs "
            "where tariff_id = 't_planted_text'"
        ).fetchone()
    assert (product, notes) == (TRICKY_TEXT, TRICKY_NOTES)
    # The Parquet exports were swapped to the new build too.
    parquet = published_copy.path / "warehouse_parquet" / "fct_tariffs.parquet"
    exported = duckdb.sql(
        f"select product_description from '{parquet}' where tariff_id = 't_planted_text'"
    ).fetchone()
    assert exported == (TRICKY_TEXT,)

    # Nothing changed since: the same command says so in seconds and publishes nothing.
    before = published_snapshot(published_copy)
    started = time.monotonic()
    again = make_build(published_copy)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "Nothing changed since the build published at" in again.stdout
    assert "[2/4]" not in again.stdout
    assert published_snapshot(published_copy) == before
    print(f"no-change make build: {time.monotonic() - started:.1f} s")


def test_failing_dbt_test_leaves_published_file_unchanged(published_copy: ProjectCopy) -> None:
    before = published_snapshot(published_copy)
    published_copy.edit(
        "models/marts/fct_country_pair_friction_monthly.sql",
        "coalesce(components.friction_score, 0) as friction_score,",
        "coalesce(components.friction_score, 0) + 0.1 as friction_score,",
    )
    run = published_copy.run_build()
    assert run.returncode == 1
    assert "BUILD FAILED at step 2/4 (write): dbt build" in run.output
    # the unit test on the score catches it first (the model and its data tests are skipped)
    assert "pair_score_is_signed_sum_and_gaps_are_zero" in run.output, run.output
    assert "was not changed" in run.output
    assert published_snapshot(published_copy) == before


def test_failing_expectation_blocks_the_publish(
    published_copy: ProjectCopy, built_warehouse: Path, monkeypatch, capsys
) -> None:
    """The audit step runs the GX checkpoint on the candidate; a failure publishes nothing."""
    before = published_snapshot(published_copy)

    def write_defective_candidate(
        project: Path, candidate: Path, dbt_args: list[str], plan: object
    ) -> None:
        shutil.copy2(built_warehouse, candidate)
        with duckdb.connect(str(candidate)) as connection:
            connection.execute("update marts.fct_disputes set severity = 9")

    monkeypatch.setattr(build, "run_dbt", write_defective_candidate)
    monkeypatch.setattr(build, "check_seeds", lambda project: ([], 0))
    status = build.main(
        ["--published", str(published_copy.published), "--docs", str(published_copy.path / "docs")]
    )
    output = capsys.readouterr()
    assert status == 1
    assert "BUILD FAILED at step 3/4 (audit): great-expectations checkpoint" in output.err
    assert "fct_disputes: expect_column_values_to_be_between(column=severity" in output.err
    assert published_snapshot(published_copy) == before
    assert (published_copy.path / "docs" / "index.html").exists()


@pytest.mark.parametrize("lock_file", ["kept", "deleted by hand"])
def test_second_build_fails_cleanly_while_one_holds_the_lock(
    published_copy: ProjectCopy, lock_file: str
) -> None:
    before = published_snapshot(published_copy)
    lock = published_copy.published.with_name("warehouse.duckdb.lock")
    with exclusive_lock(lock, timeout_seconds=1):
        if lock_file == "deleted by hand":  # the folder stays locked: no second candidate
            lock.unlink()
        run = published_copy.run_build(env={"FRICTION_LOCK_TIMEOUT": "1"})
    assert run.returncode == 1
    assert "another build still holds" in run.output
    assert published_snapshot(published_copy) == before


def test_a_waiting_build_gets_the_lock_when_the_first_finishes(tmp_path: Path) -> None:
    lock = tmp_path / "warehouse.duckdb.lock"
    release = threading.Event()

    def first_build() -> None:
        with exclusive_lock(lock, timeout_seconds=1):
            release.wait(5)

    holder = threading.Thread(target=first_build)
    holder.start()
    time.sleep(0.2)
    threading.Timer(0.5, release.set).start()
    started = time.monotonic()
    with exclusive_lock(lock, timeout_seconds=10):
        waited = time.monotonic() - started
    holder.join()
    assert 0.3 < waited < 5
    with exclusive_lock(lock, timeout_seconds=1):
        pass  # released again
    try:
        with exclusive_lock(lock, timeout_seconds=0.1), exclusive_lock(lock, timeout_seconds=0.3):
            raise AssertionError("a second holder got the lock")
    except LockTimeout:
        pass
