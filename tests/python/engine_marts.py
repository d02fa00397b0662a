"""Read tables (the marts by default) built on DuckDB, Postgres or Spark; compare them.

Rows are compared as sets: the same rows (every column) on both engines, with floating-point
values equal within a tolerance. Values are normalised first (decimals and floats to float,
dates to ISO text), because each engine's driver returns its own Python types.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

Row = dict[str, object]
Marts = dict[str, list[Row]]

REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-9


def normalise(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal | float):
        return float(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(columns: Iterable[str], records: Iterable[Iterable[object]]) -> list[Row]:
    names = [column.lower() for column in columns]
    return [dict(zip(names, map(normalise, record), strict=True)) for record in records]


def read_duckdb(path: Path, tables: Iterable[str], schema: str = "marts") -> Marts:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as connection:
        marts = {}
        for table in tables:
            cursor = connection.execute(f"select * from {schema}.{table}")
            columns = [column[0] for column in cursor.description]
            marts[table] = _rows(columns, cursor.fetchall())
        return marts


def query_postgres(settings: Mapping[str, str], queries: Mapping[str, str]) -> Marts:
    """The rows of each query, by name."""
    import psycopg2

    connection = psycopg2.connect(
        host=settings["FRICTION_PG_HOST"],
        port=int(settings["FRICTION_PG_PORT"]),
        user=settings["FRICTION_PG_USER"],
        password=settings.get("FRICTION_PG_PASSWORD", ""),
        dbname=settings["FRICTION_PG_DATABASE"],
    )
    try:
        results = {}
        with connection.cursor() as cursor:
            for name, sql in queries.items():
                cursor.execute(sql)
                columns = [column.name for column in cursor.description]
                results[name] = _rows(columns, cursor.fetchall())
        return results
    finally:
        connection.close()


def query_spark(spark_dir: Path, queries: Mapping[str, str]) -> Marts:
    """The rows of each query, by name, on the `spark` target's warehouse."""
    session = spark_session(spark_dir)
    try:
        results = {}
        for name, sql in queries.items():
            frame = session.sql(sql)
            results[name] = _rows(frame.columns, (tuple(row) for row in frame.collect()))
        return results
    finally:
        session.stop()


def read_postgres(
    settings: Mapping[str, str], tables: Iterable[str], schema: str = "marts"
) -> Marts:
    """Every row of each table."""
    return query_postgres(settings, {table: f"select * from {schema}.{table}" for table in tables})


def read_spark(spark_dir: Path, tables: Iterable[str], schema: str = "marts") -> Marts:
    """Every row of each table."""
    return query_spark(spark_dir, {table: f"select * from {schema}.{table}" for table in tables})


def spark_session(spark_dir: Path):  # noqa: ANN201 (pyspark is imported lazily)
    """A local Spark session on the warehouse and metastore the `spark` dbt target writes."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir}")
        .config("spark.ui.enabled", "false")
        .enableHiveSupport()
        .getOrCreate()
    )


def _close(left: object, right: object) -> bool:
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE)
    return left == right


def _sort_key(row: Row) -> tuple:
    """Order rows by their exact columns (floats rounded, so tiny differences sort alike)."""
    return tuple(
        (value is None, round(value, 6) if isinstance(value, float) else str(value))
        for value in row.values()
    )


def compare_table(name: str, expected: list[Row], actual: list[Row]) -> list[str]:
    """What differs between two versions of one table (empty when they are equal)."""
    if not expected and not actual:
        return []
    expected_columns = list(expected[0]) if expected else list(actual[0])
    actual_columns = list(actual[0]) if actual else expected_columns
    if sorted(expected_columns) != sorted(actual_columns):
        return [f"{name}: columns differ: {expected_columns} vs {actual_columns}"]
    if len(expected) != len(actual):
        return [f"{name}: {len(expected)} rows vs {len(actual)} rows"]
    problems = []
    ordered = [
        sorted(
            ({column: row[column] for column in expected_columns} for row in rows), key=_sort_key
        )
        for rows in (expected, actual)
    ]
    for left, right in zip(*ordered, strict=True):
        differing = [
            column for column in expected_columns if not _close(left[column], right[column])
        ]
        if differing:
            problems.append(
                f"{name}: row {left} differs in {differing}: "
                + ", ".join(f"{column}={right[column]!r}" for column in differing)
            )
            if len(problems) >= 5:
                break
    return problems


def compare(expected: Marts, actual: Marts) -> list[str]:
    """Every difference between two engines' marts, table by table."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual or name not in expected:
            problems.append(f"{name}: present on one engine only")
            continue
        problems += compare_table(name, expected[name], actual[name])
    return problems
