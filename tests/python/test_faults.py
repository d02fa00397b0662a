"""Fault injection on a built clone, as an operator meets the faults, through `make`.

Each fault asserts: the published bytes are unchanged (or the correct new build is published),
the message names the step and the remedy, there is no traceback, and the next command works
with no manual cleanup. Rollback and verify are tested here too (docs/operations.md).

The faults are in the build's machinery (lock, candidate, audit, publish, kept builds), not in
the data: these builds leave dbt's data and unit tests out (DBT_EXCLUDE_RESOURCE_TYPES, dbt's
own variable for --exclude-resource-type), which every other build in the suite runs. That
makes each build here about 40 s shorter; every step, dbt's included, still runs.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT, ProjectCopy, published_snapshot
from readers import LoopingReader
from test_clear_failures import assert_clear, make

from pipeline.wap.kept_builds import builds_dir, kept_builds, stage


@pytest.fixture(autouse=True)
def builds_without_dbt_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBT_EXCLUDE_RESOURCE_TYPES", "test unit_test")


PUBLISHED_PARTS = [".warehouse.duckdb.build.json", "warehouse_builds", "warehouse_events"]


@pytest.fixture
def built_clone(project_copy: ProjectCopy, built_warehouse: Path) -> ProjectCopy:
    """A project copy holding everything `make build` published: the warehouse, its build
    record, its exports, its kept builds and its event layer. The copy reads the shipped GDELT
    sample at its own path, so its `make build` has work to do: an incremental build of the
    GDELT models and what depends on them, through all four steps."""
    source = built_warehouse.parent
    shutil.copy2(built_warehouse, project_copy.published)
    for name in PUBLISHED_PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, project_copy.path / name)
        else:
            shutil.copy2(source / name, project_copy.path / name)
    exports = (source / "warehouse_parquet").resolve()
    shutil.copytree(exports, project_copy.path / exports.name)
    (project_copy.path / "warehouse_parquet").symlink_to(exports.name)
    venv = project_copy.path / ".venv"
    venv.symlink_to(PROJECT_ROOT / ".venv")
    return project_copy


def a_new_gdelt_file(project: ProjectCopy) -> None:
    """One more GDELT export (the sample under a later name): the next `make build` has new
    work, an incremental load of the GDELT models only (its lines all repeat loaded events)."""
    sample = project.path / "data" / "gdelt" / "sample"
    names = sorted(path.name for path in sample.glob("*.export.CSV"))
    stamp = int(names[-1].split(".")[0]) + 100  # a minute later
    shutil.copy2(sample / names[0], sample / f"{stamp}.export.CSV")


def flip_a_byte(path: Path) -> None:
    """Overwrite one byte in the middle, keeping the size and modification time."""
    status = path.stat()
    with path.open("r+b") as handle:
        handle.seek(status.st_size // 2)
        byte = handle.read(1)
        handle.seek(status.st_size // 2)
        handle.write(bytes([byte[0] ^ 0xFF]))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def assert_failed_at(result: subprocess.CompletedProcess, step: str, says: str) -> None:
    assert_clear(result, says)
    assert f"BUILD FAILED at {step}" in result.stderr, result.stderr
    assert "What to do:" in result.stderr, result.stderr


def test_a_damaged_published_file_is_never_reused_and_rollback_restores_it(
    built_clone: ProjectCopy,
) -> None:
    good = built_clone.published.read_bytes()
    flip_a_byte(built_clone.published)
    damaged = published_snapshot(built_clone)
    result = make(built_clone, "build")
    assert_failed_at(result, "step 1/4 (check)", "is damaged")
    assert "make rollback" in result.stderr
    assert published_snapshot(built_clone) == damaged  # nothing copied forward or replaced
    verify = make(built_clone, "verify")
    assert_clear(verify, "is damaged")
    assert "VERIFY FAILED: 1 problem(s)" in verify.stderr  # the kept copy is intact
    started = time.monotonic()
    rollback = make(built_clone, "rollback")
    elapsed = time.monotonic() - started
    assert rollback.returncode == 0, rollback.stdout + rollback.stderr
    assert "Rolled back" in rollback.stdout
    assert built_clone.published.read_bytes() == good
    assert make(built_clone, "verify").returncode == 0
    again = make(built_clone, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    print(f"make rollback took {elapsed:.2f} s (make's start included)")


def test_a_truncated_published_file_is_named_damaged(built_clone: ProjectCopy) -> None:
    os.truncate(built_clone.published, built_clone.published.stat().st_size // 2)
    before = published_snapshot(built_clone)
    assert_failed_at(make(built_clone, "build"), "step 1/4 (check)", "is damaged")
    (built_clone.path / ".warehouse.duckdb.build.json").unlink()  # no sha256 to compare with
    assert_failed_at(make(built_clone, "build"), "step 1/4 (check)", "cannot be read")
    assert published_snapshot(built_clone) == before


def test_rollback_and_builds_with_two_builds_and_readers(built_clone: ProjectCopy) -> None:
    first = built_clone.published.read_bytes()
    a_new_gdelt_file(built_clone)
    second = make(built_clone, "build")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "2 build(s) kept" in second.stdout
    listing = make(built_clone, "builds")
    assert listing.returncode == 0 and listing.stdout.count(" marts, ") == 2, listing.stdout
    assert listing.stdout.strip().endswith("<- published")
    reader = LoopingReader(
        lambda: (
            duckdb.connect(str(built_clone.published), read_only=True)
            .execute("select count(*) from marts.fct_tariffs")
            .fetchone()[0]
        ),
        (duckdb.Error,),
    )
    reader.start()
    rollback = make(built_clone, "rollback")
    time.sleep(0.3)
    reader.finish()
    assert rollback.returncode == 0, rollback.stdout + rollback.stderr
    assert reader.errors == [] and reader.counts, reader.errors
    assert built_clone.published.read_bytes() == first
    assert make(built_clone, "verify").returncode == 0
    newest = kept_builds(built_clone.published)[-1]
    forward = make(built_clone, "rollback", f"TO={newest.sha256[:12]}")
    assert forward.returncode == 0, forward.stdout + forward.stderr
    assert built_clone.published.read_bytes() == newest.database.read_bytes()
    assert_clear(make(built_clone, "rollback", "TO=nosuchbuild"), "names 0 kept builds")


def test_kept_builds_are_pruned_oldest_first(built_clone: ProjectCopy) -> None:
    builds = kept_builds(built_clone.published)
    for _ in range(2):
        a_new_gdelt_file(built_clone)
        run = make(built_clone, "build", "FRICTION_KEEP_BUILDS=2")
        assert run.returncode == 0, run.stdout + run.stderr
    names = [build.name for build in kept_builds(built_clone.published)]
    assert len(names) == 2 and builds[0].name not in names
    exports = {build.exports for build in kept_builds(built_clone.published)}
    assert all((built_clone.path / name).is_dir() for name in exports)
    assert make(built_clone, "verify").returncode == 0
    assert_clear(
        make(built_clone, "builds", "FRICTION_KEEP_BUILDS=0")
        and make(built_clone, "build", "FULL_REFRESH=1", "FRICTION_KEEP_BUILDS=0"),
        "FRICTION_KEEP_BUILDS",
    )


def test_a_publish_interrupted_after_its_rename_is_finished_by_the_next_build(
    built_clone: ProjectCopy, tmp_path: Path
) -> None:
    # What kill -9 between the rename (step 4) and the exports swap leaves: a new database
    # renamed into place, its pending kept copy, the old exports and the old record.
    candidate = built_clone.path / ".warehouse.duckdb.candidate"
    shutil.copy2(built_clone.published, candidate)
    with duckdb.connect(str(candidate)) as connection:
        connection.execute("create table main.marker as select 1 as marker_id")
    record = dict(kept_builds(built_clone.published)[-1].record)
    record["sha256"] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    stage(built_clone.published, candidate, record)
    os.replace(candidate, built_clone.published)
    verify = make(built_clone, "verify")
    assert_clear(verify, "is damaged")  # before it is finished, the record does not match
    result = make(built_clone, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Finished publishing the build" in result.stdout
    assert make(built_clone, "verify").returncode == 0
    assert not list(builds_dir(built_clone.published).glob(".pending-*"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 128 MB tmpfs, mounted for the test (needs root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): the disk-full faults are untested")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def move_published(project: ProjectCopy, folder: Path) -> Path:
    """The published warehouse and its exports, moved to `folder`."""
    published = folder / "warehouse.duckdb"
    shutil.copy2(project.published, published)
    exports = (project.path / "warehouse_parquet").resolve()
    shutil.copytree(exports, folder / exports.name)
    (folder / "warehouse_parquet").symlink_to(exports.name)
    return published


def fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the disk of `folder` until `leave_bytes` are free (or it is full)."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    block = b"\1" * (1 << 20)
    with filler.open("wb") as handle:
        try:
            for _ in range(max(0, (free - leave_bytes) >> 20)):
                handle.write(block)
            handle.flush()
        except OSError:
            pass  # full
    return filler


def test_a_full_disk_is_found_before_the_build_writes(
    published_copy: ProjectCopy, small_disk: Path
) -> None:
    published = move_published(published_copy, small_disk)
    before = published.read_bytes()
    filler = fill(small_disk, 6 << 20)
    result = make(published_copy, "build", f"FRICTION_WAREHOUSE={published}")
    assert_failed_at(result, "step 2/4 (write)", "not enough free space")
    assert "MB free, this build needs about" in result.stderr
    assert published.read_bytes() == before
    assert not (small_disk / ".warehouse.duckdb.candidate").exists()
    filler.unlink()
    again = make(published_copy, "build", f"FRICTION_WAREHOUSE={published}")
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_disk_that_fills_during_dbt_ends_in_a_clear_message(
    published_copy: ProjectCopy, small_disk: Path
) -> None:
    published = move_published(published_copy, small_disk)
    before = published.read_bytes()
    command = ["make", "--no-print-directory", "build", f"FRICTION_WAREHOUSE={published}"]
    env = {**os.environ, "DBT_PROFILES_DIR": str(published_copy.path)}
    venv = published_copy.path / ".venv"
    venv.symlink_to(PROJECT_ROOT / ".venv")
    process = subprocess.Popen(
        command,
        cwd=published_copy.path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    candidate = small_disk / ".warehouse.duckdb.candidate"
    deadline = time.monotonic() + 300
    while not candidate.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    filler = fill(small_disk, 0)  # the disk fills up once the candidate is being written
    stdout, stderr = process.communicate(timeout=600)
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    assert_failed_at(result, "step 2/4 (write)", "disk is full")
    assert published.read_bytes() == before
    assert not candidate.exists()
    filler.unlink()
    again = make(published_copy, "build", f"FRICTION_WAREHOUSE={published}")
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_read_only_folder(published_copy: ProjectCopy, small_disk: Path) -> None:
    published = move_published(published_copy, small_disk)
    before = published.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = make(published_copy, "build", f"FRICTION_WAREHOUSE={published}")
    assert_failed_at(result, "step 1/4 (check)", "cannot write in")
    assert "Read-only file system" in result.stderr
    assert published.read_bytes() == before


def start_build(project: ProjectCopy, *arguments: str) -> tuple[subprocess.Popen, Path]:
    output = project.path / "build_output.txt"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "build", *arguments],
        cwd=project.path,
        env={**os.environ, "DBT_PROFILES_DIR": str(project.path)},
        stdout=output.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, output


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def wait_for(output: Path, text: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while text not in output.read_text() and time.monotonic() < deadline:
        assert process.poll() is None, output.read_text()
        time.sleep(0.1)
    assert text in output.read_text(), output.read_text()


def dbt_of(build_pid: int, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for pid in children(build_pid):
            # the `dbt build` (not the `dbt compile` that prepares `make ask` meanwhile)
            arguments = Path(f"/proc/{pid}/cmdline").read_text(errors="replace").split("\0")
            if any(Path(argument).name == "dbt" for argument in arguments) and (
                "build" in arguments
            ):
                return pid
        time.sleep(0.1)
    raise AssertionError("dbt did not start")


def gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            status = Path(f"/proc/{pid}/stat").read_text().split()[2]
            if status == "Z":
                return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("how", ["SIGTERM to the build", "Ctrl-C", "kill -9 of dbt"])
def test_an_interrupted_build_stops_dbt_and_changes_nothing(
    built_clone: ProjectCopy, how: str
) -> None:
    before = published_snapshot(built_clone)
    process, output = start_build(built_clone)
    wait_for(output, "[2/4]", process)
    build_pid = children(process.pid)[0]
    dbt = dbt_of(build_pid)
    time.sleep(2)
    if how == "SIGTERM to the build":
        os.kill(build_pid, signal.SIGTERM)
    elif how == "Ctrl-C":
        os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole group
    else:
        os.kill(dbt, signal.SIGKILL)
    process.wait(timeout=120)
    text = output.read_text()
    assert process.returncode != 0, text
    assert gone(dbt), f"dbt still runs after: {how}"
    assert "Traceback" not in text, text
    assert "BUILD FAILED at step 2/4 (write)" in text, text
    assert {"SIGTERM to the build": "stopped by SIGTERM", "Ctrl-C": "interrupted (Ctrl-C)"}.get(
        how, "dbt build was killed (SIGKILL)"
    ) in text, text
    assert "run make build again" in text, text
    assert published_snapshot(built_clone) == before
    assert not (built_clone.path / ".warehouse.duckdb.candidate").exists()
    again = make(built_clone, "build")
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.parametrize("step", ["[1/4]", "[2/4]", "[3/4]", "[4/4]"])
def test_kill_9_of_the_build_at_each_step(built_clone: ProjectCopy, step: str) -> None:
    before = published_snapshot(built_clone)
    process, output = start_build(built_clone)
    wait_for(output, step, process)
    build_pid = children(process.pid)[0]
    dbt = children(build_pid)
    os.kill(build_pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert all(gone(pid) for pid in dbt), "a dbt run outlived the killed build"
    published = published_snapshot(built_clone)
    assert published == before or step == "[4/4]", output.read_text()
    again = make(built_clone, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert make(built_clone, "verify").returncode == 0


def test_a_writer_during_the_build_is_refused_at_publish(built_clone: ProjectCopy) -> None:
    before = published_snapshot(built_clone)
    process, output = start_build(built_clone)
    wait_for(output, "[3/4]", process)
    holder = subprocess.Popen(
        [
            str(PROJECT_ROOT / ".venv" / "bin" / "python"),
            "-c",
            "import duckdb, sys, time\n"
            f"c = duckdb.connect({str(built_clone.published)!r})\n"
            "c.execute('create table main.scribble as select 1 as scribble_id')\n"
            "print('open', flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    process.wait(timeout=600)
    text = output.read_text()
    holder.kill()
    holder.wait()
    assert process.returncode != 0, text
    assert "BUILD FAILED at step 4/4 (publish)" in text, text
    assert "another program holds it open for writing" in text, text
    assert "Traceback" not in text, text
    assert (
        published_snapshot(built_clone)["warehouse_parquet"] == before["warehouse_parquet"]
        if ("warehouse_parquet" in before)
        else True
    )
    # The writer died leaving its write-ahead log: the next build sets it aside and goes on.
    assert (built_clone.path / "warehouse.duckdb.wal").exists()
    again = make(built_clone, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Moved a stale write-ahead log aside" in again.stdout
    assert not (built_clone.path / "warehouse.duckdb.wal").exists()


def test_a_missing_folder_and_a_path_with_a_space_and_an_apostrophe(
    built_clone: ProjectCopy, tmp_path: Path
) -> None:
    published = tmp_path / "it's a folder" / "not yet" / "warehouse.duckdb"
    result = make(built_clone, "build", f"FRICTION_WAREHOUSE={published}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Created the folder {published.parent}" in result.stdout
    assert make(built_clone, "verify", f"FRICTION_WAREHOUSE={published}").returncode == 0
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.fct_tariffs").fetchone()[0] > 0
