"""Apply the staging models' dbt data tests to the raw seed rows, with line numbers.

The rows are loaded into an in-memory DuckDB database (a `_line` column added, empty values as
nulls, the seed's column_types applied) and each test becomes a query that returns the offending
lines. Semantics follow the test macros: nulls pass every test but not_null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.checks.problems import Problem, quoted
from pipeline.checks.seed_csv import SeedRows
from pipeline.checks.seed_specs import RuleSpec, SeedSpec, display_path, parent_seed


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def load_rows(connection: duckdb.DuckDBPyConnection, spec: SeedSpec, rows: SeedRows) -> None:
    columns = {"_line": pa.array([line for line, _ in rows.rows], pa.int64())}
    for index, name in enumerate(rows.header):
        values = [values[index] or None for _, values in rows.rows]
        columns[name] = pa.array(values, pa.string())
    raw = pa.table(columns)  # noqa: F841 - read by DuckDB's replacement scan below
    typed = ", ".join(
        f"cast({_ident(name)} as {spec.column_types.get(name, 'varchar')}) as {_ident(name)}"
        for name in rows.header
    )
    connection.execute(f"create table {_ident(spec.name)} as select _line, {typed} from raw")


Check = Callable[[SeedSpec, RuleSpec], tuple[str, Callable[[tuple], str]]]


def _not_null(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    column = _ident(rule.column)
    query = f"select _line from {_ident(spec.name)} where {column} is null"
    return query, lambda row: f"{rule.column} is empty; a value is required"


def _unique(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    column = _ident(rule.column)
    query = f"""
        select _line, {column}, first_line from (
            select _line, {column}, min(_line) over (partition by {column}) as first_line
            from {_ident(spec.name)} where {column} is not null
        ) where _line > first_line
    """
    return (
        query,
        lambda row: (
            f"{rule.column} {quoted(row[1])} is already used on line {row[2]}; it must be unique"
        ),
    )


def _unique_combination(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    names = list(rule.arguments["combination_of_columns"])
    columns = ", ".join(_ident(name) for name in names)
    query = f"""
        select _line, {columns}, first_line from (
            select _line, {columns}, min(_line) over (partition by {columns}) as first_line
            from {_ident(spec.name)}
        ) where _line > first_line
    """

    def message(row: tuple) -> str:
        pairs = ", ".join(
            f"{name} {quoted(value)}" for name, value in zip(names, row[1:-1], strict=True)
        )
        return f"the combination {pairs} is already used on line {row[-1]}; it must be unique"

    return query, message


def _accepted_values(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    column = _ident(rule.column)
    allowed = [str(value) for value in rule.arguments["values"]]
    listed = ", ".join(_literal(value) for value in allowed)
    query = (
        f"select _line, {column} from {_ident(spec.name)} "
        f"where {column} is not null and cast({column} as varchar) not in ({listed})"
    )
    return query, lambda row: f"{rule.column} {quoted(row[1])} is not one of: {', '.join(allowed)}"


def _relationships(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    parent, field = parent_seed(rule), rule.arguments["field"]
    column = _ident(rule.column)
    query = f"""
        select child._line, child.{column}
        from {_ident(spec.name)} as child
        left join {_ident(parent)} as parent on child.{column} = parent.{_ident(field)}
        where child.{column} is not null and parent.{_ident(field)} is null
    """
    where = f"seeds/{parent}.csv ({field})"
    return query, lambda row: f"{rule.column} {quoted(row[1])} does not exist in {where}"


def _value_in_range(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    column = _ident(rule.column)
    low, high = rule.arguments["min_value"], rule.arguments["max_value"]
    query = (
        f"select _line, {column} from {_ident(spec.name)} "
        f"where {column} < {low} or {column} > {high}"
    )
    return (
        query,
        lambda row: f"{rule.column} {row[1]} is outside the allowed range {low} to {high}",
    )


def _not_before(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    column, other = _ident(rule.column), _ident(rule.arguments["other_column_name"])
    query = f"select _line, {column}, {other} from {_ident(spec.name)} where {column} < {other}"
    other_name = rule.arguments["other_column_name"]
    return query, lambda row: f"{rule.column} {row[1]} is before {other_name} {row[2]}"


def _expression_is_true(spec: SeedSpec, rule: RuleSpec) -> tuple[str, Callable[[tuple], str]]:
    expression = rule.arguments["expression"]
    query = f"select _line from {_ident(spec.name)} where not ({expression})"
    return query, lambda row: f"breaks the rule: {rule.description or expression}"


CHECKS: dict[str, Check] = {
    "not_null": _not_null,
    "unique": _unique,
    "unique_combination_of_columns": _unique_combination,
    "accepted_values": _accepted_values,
    "relationships": _relationships,
    "value_in_range": _value_in_range,
    "not_before": _not_before,
    "expression_is_true": _expression_is_true,
}


def _applicable(spec: SeedSpec, rule: RuleSpec, loaded: set[str]) -> bool:
    if rule.name not in CHECKS or (rule.column and rule.column not in spec.columns):
        return False
    return rule.name != "relationships" or parent_seed(rule) in loaded


def rule_problems(
    project: Path, specs: dict[str, SeedSpec], seeds: dict[str, SeedRows]
) -> Iterator[Problem]:
    """Every row that breaks a data test of its staging model."""
    connection = duckdb.connect(":memory:")
    try:
        for name, rows in seeds.items():
            load_rows(connection, specs[name], rows)
        for name in seeds:
            spec = specs[name]
            display = display_path(project, spec)
            for rule in spec.rules:
                if not _applicable(spec, rule, set(seeds)):
                    continue
                query, message = CHECKS[rule.name](spec, rule)
                for row in connection.execute(query).fetchall():
                    yield Problem(display, int(row[0]), message(row))
    finally:
        connection.close()
