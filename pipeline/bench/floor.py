"""The floor for reading GDELT exports: DuckDB's native CSV reader into a table, nothing else.

`python -m pipeline.bench.floor <folder> <database>`: 61 text columns, no quoting, the file
name, store_rejects (as a real load must record bad lines), into one table.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

FIELDS = 61


def main(argv: list[str]) -> int:
    folder, database = Path(argv[0]), Path(argv[1])
    database.unlink(missing_ok=True)
    connection = duckdb.connect(str(database))
    try:
        limit = os.environ.get("FRICTION_DUCKDB_MEMORY_LIMIT", "4GB")
        connection.execute(f"set memory_limit = '{limit}'")
        columns = ", ".join(f"'c{index}': 'varchar'" for index in range(FIELDS))
        glob = str(folder / "*.export.CSV").replace("'", "''")
        connection.execute(
            f"""
            create table export_rows as
            select * from read_csv('{glob}', delim = '\t', header = false, quote = '',
                escape = '', auto_detect = false, filename = true, store_rejects = true,
                columns = {{ {columns} }})
            """
        )
        rows = connection.execute("select count(*) from export_rows").fetchone()[0]
    finally:
        connection.close()
    print(f'{{"rows": {rows}}}')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
