"""The history of the curated facts (dbt snapshots): a seed edited between two builds shows its
old and new versions, a full refresh keeps them, and docs/history.md's queries answer as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
from conftest import PROJECT_ROOT, ProjectCopy

from pipeline.wap.history import SNAPSHOT_SCHEMA

PAGE = PROJECT_ROOT / "docs" / "history.md"
FACT = "m_trump_china_visit_2026"
OLD_TITLE = "Trump visit to China"
NEW_TITLE = "Trump state visit to China"
VERSIONS = (
    "select version_number, fact_title, recorded_from_at, recorded_to_at, is_current_version "
    "from history.fct_fact_versions where fact_id = ? order by version_number"
)


def documented_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", PAGE.read_text(), re.DOTALL)


def query(warehouse: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def test_the_snapshot_schema_is_the_one_dbt_builds(built_warehouse: Path) -> None:
    manifest = json.loads((built_warehouse.parent / "target" / "manifest.json").read_text())
    snapshots = [node for node in manifest["nodes"].values() if node["resource_type"] == "snapshot"]
    assert len(snapshots) == 3
    assert {node["schema"] for node in snapshots} == {SNAPSHOT_SCHEMA}


def test_a_first_build_records_one_current_version_of_every_fact(built_warehouse: Path) -> None:
    counts = query(
        built_warehouse,
        "select fact_type, count(*), count(distinct fact_id), bool_and(is_current_version) "
        "from history.fct_fact_versions group by fact_type order by fact_type",
    )
    marts = {
        fact_type: query(built_warehouse, f"select count(*) from marts.fct_{fact_type}s")[0][0]
        for fact_type in ("dispute", "meeting", "tariff")
    }
    assert [(fact_type, rows) for fact_type, rows, _, _ in counts] == sorted(marts.items())
    assert all(rows == facts and current for _, rows, facts, current in counts)


def test_an_edited_fact_keeps_its_old_version_through_a_full_refresh(
    project_copy: ProjectCopy,
) -> None:
    first = project_copy.run_build()
    assert first.returncode == 0, first.output
    warehouse = project_copy.published
    (version,) = query(warehouse, VERSIONS, [FACT])
    assert version[1] == OLD_TITLE and version[4] is True

    project_copy.edit("seeds/meetings.csv", f"{FACT},{OLD_TITLE},", f"{FACT},{NEW_TITLE},")
    second = project_copy.run_build()
    assert second.returncode == 0, second.output
    old, new = query(warehouse, VERSIONS, [FACT])
    assert (old[1], old[4], new[1], new[4]) == (OLD_TITLE, False, NEW_TITLE, True)
    assert old[3] == new[2]  # closed by the build that opened the new version
    changed_by_latest, as_of = documented_queries()
    assert query(warehouse, changed_by_latest) == [
        ("meeting", FACT, 1, OLD_TITLE, "held", False),
        ("meeting", FACT, 2, NEW_TITLE, "held", True),
    ]
    # the recorded state between the two builds is the old title, after the second the new one
    between = old[2] + (new[2] - old[2]) / 2
    for moment, title in ((between, OLD_TITLE), (new[2], NEW_TITLE)):
        sql = as_of.replace("2026-12-01 00:00:00", moment.strftime("%Y-%m-%d %H:%M:%S.%f"))
        assert [row[2] for row in query(warehouse, sql)] == [title]

    history = query(warehouse, "select * from history.fct_fact_versions order by 1")
    rebuilt = project_copy.run_build(full_refresh=True)
    assert rebuilt.returncode == 0, rebuilt.output
    assert "snapshot table(s) carried over" in rebuilt.output
    assert query(warehouse, "select * from history.fct_fact_versions order by 1") == history
