"""The benchmark's table, its targets, the JSON results and the BENCHMARKS.md section."""

from __future__ import annotations

import json
import os
import platform
import re
from importlib.metadata import version
from pathlib import Path

from pipeline.bench.runner import ScaleResult

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGET_EVENTS = 10_000_000


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.0f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        **{name: version(name) for name in ("dbt-core", "dbt-duckdb", "duckdb")},
        "duckdb memory_limit": os.environ.get("FRICTION_DUCKDB_MEMORY_LIMIT", "4GB"),
    }


def targets(results: list[ScaleResult]) -> list[dict[str, object]]:
    """Each target as measured: name, value, limit, met."""
    by_events = {result.events: result for result in results}
    checked = []
    reference = by_events.get(TARGET_EVENTS) or max(results, key=lambda result: result.events)
    label = f"{reference.events:,} events"
    larger = [result for result in results if result.events >= reference.events]
    for result in larger:
        ratio = result.full_build.seconds / result.raw_duckdb.seconds
        checked.append(
            {
                "target": f"full dbt build / raw DuckDB ({result.events:,} events)",
                "value": ratio,
                "limit": 1.25,
            }
        )
    for small in results:
        large = by_events.get(small.events * 10)
        if large:
            growth = large.full_build.seconds / small.full_build.seconds
            checked.append(
                {
                    "target": f"time for 10x data ({small.events:,} -> {large.events:,})",
                    "value": growth,
                    "limit": 11.0,
                }
            )
    for result in larger:
        for name, step in (
            ("incremental dbt build", result.incremental_build),
            ("incremental, GDELT path", result.incremental_gdelt_path),
        ):
            checked.append(
                {
                    "target": f"{name} / full dbt build ({result.events:,} events)",
                    "value": step.seconds / result.full_build.seconds,
                    "limit": 0.05,
                }
            )
    slowest = max(query["median_ms"] for query in reference.bi_queries.values())
    checked.append(
        {"target": f"slowest BI query median, ms ({label})", "value": slowest, "limit": 10.0}
    )
    for item in checked:
        item["met"] = item["value"] <= item["limit"]
    return checked


def table(results: list[ScaleResult]) -> str:
    steps = (
        "full_build",
        "raw_duckdb",
        "incremental_build",
        "incremental_gdelt_path",
        "bi_process",
    )
    titles = (
        "full dbt build",
        "raw DuckDB (same SQL)",
        "incremental dbt build (+1%)",
        "incremental, GDELT path only (+1%)",
        "5 BI queries x 53 runs",
    )
    lines = [
        "| step | " + " | ".join(f"{result.events:,} events" for result in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for step, title in zip(steps, titles, strict=True):
        cells = [
            f"{getattr(result, step).seconds:.1f} s, {getattr(result, step).peak_mb:,.0f} MB"
            for result in results
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    for query in results[0].bi_queries:
        cells = [
            f"{result.bi_queries[query]['median_ms']:.2f} / "
            f"{result.bi_queries[query]['p95_ms']:.2f} ms"
            for result in results
        ]
        lines.append(f"| BI: {query} (median / p95) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets_table(checked: list[dict[str, object]]) -> str:
    lines = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    for item in checked:
        lines.append(
            f"| {item['target']} | {item['value']:.3f} | {item['limit']} | "
            f"{'yes' if item['met'] else 'NO'} |"
        )
    return "\n".join(lines)


def section(results: list[ScaleResult], checked: list[dict[str, object]], when: str) -> str:
    facts = "\n".join(f"- {name}: {value}" for name, value in machine().items())
    slowest = "\n".join(
        f"- {result.events:,} events: "
        + ", ".join(f"{name.split('.')[-1]} {seconds} s" for name, seconds in result.slowest_nodes)
        for result in results
    )
    return (
        f"{START}\n## Latest run ({when})\n\nMachine and versions:\n\n{facts}\n\n"
        f"Time and peak memory (largest process) of each step:\n\n{table(results)}\n\n"
        f"Targets:\n\n{targets_table(checked)}\n\n"
        f"Slowest dbt nodes of each full build:\n\n{slowest}\n{END}"
    )


def write(results: list[ScaleResult], json_path: Path, markdown: Path, when: str) -> None:
    checked = targets(results)
    saved = json.loads(json_path.read_text()) if json_path.exists() else {}
    kept = {"user_commands": saved["user_commands"]} if "user_commands" in saved else {}
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps(
            {
                "run_at": when,
                "machine": machine(),
                "targets": checked,
                "scales": [result.as_json() for result in results],
                **kept,
            },
            indent=2,
        )
        + "\n"
    )
    text = markdown.read_text(encoding="utf-8") if markdown.exists() else f"{START}\n{END}\n"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    markdown.write_text(
        pattern.sub(lambda _: section(results, checked, when), text), encoding="utf-8"
    )
    print()
    print(table(results))
    print()
    print(targets_table(checked))
