"""The README's example questions: each SQL block, run on a fresh build, gives the table printed
under it, row for row and in order (so a drifted number or an unstable order fails here)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_ROOT

SECTION = "### Five example questions"
EXAMPLE = re.compile(r"```sql\n(?P<sql>.*?)```\n(?P<table>(?:[ \t]*\|[^\n]*\|\n)+)", re.DOTALL)


def readme_examples() -> list[tuple[str, list[list[str]]]]:
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme[readme.index(SECTION) :]
    section = section[: section.index("\n## ")]
    examples = []
    for match in EXAMPLE.finditer(section):
        sql = "\n".join(line.strip() for line in match["sql"].splitlines())
        lines = [line.strip() for line in match["table"].strip().splitlines()]
        rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
        examples.append((sql, rows))
    return examples


def matches(cell: str, value: object) -> bool:
    """A README cell shows a value: dates as YYYY-MM-DD (or YYYY-MM for a month), numbers as
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
        found.append(f"{len(expected)} rows in the README, {len(rows)} from the query")
    for number, (cells, row) in enumerate(zip(expected, rows, strict=False), start=1):
        if len(cells) != len(row) or not all(map(matches, cells, row)):
            found.append(f"row {number}: README {cells}, query {list(row)}")
    return found


def test_the_readme_has_five_examples() -> None:
    assert len(readme_examples()) == 5


@pytest.mark.parametrize("number", range(1, 6))
def test_readme_example_answers_come_from_the_build(built_warehouse: Path, number: int) -> None:
    sql, expected = readme_examples()[number - 1]
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        rows = connection.execute(sql).fetchall()
    assert differences(expected, rows) == []


def test_a_drifted_number_or_order_is_caught() -> None:
    rows = [(dt.date(2018, 12, 1), 1.89, "CAN"), (dt.date(2019, 6, 1), 3.2, None)]
    assert differences([["2018-12", "1.89", "CAN"], ["2019-06-01", "3.20", ""]], rows) == []
    assert differences([["2018-12", "1.9", "CAN"], ["2019-06", "3.2", ""]], rows) == [
        "row 1: README ['2018-12', '1.9', 'CAN'], query [datetime.date(2018, 12, 1), 1.89, 'CAN']"
    ]
    assert differences([["2019-06", "3.2", ""], ["2018-12", "1.89", "CAN"]], rows) != []
    assert differences([["2018-12", "1.89", "CAN"]], rows) == [
        "1 rows in the README, 2 from the query"
    ]


def test_readme_lists_every_metric_of_the_semantic_layer() -> None:
    import yaml

    semantic_file = PROJECT_ROOT / "models" / "semantic" / "_semantic__models.yml"
    semantic = yaml.safe_load(semantic_file.read_text())
    defined = {  # every metric is a measure with create_metric (see the YAML's header)
        measure["name"]
        for model in semantic["semantic_models"]
        for measure in model.get("measures", [])
        if measure.get("create_metric")
    }
    readme = (PROJECT_ROOT / "README.md").read_text()
    table = readme[readme.index("#### Metrics") :].split("\n\n")[1]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))
    assert len(defined) > 10
    assert listed == defined
