"""The user-command benchmark's report (pipeline/bench/user_report.py): targets computed from the
measured steps, scales measured before kept, and a run recorded before a step existed read
without it."""

import json
from pathlib import Path

from pipeline.bench import user_report
from pipeline.bench.measure import Measured
from pipeline.bench.user_commands import UserCommands


def measured(seconds: float) -> Measured:
    return Measured(seconds, 100.0, 0)


def scale(events: int, full: float, incremental: float, least: float | None) -> UserCommands:
    return UserCommands(
        events,
        raw_files_mb=1000.0,
        floor_read_csv=measured(50.0),
        full_make_build=measured(full),
        no_change_make_build=measured(0.5),
        incremental_make_build=measured(incremental),
        published_mb=200.0,
        dbt_least=measured(least) if least is not None else None,
        dbt_parse=measured(9.0) if least is not None else None,
    )


def test_targets_and_an_earlier_scale_without_the_dbt_step(tmp_path: Path) -> None:
    results, markdown = tmp_path / "results.json", tmp_path / "BENCHMARKS.md"
    markdown.write_text("# Benchmarks\n", encoding="utf-8")
    earlier = scale(50_000_000, 250.0, 25.0, None).as_json()
    del earlier["dbt_least"], earlier["dbt_parse"]  # as a run before the steps existed
    results.write_text(json.dumps({"user_commands": {"scales": [earlier]}}))

    user_report.write([scale(10_000_000, 100.0, 20.0, 8.0)], results, markdown, "now")

    saved = json.loads(results.read_text())["user_commands"]
    checked = {item["target"]: item for item in saved["targets"]}
    full = checked["full make build / read_csv floor (10,000,000 events)"]
    assert (full["value"], full["met"]) == (2.0, False)
    share = checked["incremental make build (+1%) / full make build (50,000,000 events)"]
    assert (share["value"], share["met"]) == (0.1, False)
    assert [item["events"] for item in saved["scales"]] == [10_000_000, 50_000_000]
    text = markdown.read_text(encoding="utf-8")
    assert "8.0 s (8.0% of a full build) | not measured |" in text
    assert "| 9.0 s | not measured |" in text
