"""Check every seed before anything is loaded.

`python -m pipeline.checks.seed_checks [project_dir]`.

Phase 1 reads each CSV strictly (encoding, quoting, header, column count, value types).
Phase 2, only when every file is clean, applies the staging models' data tests to the rows.
Each problem prints as `seeds/<file>.csv line N: <rule broken>`; the exit status is 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.checks.problems import Problem
from pipeline.checks.seed_csv import SeedRows, read_seed
from pipeline.checks.seed_rules import rule_problems
from pipeline.checks.seed_specs import display_path, load_seed_specs

MAX_PRINTED = 200


def check_seeds(project: Path) -> tuple[list[Problem], int]:
    """All problems in the project's seeds (sorted by file and line), and the rows checked."""
    specs = load_seed_specs(project)
    seeds: dict[str, SeedRows] = {}
    problems: list[Problem] = []
    for name, spec in specs.items():
        rows, found = read_seed(spec, display_path(project, spec))
        problems += found
        if rows is not None:
            seeds[name] = rows
    if not problems:
        problems = list(rule_problems(project, specs, seeds))
    return sorted(set(problems)), sum(len(rows.rows) for rows in seeds.values())


def report(problems: list[Problem], out: object = sys.stderr) -> None:
    for problem in problems[:MAX_PRINTED]:
        print(problem, file=out)
    if len(problems) > MAX_PRINTED:
        print(f"... and {len(problems) - MAX_PRINTED} more", file=out)
    print(
        f"{len(problems)} problem(s) in seeds/: nothing was loaded or published. "
        "Fix the rows named above and run `make build` again.",
        file=out,
    )


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else Path.cwd()
    problems, row_count = check_seeds(project.resolve())
    if problems:
        report(problems)
        return 1
    print(f"Seed checks passed: {row_count} rows in {len(load_seed_specs(project))} files.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
