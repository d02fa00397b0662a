"""Read one seed CSV strictly: encoding, quoting, header, column count and value types.

Every problem names the file, the line where the record starts and the rule broken. A record
that spans lines (a quoted value with a newline) is reported at its first line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from pipeline.checks.problems import Problem, quoted
from pipeline.checks.seed_specs import SeedSpec

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER_PATTERN = re.compile(r"-?\d+")
NUMBER_PATTERN = re.compile(r"-?\d+(\.\d+)?")
BOOLEANS = {"true", "false"}
UTF8_BOM = b"\xef\xbb\xbf"
# The longest value dbt seed reads: agate's CSV reader keeps Python's default field size limit.
SEED_VALUE_LIMIT = 131_072


@dataclass
class SeedRows:
    """The rows of a seed that passed every structural and type check."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, values)


def _type_problem(column: str, column_type: str, value: str) -> str | None:
    """Why `value` cannot load as `column_type`, or None when it can (empty means null)."""
    if value == "":
        return None
    if column_type == "date":
        if DATE_PATTERN.fullmatch(value):
            try:
                date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return f"{column} {quoted(value)} is not a valid date (expected YYYY-MM-DD)"
    if column_type in {"integer", "int", "bigint", "smallint"}:
        ok = INTEGER_PATTERN.fullmatch(value)
        return None if ok else f"{column} {quoted(value)} is not a whole number"
    if column_type.startswith(("decimal", "numeric", "double", "float")):
        return (
            None if NUMBER_PATTERN.fullmatch(value) else f"{column} {quoted(value)} is not a number"
        )
    if column_type == "boolean":
        ok = value.lower() in BOOLEANS
        return None if ok else f"{column} {quoted(value)} is not true or false"
    return None


def _line_ending_problems(display: str, raw: bytes) -> list[Problem]:
    """Windows (CRLF) or Unix (LF) line endings load; a mix of both does not."""
    lines = raw.split(b"\n")[:-1] if raw.endswith(b"\n") else raw.split(b"\n")
    crlf = [line.endswith(b"\r") for line in lines]
    if all(crlf) or not any(crlf):
        return []
    first = next(number for number, ends in enumerate(crlf, start=1) if ends != crlf[0])
    message = (
        "line endings are mixed (some lines end in CRLF, others in LF); "
        "save the file with one kind of line ending"
    )
    return [Problem(display, first, message)]


def _decode(spec: SeedSpec, display: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if not raw.strip():
        expected = ",".join(spec.columns)
        return None, [
            Problem(display, 1, f"file is empty; the first line must be the header {expected}")
        ]
    if raw.startswith(UTF8_BOM):
        return None, [
            Problem(display, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")
        ]
    problems = _line_ending_problems(display, raw)
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = line[error.start]
            message = (
                f"byte 0x{byte:02x} at column {error.start + 1} is not valid UTF-8; "
                "save the file as UTF-8"
            )
            problems.append(Problem(display, number, message))
    return (None, problems) if problems else (raw.decode("utf-8"), [])


def _records(display: str, text: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    # Any value is read whole (_row_problems names one longer than dbt seed reads, by column);
    # the limit is global to the csv module, so it is set back afterwards.
    limit = csv.field_size_limit(len(text) + 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records: list[tuple[int, list[str]]] = []
        start = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return records, []
            except csv.Error as error:
                if "eof" in str(error).lower() or "end of data" in str(error).lower():
                    message = "a quoted value opened here is never closed (unbalanced quotes)"
                else:
                    message = (
                        f"malformed quoting ({error}); wrap a value that contains quotes in "
                        'double quotes and double the quotes inside it ("")'
                    )
                return records, [Problem(display, start, message)]
            records.append((start, values))
            start = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)


def _header_problems(spec: SeedSpec, display: str, header: list[str]) -> list[Problem]:
    missing = [column for column in spec.columns if column not in header]
    unexpected = [column for column in header if column not in spec.columns]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    problems = [Problem(display, 1, f"header is missing column {quoted(name)}") for name in missing]
    problems += [
        Problem(display, 1, f"header has unexpected column {quoted(name)} (misspelled or renamed?)")
        for name in unexpected
    ]
    problems += [
        Problem(display, 1, f"header repeats column {quoted(name)}") for name in duplicated
    ]
    if problems:
        expected = ",".join(spec.columns)
        problems.append(Problem(display, 1, f"the header must name these columns: {expected}"))
    return problems


def _row_problems(
    spec: SeedSpec, display: str, line: int, header: list[str], values: list[str]
) -> list[Problem]:
    if not values:
        return [Problem(display, line, "blank line; remove it")]
    if len(values) != len(header):
        message = (
            f"has {len(values)} values but the header has {len(header)} columns "
            "(a value that contains a comma must be wrapped in double quotes)"
        )
        return [Problem(display, line, message)]
    problems = []
    for column, value in zip(header, values, strict=True):
        if len(value) > SEED_VALUE_LIMIT:
            message = (
                f"value of {quoted(column)} is {len(value):,} characters long; dbt seed reads "
                f"at most {SEED_VALUE_LIMIT:,} (keep long text in the source it cites)"
            )
            problems.append(Problem(display, line, message))
            continue
        reason = _type_problem(column, spec.column_types.get(column, "varchar"), value)
        if reason:
            problems.append(Problem(display, line, reason))
    return problems


def read_seed(spec: SeedSpec, display: str) -> tuple[SeedRows | None, list[Problem]]:
    """Parse and type-check one seed; rows are returned only when the whole file is clean."""
    if not spec.csv_path.exists():
        return None, [Problem(display, 1, "file is missing")]
    text, problems = _decode(spec, display, spec.csv_path.read_bytes())
    if text is None:
        return None, problems
    records, problems = _records(display, text)
    if problems:
        return None, problems
    (_, header), *body = records
    problems = _header_problems(spec, display, header)
    if problems:
        return None, problems
    if not body:
        return None, [Problem(display, 2, "file has a header but no rows")]
    for line, values in body:
        problems += _row_problems(spec, display, line, header, values)
    return (None, problems) if problems else (SeedRows(header, body), [])
