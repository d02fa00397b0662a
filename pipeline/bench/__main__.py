"""`make bench` (`python -m pipeline.bench --scales 1000000 10000000`).

For each scale: synthetic GDELT events (generated once, cached in .build/bench) over a project
copy whose curated seeds are scaled up too; then a full `dbt build`, the same compiled SQL run
directly by DuckDB, five BI queries, and two incremental loads of 1% new events (the whole
project, then only the GDELT path). Prints a table, writes benchmarks/results.json and the
"Latest run" section of BENCHMARKS.md. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from pipeline.bench import user_report
from pipeline.bench.measure import StepError
from pipeline.bench.report import write
from pipeline.bench.runner import ScaleRun
from pipeline.bench.user_commands import UserCommandsRun
from pipeline.bench.workspace import gdelt_folder, project_copy


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--seed-factor", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=Path(".build/bench"))
    parser.add_argument("--results", type=Path, default=Path("benchmarks/results.json"))
    parser.add_argument("--markdown", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument(
        "--steps",
        choices=["all", "user", "dbt"],
        default="all",
        help="user: the user's make build commands beside the read_csv floor; dbt: dbt build "
        "beside the same SQL in raw DuckDB, incremental dbt builds and BI queries",
    )
    args = parser.parse_args(argv)
    source = Path.cwd()
    workdir = args.workdir.resolve()
    project = project_copy(source, workdir, args.seed_factor)
    print(f"Project copy with seeds x{args.seed_factor}: {project}")
    results, user_results = [], []
    try:
        for events in sorted(args.scales):
            gdelt = gdelt_folder(source, workdir, events)
            print(f"\n{events:,} events", flush=True)
            if args.steps in ("all", "user"):
                run = UserCommandsRun(project, workdir / f"user{events}", gdelt, events)
                user_results.append(run.run())
            if args.steps in ("all", "dbt"):
                results.append(ScaleRun(project, workdir / f"s{events}", gdelt, events).run())
    except StepError as error:
        print(f"\nBENCHMARK FAILED: {error}", file=sys.stderr)
        return 1
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if user_results:
        user_report.write(user_results, args.results, args.markdown, when)
    if results:
        write(results, args.results, args.markdown, when)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
