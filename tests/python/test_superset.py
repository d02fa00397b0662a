"""Apache Superset, as `make superset` sets it up: the friction dashboard of
bi/superset/dashboard.yml over a published build, driven through Superset's REST API and a
headless Chromium. The charts answer what SQL on the marts answers, writes are refused, and the
dashboard keeps answering (then shows the new data) while `make build` publishes a new build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import requests
import yaml
from conftest import PROJECT_ROOT, ProjectCopy, copy_project, run_documented
from readers import LoopingReader
from seed_rows import tariff_row
from system_tools import ensure_chromium

from pipeline.superset.api import Client
from pipeline.superset.dashboard import (
    Registered,
    find_registered,
    load_spec,
    read_only_uri,
    with_filters,
)
from pipeline.superset.screenshot import screenshot
from pipeline.superset.server import Settings, free_port

pytestmark = pytest.mark.heavy
SPEC = load_spec()
REPORT_IMAGE = PROJECT_ROOT / "reports" / "superset" / "friction_dashboard.png"
README_IMAGE = "docs/images/superset_dashboard.png"
README_COMMAND = "make superset"  # as the README writes it


@dataclass
class Running:
    project: ProjectCopy
    settings: Settings
    client: Client
    registered: Registered


@pytest.fixture(scope="module")
def superset(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """`make superset` exactly as the README writes it, in a project copy with a published build,
    with the admin, port and state directory from the environment variables it documents."""
    install = subprocess.run(
        ["make", "superset-install"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    project = copy_project(tmp_path_factory.mktemp("superset_project"))
    shutil.copytree(PROJECT_ROOT / "bi" / "superset", project.path / "bi" / "superset")
    shutil.copy2(built_warehouse, project.published)
    for venv in (".venv", ".superset-venv"):
        (project.path / venv).symlink_to(PROJECT_ROOT / venv)
    settings = Settings(
        home=tmp_path_factory.mktemp("superset_home"),
        port=free_port(),
        username="analyst",
        password="local-test-password",
    )
    log = settings.home.parent / "make_superset.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            ["bash", "-c", README_COMMAND],
            cwd=project.path,
            env={
                **os.environ,
                "DBT_PROFILES_DIR": str(project.path),
                "FRICTION_SUPERSET_HOME": str(settings.home),
                "FRICTION_SUPERSET_PORT": str(settings.port),
                "FRICTION_SUPERSET_USER": settings.username,
                "FRICTION_SUPERSET_PASSWORD": settings.password,
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        while "Superset is ready" not in log.read_text():
            assert server.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(2)
        client = Client(settings)
        yield Running(project, settings, client, find_registered(client))
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    # Ctrl-C stopped the server too: nothing answers on its port any more.
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{settings.url}/health", timeout=5)


def _filters(chart: str) -> dict[str, str]:
    """The dashboard's default filter values that apply to `chart` (column -> value)."""
    return {
        spec["column"]: spec["default"]
        for spec in SPEC["filters"].values()
        if chart in spec["charts"]
    }


def chart_rows(running: Running, chart: str) -> list[dict]:
    """The rows the dashboard asks for: the chart's saved query with the default filters."""
    chart_id = running.registered.charts[chart]
    saved = running.client.get(f"chart/{chart_id}")["result"]
    return running.client.chart_data(
        with_filters(json.loads(saved["query_context"]), _filters(chart))
    )


def _day(epoch_ms: float) -> dt.date:
    return dt.datetime.fromtimestamp(epoch_ms / 1000, tz=dt.UTC).date()


def _rounded(rows: list[tuple]) -> list[tuple]:
    return [
        tuple(
            round(float(value), 9) if isinstance(value, float | Decimal) else value for value in row
        )
        for row in rows
    ]


def marts(warehouse: Path, sql: str, *parameters: object) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return _rounded(connection.execute(sql, list(parameters)).fetchall())


def _pair() -> tuple[str, str]:
    country_a, country_b = SPEC["filters"]["pair"]["default"].split("-")
    return country_a, country_b


def _month() -> dt.date:
    return dt.date.fromisoformat(SPEC["filters"]["month"]["default"] + "-01")


def test_every_chart_answers_what_sql_on_the_marts_answers(superset: Running) -> None:
    warehouse = superset.project.published
    country_a, country_b = _pair()
    metrics = ["friction score", "tariffs", "disputes", "cooperation", "GDELT news"]
    shown = sorted(
        _rounded(
            [
                (_day(row["month_start_date"]), *(row[metric] for metric in metrics))
                for row in chart_rows(superset, "pair_score")
            ]
        )
    )
    assert shown == marts(
        warehouse,
        "select month_start_date, friction_score, tariff_component, dispute_component,"
        " cooperation_component, gdelt_component from marts.fct_country_pair_friction_monthly"
        " where country_a_code = ? and country_b_code = ? order by month_start_date",
        country_a,
        country_b,
    )
    ranking = [
        (row["country_code"], row["friction score"])
        for row in chart_rows(superset, "country_ranking")
    ]
    assert _rounded(ranking) == marts(
        warehouse,
        "select country_code, friction_score from marts.fct_country_friction_monthly"
        " where month_start_date = ? order by friction_score desc",
        _month(),
    )
    in_force = [
        (
            row["imposed_by"],
            row["imposed_on"],
            row["product"],
            row["rate_pct"],
            _day(row["effective_date"]),
        )
        for row in chart_rows(superset, "tariffs_in_force")
    ]
    assert _rounded(in_force) == marts(
        warehouse,
        "select imposing_country_code, target_country_code, product_description, rate_pct,"
        " effective_date from marts.fct_tariffs"
        " where list_sort([imposing_country_code, target_country_code]) = [?, ?]"
        " and effective_date <= current_date and (end_date is null or end_date > current_date)"
        " order by rate_pct desc, product_description",
        country_a,
        country_b,
    )
    contributions = [
        (row["component"], row["record_title"], row["contribution"])
        for row in chart_rows(superset, "top_contributions")
    ]
    assert _rounded(contributions) == marts(
        warehouse,
        "select component, record_title, contribution from marts.fct_friction_contributions"
        " where country_a_code = ? and country_b_code = ? and month_start_date = ?"
        " order by contribution desc, record_title limit ?",
        country_a,
        country_b,
        _month(),
        SPEC["charts"]["top_contributions"]["row_limit"],
    )
    differences = sorted(
        _rounded(
            [
                (_day(row["month_start_date"]), row["scenario_title"], row["difference"])
                for row in chart_rows(superset, "scenario_differences")
            ]
        )
    )
    assert differences == marts(
        warehouse,
        "select differences.month_start_date, scenarios.scenario_title,"
        " differences.friction_difference from marts.fct_scenario_pair_friction_monthly"
        " as differences inner join marts.dim_scenarios as scenarios using (scenario_id)"
        " where differences.is_changed and country_a_code = ? and country_b_code = ?"
        " order by 1, 2",
        country_a,
        country_b,
    )
    # None of these can pass on empty answers: each chart shows rows for the default pair.
    assert all([shown, ranking, in_force, contributions, differences])
    # Each chart's saved query answers through the endpoint BI users and alerts call.
    for chart_id in superset.registered.charts.values():
        assert superset.client.get(f"chart/{chart_id}/data/")["result"][0]["data"]


def test_the_dashboard_draws_every_chart_without_an_error(superset: Running) -> None:
    chromium, reason = ensure_chromium()
    assert chromium, reason
    shown = screenshot(superset.settings, SPEC["dashboard"]["slug"], [REPORT_IMAGE], chromium)
    assert shown["charts"] == len(SPEC["charts"])
    assert shown["errors"] == []
    for chart in SPEC["charts"].values():
        assert chart["title"] in shown["text"]
    # The filter bar shows the defaults, and the tables show rows of the default pair and month.
    assert "CAN-CHN" in shown["text"] and SPEC["filters"]["month"]["default"] in shown["text"]
    assert "Canadian canola oil" in shown["text"]
    assert REPORT_IMAGE.stat().st_size > 50_000
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert f"({README_IMAGE})" in readme
    assert re.search(rf"^{README_COMMAND} ", readme, re.MULTILINE), "the README shows the command"
    assert (PROJECT_ROOT / README_IMAGE).exists()


def test_sql_lab_refuses_writes_and_the_file_cannot_be_written(superset: Running) -> None:
    warehouse = superset.project.published
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    planted = "create table marts.planted_by_superset (planted_id integer)"
    refused = superset.client.sql(superset.registered.database_id, planted)
    assert refused["status_code"] >= 400
    assert "DML_NOT_ALLOWED_ERROR" in json.dumps(refused)
    answered = superset.client.sql(
        superset.registered.database_id, "select count(*) as tariffs from marts.fct_tariffs"
    )
    assert answered["status_code"] == 200 and answered["data"][0]["tariffs"] > 0
    # Even a database entry that allows DML cannot write: DuckDB opens the file read-only.
    loose = superset.client.post(
        "database/",
        {
            "database_name": "friction warehouse, DML allowed",
            "sqlalchemy_uri": read_only_uri(warehouse),
            "expose_in_sqllab": True,
            "allow_dml": True,
        },
    )["id"]
    try:
        refused_by_duckdb = superset.client.sql(loose, planted)
    finally:
        superset.client.delete(f"database/{loose}")
    assert refused_by_duckdb["status_code"] >= 400
    assert "read-only" in json.dumps(refused_by_duckdb).lower()
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


def test_the_lineage_shows_every_mart_the_dashboard_reads() -> None:
    """The superset_dashboard exposure (dbt docs' lineage) names exactly the marts it queries."""
    read = {
        name
        for dataset in SPEC["datasets"].values()
        for name in re.findall(r"\bmarts\.(\w+)", dataset["sql"])
    }
    exposures = yaml.safe_load((PROJECT_ROOT / "models" / "_exposures.yml").read_text())
    (exposure,) = [item for item in exposures["exposures"] if item["name"] == "superset_dashboard"]
    assert {re.search(r"ref\('(\w+)'\)", ref)[1] for ref in exposure["depends_on"]} == read


def test_the_dashboard_answers_during_make_build_and_then_shows_the_new_build(
    superset: Running,
) -> None:
    project = superset.project
    old_count = len(chart_rows(superset, "tariffs_in_force"))
    # A new CAN -> CHN tariff in force today: the pair's table gains one row after the swap.
    project.append_rows("seeds/tariffs.csv", tariff_row("t_planted_superset"))
    # As an open dashboard's refresh does: the tariffs chart, asked again and again.
    reader = LoopingReader(lambda: len(chart_rows(superset, "tariffs_in_force")), (Exception,))
    reader.start()
    build = run_documented(project.path, "make build")
    time.sleep(1)
    reader.finish()

    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert reader.errors == []
    assert len(reader.counts) > 20, "the reader ran through the build"
    assert reader.counts[0] == old_count and reader.counts[-1] == old_count + 1
    assert reader.counts == sorted(reader.counts)
