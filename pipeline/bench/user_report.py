"""The user-command benchmark's table and targets: benchmarks/results.json and BENCHMARKS.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.bench.measure import Measured
from pipeline.bench.report import machine
from pipeline.bench.user_commands import UserCommands

START, END = "<!-- bench-user:start -->", "<!-- bench-user:end -->"
# The targets; the ratio targets hold from these scales up.
FULL_OVER_FLOOR = (10_000_000, 1.5)
INCREMENTAL_SHARE = {10_000_000: 0.10, 50_000_000: 0.05}
NO_CHANGE_SECONDS = 5.0
DISK_OVER_RAW = 1.5


def targets(results: list[UserCommands]) -> list[dict[str, object]]:
    checked: list[dict[str, object]] = []
    for result in results:
        label = f"{result.events:,} events"
        full, floor = result.full_make_build.seconds, result.floor_read_csv.seconds
        if result.events >= FULL_OVER_FLOOR[0]:
            checked.append(
                {
                    "target": f"full make build / read_csv floor ({label})",
                    "value": full / floor,
                    "limit": FULL_OVER_FLOOR[1],
                }
            )
        share = INCREMENTAL_SHARE.get(result.events)
        if share:
            checked.append(
                {
                    "target": f"incremental make build (+1%) / full make build ({label})",
                    "value": result.incremental_make_build.seconds / full,
                    "limit": share,
                }
            )
        checked.append(
            {
                "target": f"no-change make build, s ({label})",
                "value": result.no_change_make_build.seconds,
                "limit": NO_CHANGE_SECONDS,
            }
        )
        checked.append(
            {
                "target": f"published warehouse + exports / raw export files ({label})",
                "value": result.published_mb / result.raw_files_mb,
                "limit": DISK_OVER_RAW,
            }
        )
    for item in checked:
        item["met"] = item["value"] <= item["limit"]
    return checked


def _dbt_least_cell(result: UserCommands) -> str:
    if result.dbt_least is None:
        return "not measured"
    share = result.dbt_least.seconds / result.full_make_build.seconds
    return f"{result.dbt_least.seconds:.1f} s ({share:.1%} of a full build)"


def table(results: list[UserCommands]) -> str:
    lines = [
        "| | " + " | ".join(f"{result.events:,} events" for result in results) + " |",
        "|---|" + "---:|" * len(results),
        "| raw export files | "
        + " | ".join(f"{result.raw_files_mb:,.0f} MB" for result in results)
        + " |",
    ]
    for step, title in (
        ("floor_read_csv", "floor: DuckDB `read_csv` into a table"),
        ("full_make_build", "`make build FULL_REFRESH=1`"),
        ("no_change_make_build", "`make build`, nothing new"),
        ("incremental_make_build", "`make build` after +1% events"),
    ):
        cells = [
            f"{getattr(result, step).seconds:.1f} s, {getattr(result, step).peak_mb:,.0f} MB"
            for result in results
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines.append(
        "| `dbt parse` of the project (once per project version: part of a first build) | "
        + " | ".join(
            f"{result.dbt_parse.seconds:.1f} s" if result.dbt_parse else "not measured"
            for result in results
        )
        + " |"
    )
    lines.append(
        "| `dbt run` of one model in the build's setting (the least dbt costs) | "
        + " | ".join(_dbt_least_cell(result) for result in results)
        + " |"
    )
    lines.append(
        "| full build / floor | "
        + " | ".join(
            f"{result.full_make_build.seconds / result.floor_read_csv.seconds:.2f}x"
            for result in results
        )
        + " |"
    )
    lines.append(
        "| published warehouse + exports | "
        + " | ".join(
            f"{result.published_mb:,.0f} MB ({result.published_mb / result.raw_files_mb:.2f}x raw)"
            for result in results
        )
        + " |"
    )
    return "\n".join(lines)


def section(results: list[UserCommands], checked: list[dict[str, object]], when: str) -> str:
    rows = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    rows += [
        f"| {item['target']} | {item['value']:.3f} | {item['limit']} | "
        f"{'yes' if item['met'] else 'NO'} |"
        for item in checked
    ]
    facts = "\n".join(f"- {name}: {value}" for name, value in machine().items())
    return (
        f"{START}\n## The user's commands: latest run ({when})\n\nMachine and versions:\n\n"
        f"{facts}\n\nTime and peak memory (largest process) of each command:\n\n"
        f"{table(results)}\n\nTargets:\n\n" + "\n".join(rows) + f"\n{END}"
    )


def write(results: list[UserCommands], json_path: Path, markdown: Path, when: str) -> None:
    saved = json.loads(json_path.read_text()) if json_path.exists() else {}
    # Scales measured before and not now are kept (a 50M run takes long; run it on its own).
    measured = {result.events for result in results}
    earlier = saved.get("user_commands", {}).get("scales", [])
    results = sorted(
        results
        + [
            UserCommands(
                item["events"],
                item["raw_files_mb"],
                *(
                    Measured(**item[name])
                    for name in (
                        "floor_read_csv",
                        "full_make_build",
                        "no_change_make_build",
                        "incremental_make_build",
                    )
                ),
                item["published_mb"],
                Measured(**item["dbt_least"]) if item.get("dbt_least") else None,
                Measured(**item["dbt_parse"]) if item.get("dbt_parse") else None,
            )
            for item in earlier
            if item["events"] not in measured
        ],
        key=lambda result: result.events,
    )
    checked = targets(results)
    saved["user_commands"] = {
        "run_at": when,
        "machine": machine(),
        "targets": checked,
        "scales": [result.as_json() for result in results],
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(saved, indent=2) + "\n")
    text = markdown.read_text(encoding="utf-8") if markdown.exists() else ""
    new = section(results, checked, when)
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    text = pattern.sub(lambda _: new, text) if pattern.search(text) else f"{text}\n{new}\n"
    markdown.write_text(text, encoding="utf-8")
    print()
    print(table(results))
    print()
    print(
        "\n".join(
            f"{item['target']}: {item['value']:.3f} (limit {item['limit']})" for item in checked
        )
    )
