"""Check every seed: `python -m pipeline.checks.seed_checks [project_dir]` (make check-seeds).

Phase 1, before anything is loaded, reads each CSV strictly (encoding, quoting, header, column
count, value types): what only a CSV reader can see. Phase 2 is dbt's: the seeds and the models
built on one seed alone are built into a scratch DuckDB file with their data tests, and each
failing row is named by its file and line (pipeline/checks/seed_failures.py). `make build` runs
phase 1 the same way and gets phase 2 from its own dbt build. Each problem prints as
`seeds/<file>.csv line N: <rule broken>`; the exit status is 1 if any.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline import dbt_runner
from pipeline.checks.problems import Problem
from pipeline.checks.seed_csv import read_seed
from pipeline.checks.seed_failures import seed_problems
from pipeline.checks.seed_specs import display_path, load_seed_specs

MAX_PRINTED = 200


def check_seeds(project: Path) -> tuple[list[Problem], int]:
    """Phase 1: every problem a CSV reader finds (sorted by file and line), and the rows read."""
    problems: list[Problem] = []
    row_count = 0
    for spec in load_seed_specs(project).values():
        rows, found = read_seed(spec, display_path(project, spec))
        problems += found
        row_count += len(rows.rows) if rows is not None else 0
    return sorted(set(problems)), row_count


def seed_models(target: Path) -> list[str]:
    """The seeds and the models built from one seed and nothing else (their staging models)."""
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    return sorted(
        node["name"]
        for node in nodes.values()
        if node["resource_type"] == "seed"
        or (
            node["resource_type"] == "model"
            and len(node["depends_on"]["nodes"]) == 1
            and node["depends_on"]["nodes"][0].startswith("seed.")
        )
    )


def check_seed_tests(project: Path) -> tuple[list[Problem], str]:
    """Phase 2: dbt builds the seeds and their models with their tests into a scratch file.

    Returns the seed lines behind the failing tests, and dbt's output when dbt failed for any
    other reason (empty when it passed)."""
    target = project / ".build" / "seed_checks"
    with dbt_runner.work_file(target, "seed_checks.duckdb") as warehouse:

        def dbt(*args: str) -> subprocess.CompletedProcess:
            return dbt_runner.run(
                project, [*args, "--quiet"], warehouse, target=target, capture=True
            )

        parsed = dbt("parse")
        if parsed.returncode != 0:
            return [], parsed.stdout + parsed.stderr
        selected = seed_models(target)
        # cautious: only the tests whose every parent is built here
        completed = dbt(
            "build",
            "--select",
            *selected,
            "--indirect-selection",
            "cautious",
            "--exclude-resource-type",
            "unit_test",
        )
        if completed.returncode == 0:
            return [], ""
        problems = seed_problems(project, target, warehouse)
        return problems, "" if problems else completed.stdout + completed.stderr


def report(problems: list[Problem], out: object = sys.stderr, loaded: bool = False) -> None:
    for problem in problems[:MAX_PRINTED]:
        print(problem, file=out)
    if len(problems) > MAX_PRINTED:
        print(f"... and {len(problems) - MAX_PRINTED} more", file=out)
    when = "found by dbt's tests on an unpublished copy" if loaded else "nothing was loaded"
    print(
        f"{len(problems)} problem(s) in seeds/ ({when}): nothing was published. "
        "Fix the rows named above and run `make build` again.",
        file=out,
    )


def main(argv: list[str]) -> int:
    project = (Path(argv[0]) if argv else Path.cwd()).resolve()
    problems, row_count = check_seeds(project)
    if problems:
        report(problems)
        return 1
    problems, failure = check_seed_tests(project)
    if problems:
        report(problems, loaded=True)
        return 1
    if failure:
        print(f"dbt failed on the seeds:\n{failure}", file=sys.stderr)
        return 1
    print(f"Seed checks passed: {row_count} rows in {len(load_seed_specs(project))} files.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
