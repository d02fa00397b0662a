"""Foreseeable conditions (file locked, missing) end in one clear paragraph, never a traceback."""

import os
import subprocess
from pathlib import Path

import duckdb
from conftest import PROJECT_ROOT, ProjectCopy, published_snapshot

LOCKED = "another program holds it open for writing"


def make(project: ProjectCopy, *arguments: str) -> subprocess.CompletedProcess:
    venv = project.path / ".venv"
    if not venv.exists():
        venv.symlink_to(PROJECT_ROOT / ".venv")
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=project.path,
        env={**os.environ, "DBT_PROFILES_DIR": str(project.path)},
        capture_output=True,
        text=True,
        check=False,
    )


def assert_clear(result: subprocess.CompletedProcess, says: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert says in output, output


def test_build_while_a_writer_holds_the_published_file(published_copy: ProjectCopy) -> None:
    before = published_snapshot(published_copy)
    with duckdb.connect(str(published_copy.published)):
        result = make(published_copy, "build")
    assert_clear(result, LOCKED)
    assert "BUILD FAILED" in result.stderr
    assert "was not changed" in result.stderr
    assert published_snapshot(published_copy) == before


def test_audit_of_a_missing_or_locked_warehouse(
    published_copy: ProjectCopy, tmp_path: Path
) -> None:
    missing = tmp_path / "absent.duckdb"
    assert_clear(make(published_copy, "audit", f"FRICTION_WAREHOUSE={missing}"), "make build")
    with duckdb.connect(str(published_copy.published)):
        assert_clear(make(published_copy, "audit"), LOCKED)


def test_build_refuses_a_real_folder_where_the_exports_symlink_goes(
    published_copy: ProjectCopy,
) -> None:
    before = published_copy.published.read_bytes()
    link = published_copy.published.with_name(f"{published_copy.published.stem}_parquet")
    link.unlink()
    link.mkdir()
    (link / "analyst_notes.txt").write_text("kept\n")
    result = make(published_copy, "build", "FULL_REFRESH=1")
    assert_clear(result, "is a real folder or file, not the symlink make build maintains")
    assert "BUILD FAILED" in result.stderr
    assert published_copy.published.read_bytes() == before
    assert (link / "analyst_notes.txt").read_text() == "kept\n"
