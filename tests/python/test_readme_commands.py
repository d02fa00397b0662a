"""The README's everyday commands, run exactly as its table writes them in a project that
`make build` built: each exits 0 and does what the table says (a renamed target, a moved output
or a traceback fails here)."""

import re
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, run_documented
from system_tools import ensure_chromium

README = PROJECT_ROOT / "README.md"
ROW = re.compile(r"^\| `(make [^`]+)` \| (.+) \|$", re.MULTILINE)
ASK = re.compile(r"^make ask Q=\w+$", re.MULTILINE)
# what each command leaves behind or prints, beside its exit status 0
EXPECTED = {
    "make docs": ("file", "reports/docs/index.html"),
    "make report": ("file", "reports/charts/index.html"),
    "make ask": ("prints", "│"),
    "make mf": ("prints", "friction_score"),
    "make check-seeds": ("prints", "Seed checks passed"),
    "make lint": ("ran by make test", "make test runs `make lint` as written before pytest"),
    "make audit": ("prints", "expectations"),
    "make verify": ("prints", "Verified: the published warehouse"),
    "make builds": ("prints", "<- published"),
    "make docs-images": ("file", "docs/images/images.json"),
    "make help": ("prints", "make build"),
}


def readme_commands() -> list[str]:
    text = README.read_text()
    (question,) = ASK.findall(text)
    return [
        command.replace("Q=<analysis>", question.removeprefix("make ask "))
        for command, _ in ROW.findall(text)
    ]


def test_the_table_lists_the_commands_this_test_knows() -> None:
    named = {" ".join(command.split()[:2]) for command in readme_commands()}
    assert named == set(EXPECTED)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(command, marks=pytest.mark.heavy) if "docs-images" in command else command
        for command in readme_commands()
    ],
)
def test_readme_command_runs_as_written(command: str, built_warehouse: Path) -> None:
    project = built_warehouse.parent
    kind, what = EXPECTED[" ".join(command.split()[:2])]
    if kind == "ran by make test":
        pytest.skip(what)
    if command.startswith("make docs-images") and ensure_chromium()[0] is None:
        pytest.skip(ensure_chromium()[1])
    result = run_documented(project, command)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    if kind == "file":
        assert (project / what).is_file(), f"{command} did not write {what}"
    else:
        assert what in output, output[-2000:]
