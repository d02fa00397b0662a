"""docs/curating-facts.md's worked example, followed as written: its rows are the shipped rows,
`make check-seeds` names the documented mistake with its file and line, and passes once fixed.
(Its queries and their answers are checked by test_doc_examples.py.)"""

import re
import subprocess
from pathlib import Path

from conftest import PROJECT_ROOT, copy_project, run_documented

PAGE = PROJECT_ROOT / "docs" / "curating-facts.md"
# "... to `seeds/<file>.csv` ...:" then a ```csv block holding the line to add
ADDED_LINE = re.compile(r"`(seeds/\w+\.csv)`[^`\n]*(?:\n[^`\n]*)?:\n\n\s*```csv\n\s*(.+)\n\s*```")
MISTAKE = re.compile(r"typing `(\w+)` as `([^`]+)` gives\n\n\s*```text\n\s*(.+)\n\s*```")


def documented_lines() -> list[tuple[str, str]]:
    return ADDED_LINE.findall(PAGE.read_text())


def make_check_seeds(project: Path) -> subprocess.CompletedProcess:
    return run_documented(project, "make check-seeds")


def test_the_example_rows_are_the_shipped_rows() -> None:
    lines = documented_lines()
    assert [file for file, _ in lines] == ["seeds/sources.csv", "seeds/tariffs.csv"]
    for file, line in lines:
        assert line in (PROJECT_ROOT / file).read_text().splitlines(), f"{file}: {line}"


def test_following_the_walkthrough_names_the_mistake_then_passes(tmp_path: Path) -> None:
    project = copy_project(tmp_path).path
    lines = documented_lines()
    for file, line in lines:  # a project without the example's rows
        path = project / file
        path.write_text(path.read_text().replace(line + "\n", ""))
    assert make_check_seeds(project).returncode == 0

    column, typed, message = MISTAKE.search(PAGE.read_text()).groups()
    assert f'{column} "{typed}"' in message
    for file, line in lines:  # steps 2 and 3, with the documented typo in the tariff row
        added = line.replace(",2020-05-19,", f",{typed},") if file.endswith("tariffs.csv") else line
        with (project / file).open("a") as handle:
            handle.write(added + "\n")
    mistaken = make_check_seeds(project)
    assert mistaken.returncode != 0
    assert message in mistaken.stdout + mistaken.stderr

    tariffs = project / "seeds" / "tariffs.csv"
    tariffs.write_text(tariffs.read_text().replace(f",{typed},", ",2020-05-19,"))
    fixed = make_check_seeds(project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Seed checks passed" in fixed.stdout
