"""The `mf query` examples analysts run against the semantic layer, kept in one place.

Each example holds the MetricFlow query and an independent plain-SQL query over the marts that
must return the same table. tests/python/test_semantic_layer.py runs every example against a
built warehouse and compares the two; the "Examples" section of docs/semantic-layer.md is
printed from this list, with the output of each query, by running this file:

    cp warehouse.duckdb /tmp/friction-mf.duckdb
    FRICTION_DUCKDB_PATH=/tmp/friction-mf.duckdb DBT_PROFILES_DIR=. \\
        .venv/bin/python tests/python/mf_examples.py > semantic_readme.md

(MetricFlow connects through dbt-duckdb, which opens the file read-write: point it at a copy.)
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

MF = str(Path(sys.executable).with_name("mf"))
PLAIN_ARGUMENT = re.compile(r"[\w,.:=-]+")


class MfError(RuntimeError):
    """`mf` exited non-zero; the message holds the command and its output."""


@dataclass(frozen=True)
class MfExample:
    name: str
    question: str
    metrics: tuple[str, ...]
    group_by: tuple[str, ...]
    order: tuple[str, ...]
    # Independent DuckDB query over the marts returning the columns of the mf output, in order.
    check_sql: str
    where: str | None = None
    start_time: str | None = None
    end_time: str | None = None

    def arguments(self) -> list[str]:
        """The `mf` arguments, without the output options."""
        arguments = ["query", "--metrics", ",".join(self.metrics)]
        arguments += ["--group-by", ",".join(self.group_by)]
        if self.where is not None:
            arguments += ["--where", self.where]
        if self.start_time is not None:
            arguments += ["--start-time", self.start_time]
        if self.end_time is not None:
            arguments += ["--end-time", self.end_time]
        return arguments + ["--order", ",".join(self.order)]

    def command(self) -> str:
        """The command as an analyst types it in a shell."""
        return " ".join(["mf", *(_quote(argument) for argument in self.arguments())])


def _quote(argument: str) -> str:
    if PLAIN_ARGUMENT.fullmatch(argument):
        return argument
    assert not set(argument) & set('"$`\\'), f"cannot quote {argument!r} for the docs page"
    return f'"{argument}"'


EXAMPLES = [
    MfExample(
        name="pair_friction_by_month",
        question="How did Canada-China friction and its components move in 2026, by month?",
        metrics=(
            "friction_score",
            "tariff_component",
            "dispute_component",
            "cooperation_component",
        ),
        group_by=("metric_time__month", "country_pair"),
        where="{{ Entity('country_pair') }} = 'CAN-CHN'",
        start_time="2026-01-01",
        end_time="2026-12-31",
        order=("metric_time__month",),
        check_sql="""
            select
                month_start_date as metric_time__month,
                country_a_code || '-' || country_b_code as country_pair,
                sum(friction_score) as friction_score,
                sum(tariff_component) as tariff_component,
                sum(dispute_component) as dispute_component,
                sum(cooperation_component) as cooperation_component
            from marts.fct_country_pair_friction_monthly
            where country_a_code = 'CAN' and country_b_code = 'CHN'
                and month_start_date between date '2026-01-01' and date '2026-12-31'
            group by month_start_date, country_a_code, country_b_code
            order by month_start_date
        """,
    ),
    MfExample(
        name="tariffs_by_imposing_country",
        question="How many tariff measures has each country imposed, and at what rates?",
        metrics=("tariff_count", "average_tariff_rate_pct", "max_tariff_rate_pct"),
        group_by=("imposing_country__country_name",),
        order=("-tariff_count", "imposing_country__country_name"),
        check_sql="""
            select
                countries.country_name as imposing_country__country_name,
                count(tariffs.tariff_id) as tariff_count,
                avg(tariffs.rate_pct) as average_tariff_rate_pct,
                max(tariffs.rate_pct) as max_tariff_rate_pct
            from marts.fct_tariffs as tariffs
            left join marts.dim_countries as countries
                on tariffs.imposing_country_code = countries.country_code
            group by countries.country_name
            order by tariff_count desc, imposing_country__country_name
        """,
    ),
    MfExample(
        name="country_friction_ranking",
        question="Which countries had the most friction in January 2026, and in which region?",
        metrics=("country_friction_score",),
        group_by=("country", "country__region"),
        where="{{ TimeDimension('metric_time', 'month') }} = '2026-01-01'",
        order=("-country_friction_score", "country"),
        check_sql="""
            select
                scores.country_code as country,
                countries.region as country__region,
                sum(scores.friction_score) as country_friction_score
            from marts.fct_country_friction_monthly as scores
            left join marts.dim_countries as countries
                on scores.country_code = countries.country_code
            where scores.month_start_date = date '2026-01-01'
            group by scores.country_code, countries.region
            order by country_friction_score desc, country
        """,
    ),
    MfExample(
        name="pair_friction_by_year",
        question="Which pairs were most at odds in 2025 (average and worst month)? Did they meet?",
        metrics=("average_friction_score", "max_friction_score", "meeting_count"),
        group_by=("metric_time__year", "country_pair"),
        start_time="2025-01-01",
        end_time="2025-12-31",
        order=("-average_friction_score", "country_pair"),
        check_sql="""
            select
                date_trunc('year', month_start_date) as metric_time__year,
                country_a_code || '-' || country_b_code as country_pair,
                avg(friction_score) as average_friction_score,
                max(friction_score) as max_friction_score,
                sum(meeting_count) as meeting_count
            from marts.fct_country_pair_friction_monthly
            where month_start_date between date '2025-01-01' and date '2025-12-31'
            group by date_trunc('year', month_start_date), country_a_code, country_b_code
            order by average_friction_score desc, country_pair
        """,
    ),
    MfExample(
        name="tariffs_and_disputes_by_target",
        question="Which countries were targeted by the most tariff measures and disputes?",
        metrics=("tariff_count", "dispute_count", "max_dispute_severity"),
        group_by=("target_country__country_name",),
        order=("-tariff_count", "-dispute_count", "target_country__country_name"),
        check_sql="""
            with

            tariffs as (
                select target_country_code, count(*) as tariff_count
                from marts.fct_tariffs
                group by target_country_code
            ),

            disputes as (
                select
                    target_country_code,
                    count(*) as dispute_count,
                    max(severity) as max_dispute_severity
                from marts.fct_disputes
                group by target_country_code
            )

            select
                countries.country_name as target_country__country_name,
                tariffs.tariff_count,
                disputes.dispute_count,
                disputes.max_dispute_severity
            from tariffs
            full outer join disputes
                on tariffs.target_country_code = disputes.target_country_code
            left join marts.dim_countries as countries
                on coalesce(tariffs.target_country_code, disputes.target_country_code)
                = countries.country_code
            order by
                tariff_count desc nulls last,
                dispute_count desc nulls last,
                target_country__country_name
        """,
    ),
    MfExample(
        name="us_tariff_on_china_by_year",
        question="How high was the trade-weighted additional US tariff on Chinese goods, by year?",
        metrics=("trade_weighted_tariff_pct", "tariff_coverage_share"),
        group_by=("metric_time__year",),
        where=(
            "{{ Entity('imposing_country') }} = 'USA' and {{ Entity('target_country') }} = 'CHN'"
        ),
        order=("metric_time__year",),
        check_sql="""
            select
                date_trunc('year', month_start_date) as metric_time__year,
                avg(trade_weighted_tariff_pct) as trade_weighted_tariff_pct,
                avg(coverage_share) as tariff_coverage_share
            from marts.fct_tariff_trade_weighted_monthly
            where imposing_country_code = 'USA' and target_country_code = 'CHN'
            group by 1
            order by 1
        """,
    ),
    MfExample(
        name="scenario_against_baseline",
        question="How would Canada-China friction differ if each what-if scenario had happened?",
        metrics=(
            "baseline_friction_score",
            "scenario_friction_score",
            "scenario_friction_difference",
        ),
        group_by=("metric_time__month", "scenario"),
        where="{{ Entity('country_pair') }} = 'CAN-CHN'",
        start_time="2026-03-01",
        end_time="2026-04-30",
        order=("scenario", "metric_time__month"),
        check_sql="""
            select
                month_start_date as metric_time__month,
                scenario_id as scenario,
                sum(baseline_friction_score) as baseline_friction_score,
                sum(scenario_friction_score) as scenario_friction_score,
                sum(friction_difference) as scenario_friction_difference
            from marts.fct_scenario_pair_friction_monthly
            where country_a_code = 'CAN' and country_b_code = 'CHN'
                and month_start_date between date '2026-03-01' and date '2026-04-30'
            group by month_start_date, scenario_id
            order by scenario, metric_time__month
        """,
    ),
]


def run_mf(arguments: list[str], project: Path, warehouse: Path) -> str:
    """Run `mf` in a dbt project against a warehouse file; return its output or raise MfError."""
    env = {
        **os.environ,
        "FRICTION_DUCKDB_PATH": str(warehouse),
        "DBT_PROFILES_DIR": str(project),
        "DBT_PROJECT_DIR": str(project),
    }
    result = subprocess.run(
        [MF, *arguments], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise MfError(f"mf {' '.join(arguments)} exited {result.returncode}:\n{output}")
    return output


def query(example: MfExample, project: Path, warehouse: Path) -> tuple[list[str], list[list[str]]]:
    """Run an example with `--csv`; return its header and rows as text."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"{example.name}.csv"
        run_mf([*example.arguments(), "--csv", str(out)], project, warehouse)
        with out.open(newline="", encoding="utf-8") as handle:
            header, *rows = list(csv.reader(handle))
    return header, rows


def _cell(value: str) -> str:
    if value.endswith(" 00:00:00"):
        return value.removesuffix(" 00:00:00")
    try:
        return f"{float(value):.4f}".rstrip("0").rstrip(".") if "." in value else value
    except ValueError:
        return value


def markdown(project: Path, warehouse: Path) -> str:
    """Every example as markdown for docs/semantic-layer.md: question, command and output table."""
    parts = []
    for number, example in enumerate(EXAMPLES, start=1):
        header, rows = query(example, project, warehouse)
        table = [
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
            *("| " + " | ".join(_cell(value) for value in row) + " |" for row in rows),
        ]
        parts.append(
            f"{number}. **{example.question}**\n\n"
            f"   ```bash\n   {example.command()}\n   ```\n\n"
            + "\n".join(f"   {line}" for line in table)
        )
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    project_dir = Path(os.environ.get("DBT_PROJECT_DIR", Path.cwd()))
    warehouse_file = Path(os.environ.get("FRICTION_DUCKDB_PATH", "dev.duckdb"))
    print(markdown(project_dir, warehouse_file), end="")
