"""`make ask`: the README's command as written, answers from cached SQL, clear failures."""

import re
import shlex
import shutil
from pathlib import Path

import duckdb
from conftest import PROJECT_ROOT, run_documented

README_ASK = re.compile(r"^make ask Q=(\w+)$", re.MULTILINE)


def make_ask(project: Path, *arguments: str, env: dict[str, str] | None = None):
    return run_documented(
        project, shlex.join(["make", "--no-print-directory", "ask", *arguments]), env
    )


def readme_question() -> str:
    found = README_ASK.findall((PROJECT_ROOT / "README.md").read_text())
    assert found, "the README shows a `make ask Q=...` command"
    return found[0]


def test_readme_question_answers_from_sql_compiled_by_the_build(built_warehouse: Path) -> None:
    """The build compiled the analyses, so the README's question runs no dbt and shows every row."""
    question = readme_question()
    result = make_ask(built_warehouse.parent, f"Q={question}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Compiling" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    compiled = next(
        (built_warehouse.parent / ".build" / "compiled").glob("*/analyses/" + question + ".sql")
    )
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        rows = connection.sql(compiled.read_text()).fetchall()
    assert rows
    for row in rows:
        assert str(row[0]) in result.stdout


def test_answers_are_rounded_for_display(built_warehouse: Path) -> None:
    result = make_ask(built_warehouse.parent, "Q=year_each_country_pair_peaked")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mean_friction_score" in result.stdout
    assert re.findall(r"\d+\.\d{5,}", result.stdout) == []


def test_a_changed_analysis_is_compiled_again(published_copy) -> None:
    question = readme_question()
    # (a copy starts from the session build's cache: without it, its analyses were never compiled)
    shutil.rmtree(published_copy.path / ".build" / "compiled")
    first = make_ask(published_copy.path, f"Q={question}")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Compiling" in first.stderr
    analysis = published_copy.path / "analyses" / f"{question}.sql"
    analysis.write_text(analysis.read_text() + "-- edited: the project changed\n")
    again = make_ask(published_copy.path, f"Q={question}")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Compiling" in again.stderr
    cached = make_ask(published_copy.path, f"Q={question}")
    assert "Compiling" not in cached.stderr
    assert cached.stdout == again.stdout


def test_foreseeable_failures_say_what_to_do(published_copy, tmp_path: Path) -> None:
    question = readme_question()
    missing = make_ask(
        published_copy.path,
        f"Q={question}",
        env={"FRICTION_WAREHOUSE": str(tmp_path / "no.duckdb")},
    )
    unknown = make_ask(published_copy.path, "Q=no_such_question")
    with duckdb.connect(str(published_copy.published)):  # a read-write connection holds the file
        locked = make_ask(published_copy.path, f"Q={question}")
    for result, says in (
        (missing, "run `make build` first"),
        (unknown, question),
        (locked, "another program holds it open for writing"),
    ):
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output
        assert says in output
