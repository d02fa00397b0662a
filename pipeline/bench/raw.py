"""The floor dbt cannot beat: the SQL dbt compiled, executed directly by DuckDB.

`python -m pipeline.bench.raw --project P --built B --out O` reads P/target/run_results.json of
a finished `dbt build`, then, in one DuckDB connection on a new file O (same name as B, so the
compiled relation names resolve): loads every seed with read_csv (column types taken from B),
and runs each model's compiled SQL as `create table|view ... as` and each test's as
`select count(*) from (...)`, in the order dbt finished them. No dbt, no Python per node.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import duckdb


def _seed_statement(built: duckdb.DuckDBPyConnection, node: dict, project: Path) -> str:
    schema, name = node["schema"], node["alias"]
    types = built.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    columns = ", ".join(f"'{column}': '{kind}'" for column, kind in types)
    path = project / node["original_file_path"]
    return (
        f"create or replace table {node['relation_name']} as select * from read_csv("
        f"'{path}', header = true, auto_detect = false, columns = {{{columns}}})"
    )


def statements(project: Path, built: Path) -> list[tuple[str, str]]:
    """(unique_id, SQL) for every node dbt ran, in the order it finished them."""
    target = project / "target"
    results = json.loads((target / "run_results.json").read_text())["results"]
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    planned = []
    with duckdb.connect(str(built), read_only=True) as connection:
        for result in results:
            node = nodes.get(result["unique_id"])
            code = (result.get("compiled_code") or "").strip()
            if node is None:  # unit tests: fixtures only dbt can build
                continue
            if node["resource_type"] == "seed":
                planned.append((node["unique_id"], _seed_statement(connection, node, project)))
            elif node["resource_type"] == "model":
                kind = "view" if node["config"]["materialized"] == "view" else "table"
                planned.append((node["unique_id"], f"create schema if not exists {node['schema']}"))
                planned.append(
                    (
                        node["unique_id"],
                        f"create or replace {kind} {node['relation_name']} as {code}",
                    )
                )
            elif node["resource_type"] == "test" and code:
                planned.append((node["unique_id"], f"select count(*) from ({code}) as failures"))
    return planned


def run(planned: list[tuple[str, str]], out: Path, memory_limit: str) -> float:
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = duckdb.connect(str(out), config={"memory_limit": memory_limit})
    connection.execute("create schema if not exists raw")
    for unique_id, sql in planned:
        try:
            connection.execute(sql).fetchall()
        except duckdb.Error as error:
            raise SystemExit(f"{unique_id}: {error}") from error
    connection.close()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--built", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--memory-limit", default="4GB")
    args = parser.parse_args(argv)
    planned = statements(args.project, args.built)
    seconds = run(planned, args.out, args.memory_limit)
    print(json.dumps({"statements": len(planned), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
