"""The inputs digest that lets a build with nothing new stop: every input that changes what
is published changes it, and nothing else does (where the file goes, how long to wait)."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from pipeline.wap.fingerprint import inputs_digest, previous_build, record_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ["dbt_project.yml", "profiles.yml"]:
        shutil.copy2(PROJECT_ROOT / name, copy / name)
    for folder in ["models", "macros", "seeds"]:
        shutil.copytree(PROJECT_ROOT / folder, copy / folder)
    gdelt = copy / "gdelt"
    gdelt.mkdir()
    (gdelt / "20191024143000.export.CSV").write_text("1\t20191024\n", encoding="utf-8")
    return copy


def digest(project: Path, dbt_args: list[str] | None = None) -> str:
    return inputs_digest(project, sorted((project / "gdelt").glob("*")), dbt_args or [])


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


CHANGES: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "a seed row": lambda project, _: append(project / "seeds" / "tariffs.csv", "x\n"),
    "a model": lambda project, _: append(
        project / "models" / "marts" / "fct_tariffs.sql", "\n-- changed\n"
    ),
    "a singular dbt test": lambda project, _: (
        (project / "tests").mkdir(exist_ok=True)
        or (project / "tests" / "assert_planted.sql").write_text("select 1 where false\n")
    ),
    "a var in dbt_project.yml": lambda project, _: append(project / "dbt_project.yml", "\n"),
    "a new GDELT file": lambda project, _: (project / "gdelt" / "b.export.CSV").write_text("2"),
    "a GDELT file's size": lambda project, _: append(
        project / "gdelt" / "20191024143000.export.CSV", "3\n"
    ),
    "a GDELT file's modification time": lambda project, _: os.utime(
        project / "gdelt" / "20191024143000.export.CSV", (1, 1)
    ),
    "the GDELT folder setting": lambda _, monkeypatch: monkeypatch.setenv(
        "FRICTION_GDELT_DIR", "/elsewhere"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_input_changes_the_digest(
    change: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FRICTION_GDELT_DIR", raising=False)
    before = digest(project)
    assert digest(project) == before  # the same inputs, the same digest
    CHANGES[change](project, monkeypatch)
    assert digest(project) != before


def test_dbt_arguments_change_the_digest_and_where_to_publish_does_not(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(project)
    assert digest(project, ["--vars", "{dispute_weight: 1.0}"]) != before
    monkeypatch.setenv("FRICTION_WAREHOUSE", "/somewhere/else.duckdb")
    monkeypatch.setenv("FRICTION_LOCK_TIMEOUT", "5")
    assert digest(project) == before


def test_the_pytest_suite_is_not_a_build_input(project: Path) -> None:
    before = digest(project)
    suite = project / "tests" / "python"
    suite.mkdir(parents=True)
    (suite / "test_planted.py").write_text("def test_nothing():\n    pass\n")
    assert digest(project) == before


def test_a_record_describes_only_the_file_it_was_written_for(tmp_path: Path) -> None:
    published = tmp_path / "warehouse.duckdb"
    published.write_bytes(b"built")
    assert previous_build(published) is None
    record_build(published, "abc")
    previous = previous_build(published)
    assert previous is not None and previous.digest == "abc"
    published.write_bytes(b"replaced by hand")  # another file now: the record no longer applies
    assert previous_build(published) is None
