"""`python -m pipeline.readers.report [--warehouse warehouse.duckdb] [--out reports/charts]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from pipeline.readers.report.build import build_report
from pipeline.readers.warehouse_file import WarehouseUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.readers.report",
        description="Write friction charts (PNG) and an index.html from the published warehouse.",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")),
        help="published DuckDB file, opened read-only (default: $FRICTION_WAREHOUSE or "
        "warehouse.duckdb)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("reports/charts"),
        help="folder for the PNGs and index.html (default: reports/charts)",
    )
    args = parser.parse_args(argv)
    try:
        report = build_report(args.warehouse, args.out)
    except (WarehouseUnavailable, ValueError, duckdb.Error) as error:
        print(f"report failed: {error}", file=sys.stderr)
        return 1
    for image in report.images:
        print(f"wrote {image}")
    print(f"Report: {report.index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
