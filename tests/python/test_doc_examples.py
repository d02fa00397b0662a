"""The documented queries: each SQL block followed by a table, in the README's first query, the
five example questions (docs/examples.md), the "add a fact" walkthrough
(docs/curating-facts.md) and the scenarios page (docs/scenarios.md), run on a fresh build,
gives that table row for row and in order (so a drifted number or an unstable order fails
here)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT

# (page, section heading, how many queries with an answer table it holds)
SECTIONS = [
    ("README.md", "## A first query", 1),
    ("docs/examples.md", "## Five example questions", 5),
    ("docs/curating-facts.md", "## Add a fact: a worked example", 2),
    ("docs/scenarios.md", "## Scenarios against the baseline", 3),
]
EXAMPLE = re.compile(r"```sql\n(?P<sql>.*?)```\n+(?P<table>(?:[ \t]*\|[^\n]*\|\n)+)", re.DOTALL)


def section_text(page: str, heading: str) -> str:
    """The section under `heading` up to the next heading of its level or above (code skipped)."""
    lines = (PROJECT_ROOT / page).read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    level = heading.index(" ")
    in_code = False
    for end in range(start + 1, len(lines)):
        line = lines[end]
        in_code = in_code != line.lstrip().startswith("```")
        hashes = len(line) - len(line.lstrip("#"))
        if not in_code and 0 < hashes <= level and line[hashes : hashes + 1] == " ":
            return "".join(lines[start:end])
    return "".join(lines[start:])


def documented_queries(page: str, heading: str) -> list[tuple[str, list[list[str]]]]:
    examples = []
    for match in EXAMPLE.finditer(section_text(page, heading)):
        sql = "\n".join(line.strip() for line in match["sql"].splitlines())
        lines = [line.strip() for line in match["table"].strip().splitlines()]
        rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
        examples.append((sql, rows))
    return examples


DOCUMENTED = [
    pytest.param(page, heading, number, id=f"{page}-{number}")
    for page, heading, count in SECTIONS
    for number in range(count)
]


def matches(cell: str, value: object) -> bool:
    """A documented cell shows a value: dates as YYYY-MM-DD (or YYYY-MM for a month), numbers as
    written (100 for 100.0), text as is, an empty cell for null."""
    if value is None:
        return cell == ""
    if isinstance(value, dt.date):
        return cell in {value.isoformat(), value.strftime("%Y-%m")}
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return abs(float(cell) - float(value)) < 1e-9
        except ValueError:
            return False
    return cell == str(value)


def differences(expected: list[list[str]], rows: list[tuple]) -> list[str]:
    found = []
    if len(expected) != len(rows):
        found.append(f"{len(expected)} rows documented, {len(rows)} from the query")
    for number, (cells, row) in enumerate(zip(expected, rows, strict=False), start=1):
        if len(cells) != len(row) or not all(map(matches, cells, row)):
            found.append(f"row {number}: documented {cells}, query {list(row)}")
    return found


@pytest.mark.parametrize(("page", "heading", "count"), SECTIONS)
def test_each_section_holds_its_queries(page: str, heading: str, count: int) -> None:
    assert len(documented_queries(page, heading)) == count


@pytest.mark.parametrize(("page", "heading", "number"), DOCUMENTED)
def test_documented_answers_come_from_the_build(
    built_warehouse: Path, page: str, heading: str, number: int
) -> None:
    sql, expected = documented_queries(page, heading)[number]
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        rows = connection.execute(sql).fetchall()
    assert differences(expected, rows) == []


def test_a_drifted_number_or_order_is_caught() -> None:
    rows = [(dt.date(2018, 12, 1), 1.89, "CAN"), (dt.date(2019, 6, 1), 3.2, None)]
    assert differences([["2018-12", "1.89", "CAN"], ["2019-06-01", "3.20", ""]], rows) == []
    assert differences([["2018-12", "1.9", "CAN"], ["2019-06", "3.2", ""]], rows) == [
        "row 1: documented ['2018-12', '1.9', 'CAN'], "
        "query [datetime.date(2018, 12, 1), 1.89, 'CAN']"
    ]
    assert differences([["2019-06", "3.2", ""], ["2018-12", "1.89", "CAN"]], rows) != []
    assert differences([["2018-12", "1.89", "CAN"]], rows) == [
        "1 rows documented, 2 from the query"
    ]


def test_semantic_layer_page_lists_every_metric_of_the_semantic_layer() -> None:
    import yaml

    semantic_file = PROJECT_ROOT / "models" / "semantic" / "_semantic__models.yml"
    semantic = yaml.safe_load(semantic_file.read_text())
    defined = {  # every metric is a measure with create_metric (see the YAML's header)
        measure["name"]
        for model in semantic["semantic_models"]
        for measure in model.get("measures", [])
        if measure.get("create_metric")
    }
    page = (PROJECT_ROOT / "docs" / "semantic-layer.md").read_text()
    table = page[page.index("\n## Metrics\n") :].split("\n\n")[1]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))
    assert len(defined) > 10
    assert listed == defined
