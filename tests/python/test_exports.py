"""Parquet exports: a build writes the marts it rebuilt and links the others from the last set."""

from pathlib import Path

import duckdb

from pipeline.wap.exports import export_marts


def test_unchanged_marts_are_linked_and_rebuilt_ones_written(
    warehouse_copy: Path, tmp_path: Path
) -> None:
    previous = tmp_path / "previous"
    counts, reused = export_marts(warehouse_copy, previous)
    assert reused == [] and counts["fct_tariffs"] > 0

    with duckdb.connect(str(warehouse_copy)) as connection:
        # a mart this build "rebuilt" (its rows may change), and one whose row count no longer
        # matches the previous set although the build says it did not rebuild it
        connection.execute("delete from marts.fct_tariffs where rate_pct > 20")
        connection.execute(
            "delete from marts.dim_sources where source_id in "
            "(select min(source_id) from marts.dim_sources)"
        )
        tariffs = connection.execute("select count(*) from marts.fct_tariffs").fetchone()[0]
    current = tmp_path / "current"
    counts, reused = export_marts(warehouse_copy, current, {"fct_tariffs"}, previous)

    assert "fct_tariffs" not in reused and "dim_sources" not in reused
    assert "dim_countries" in reused
    linked = (current / "dim_countries.parquet").stat().st_ino
    assert linked == (previous / "dim_countries.parquet").stat().st_ino
    assert counts["fct_tariffs"] == tariffs
    with duckdb.connect() as connection:
        for table, rows in counts.items():
            path = str(current / f"{table}.parquet")
            assert connection.execute(f"select count(*) from '{path}'").fetchone()[0] == rows
