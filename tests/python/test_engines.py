"""The same project on Postgres and Spark: every seed, model, data test and unit test builds
there, and the marts equal DuckDB's. Postgres BI access is read-only.

A real PostgreSQL server (pipeline/engines/postgres_server.py) and a local Spark session (the
`spark` dbt target, session method) are started here; nothing is installed by hand.
"""

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import engine_marts as marts_module
import psycopg2
import pytest
from conftest import DBT, ProjectCopy, copy_project
from test_cookbook import compare_answer
from test_gdelt import GDELT_MODELS, MISFORMATTED, SAMPLE, plant_misformatted_files, raw_rows

from pipeline.engines.postgres_server import READER_ROLE, LocalPostgres

pytestmark = pytest.mark.heavy  # Spark and PostgreSQL

ENGINE_DBT_TIMEOUT = 1800  # seconds; a Spark build takes a few minutes on 2 cores


def dbt_build(
    project: ProjectCopy, target: str, env: dict[str, str], *args: str
) -> tuple[int, str]:
    result = subprocess.run(
        [DBT, "build", "--target", target, *args],
        cwd=project.path,
        env={
            **os.environ,
            "DBT_PROFILES_DIR": str(project.path),
            # the Postgres server reads the files itself: an absolute path
            "FRICTION_GDELT_DIR": str(project.path / "data" / "gdelt" / "sample"),
            "FRICTION_DUCKDB_PATH": str(project.path / "engine.duckdb"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=ENGINE_DBT_TIMEOUT,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def mart_names(project: ProjectCopy) -> list[str]:
    manifest = json.loads((project.path / "target" / "manifest.json").read_text())
    return sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    )


def passed_summary(output: str) -> str:
    return next((line for line in output.splitlines() if "Done. PASS=" in line), output[-2000:])


@dataclass
class EngineBuild:
    project: ProjectCopy
    results: list[dict]  # run_results of its dbt build
    analyses: dict[str, str]  # the cookbook compiled for the engine: SQL by analysis name
    spark_dir: Path | None = None


@pytest.fixture(scope="module")
def postgres():
    # not under pytest's temp folder: its parents are private to this user, and the server
    # runs as the postgres user
    directory = Path(tempfile.mkdtemp(prefix="friction-postgres-"))
    try:
        with LocalPostgres(directory) as server:
            yield server
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_project(tmp_path_factory: pytest.TempPathFactory, postgres: LocalPostgres):
    project = copy_project(tmp_path_factory.mktemp("on_postgres"))
    sample = postgres.stage_files(project.path / "data" / "gdelt" / "sample", "sample")
    env = {**postgres.env, "FRICTION_GDELT_DIR": str(sample)}
    returncode, output = dbt_build(project, "postgres", env)
    assert returncode == 0, output[-6000:]
    results = build_results(project)
    return EngineBuild(project, results, compiled_analyses(project, "postgres", env))


@pytest.fixture(scope="module")
def spark_project(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("on_spark"))
    spark_dir = project.path / ".build" / "spark"
    env = {"FRICTION_SPARK_DIR": str(spark_dir)}
    returncode, output = dbt_build(project, "spark", env)
    assert returncode == 0, output[-6000:]
    # compiled now, while no other process holds Spark's (single-user) metastore
    results = build_results(project)
    return EngineBuild(project, results, compiled_analyses(project, "spark", env), spark_dir)


def build_results(project: ProjectCopy) -> list[dict]:
    return json.loads((project.path / "target" / "run_results.json").read_text())["results"]


def assert_every_node_passed(results: list[dict]) -> None:
    failing = [r["unique_id"] for r in results if r["status"] not in {"success", "pass", "no-op"}]
    assert failing == []
    kinds = {result["unique_id"].split(".")[0] for result in results}
    assert {"seed", "model", "test", "unit_test"} <= kinds
    assert len(results) > 300


def test_every_node_builds_and_passes_on_postgres(postgres_project: EngineBuild) -> None:
    assert_every_node_passed(postgres_project.results)


def test_every_node_builds_and_passes_on_spark(spark_project: EngineBuild) -> None:
    assert_every_node_passed(spark_project.results)


def test_marts_are_equal_on_duckdb_postgres_and_spark(
    built_warehouse: Path,
    postgres_project: EngineBuild,
    postgres: LocalPostgres,
    spark_project: EngineBuild,
) -> None:
    tables = mart_names(postgres_project.project)
    assert len(tables) >= 10, tables
    duckdb_marts = marts_module.read_duckdb(built_warehouse, tables)
    postgres_marts = marts_module.read_postgres(postgres.env, tables)
    spark_marts = marts_module.read_spark(spark_project.spark_dir, tables)

    assert marts_module.compare(duckdb_marts, postgres_marts) == []
    assert marts_module.compare(duckdb_marts, spark_marts) == []
    # the comparison covers what matters: GDELT events flowed, scores exist, and text with
    # apostrophes (which dbt-spark's own seed loader breaks) arrived intact
    assert duckdb_marts["fct_gdelt_pair_events_monthly"]
    assert any(row["friction_score"] for row in duckdb_marts["fct_country_pair_friction_monthly"])
    texts = [
        value
        for rows in spark_marts.values()
        for row in rows
        for value in row.values()
        if isinstance(value, str)
    ]
    assert any("'" in text for text in texts)


def compiled_analyses(project: ProjectCopy, target: str, env: dict[str, str]) -> dict[str, str]:
    """The cookbook's analyses compiled for the target: compiled SQL by name."""
    result = subprocess.run(
        [DBT, "compile", "--select", "resource_type:analysis", "--target", target],
        cwd=project.path,
        env={**os.environ, "DBT_PROFILES_DIR": str(project.path), **env},
        capture_output=True,
        text=True,
        timeout=ENGINE_DBT_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    manifest = json.loads((project.path / "target" / "manifest.json").read_text())
    compiled = project.path / "target" / "compiled" / "friction"
    return {
        node["name"]: (compiled / node["original_file_path"]).read_text(encoding="utf-8")
        for node in manifest["nodes"].values()
        if node["resource_type"] == "analysis"
    }


def documented_answers(project: ProjectCopy) -> dict[str, dict]:
    manifest = json.loads((project.path / "target" / "manifest.json").read_text())
    return {
        node["name"]: node["config"]["meta"]["expected_answer"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "analysis"
    }


def test_the_cookbook_gives_its_documented_answers_on_postgres_and_spark(
    postgres_project: EngineBuild, postgres: LocalPostgres, spark_project: EngineBuild
) -> None:
    answers = {
        "postgres": marts_module.query_postgres(postgres.env, postgres_project.analyses),
        "spark": marts_module.query_spark(spark_project.spark_dir, spark_project.analyses),
    }
    documented = documented_answers(postgres_project.project)
    assert len(documented) >= 10
    problems = {
        f"{engine} {name}": compare_answer(documented[name], rows)
        for engine, results in answers.items()
        for name, rows in results.items()
    }
    assert {key: found for key, found in problems.items() if found} == {}
    assert set(answers["postgres"]) == set(answers["spark"]) == set(documented)


def test_the_comparison_catches_a_changed_score_a_missing_row_and_a_changed_key() -> None:
    rows = [
        {"pair_id": "CAN-CHN", "month_start_date": "2026-01-01", "friction_score": 1.5},
        {"pair_id": "CAN-USA", "month_start_date": "2026-01-01", "friction_score": 0.25},
    ]
    same_but_rounded = [dict(row, friction_score=row["friction_score"] + 1e-12) for row in rows]
    assert marts_module.compare({"t": rows}, {"t": same_but_rounded}) == []
    changed_score = [rows[0], dict(rows[1], friction_score=0.2501)]
    assert marts_module.compare({"t": rows}, {"t": changed_score})
    assert marts_module.compare({"t": rows}, {"t": rows[:1]})
    changed_key = [rows[0], dict(rows[1], pair_id="CAN-IND")]
    assert marts_module.compare({"t": rows}, {"t": changed_key})
    assert marts_module.compare({"t": rows}, {})


def privileges(postgres: LocalPostgres, table: str) -> dict[str, bool]:
    """Which statements the read-only BI role may run against marts.<table>."""
    statements = {
        "select": f"select count(*) from marts.{table}",
        "insert": f"insert into marts.{table} select * from marts.{table} limit 1",
        "update": f"update marts.{table} set country_code = country_code",
        "delete": f"delete from marts.{table}",
        "drop": f"drop table marts.{table}",
        "create": "create table marts.scratch (id integer)",
        "create schema": "create schema scratch",
    }
    connection = psycopg2.connect(
        host="127.0.0.1",
        port=postgres.port,
        user=READER_ROLE,
        dbname=postgres.env["FRICTION_PG_DATABASE"],
    )
    allowed = {}
    try:
        for name, statement in statements.items():
            try:
                with connection.cursor() as cursor:
                    cursor.execute(statement)
                allowed[name] = True
            except psycopg2.errors.InsufficientPrivilege:
                allowed[name] = False
            connection.rollback()  # never keep what an allowed statement did
    finally:
        connection.close()
    return allowed


def test_the_bi_role_can_read_the_marts_and_change_nothing(
    postgres_project: EngineBuild, postgres: LocalPostgres
) -> None:
    assert privileges(postgres, "dim_countries") == {
        "select": True,
        "insert": False,
        "update": False,
        "delete": False,
        "drop": False,
        "create": False,
        "create schema": False,
    }


def test_the_privilege_probe_sees_a_planted_write_grant(
    postgres_project: EngineBuild, postgres: LocalPostgres
) -> None:
    postgres.sql(
        f"create table marts.planted as select * from marts.dim_countries;"
        f"grant select, insert on marts.planted to {READER_ROLE}",
        user="postgres",
        database=postgres.env["FRICTION_PG_DATABASE"],
    )
    try:
        found = privileges(postgres, "planted")
        assert found["select"] and found["insert"]
    finally:
        postgres.sql("drop table marts.planted", database=postgres.env["FRICTION_PG_DATABASE"])


# Each planted line breaks one rule; every engine must quarantine it for the same reason (the
# casts that check GDELT fields are the most engine-specific SQL in the project).
FIELD = {"id": 0, "date": 1, "goldstein": 30, "mentions": 31, "tone": 34}
PLANTED = [
    ({}, 30, "expected 61 tab-separated fields, found 30"),
    ({"extra": "x"}, None, "expected 61 tab-separated fields, found 62"),
    ({"date": "20191341"}, None, "SQLDATE is not a date (YYYYMMDD): 20191341"),
    ({"date": "20190229"}, None, "SQLDATE is not a date (YYYYMMDD): 20190229"),
    ({"id": "12ab"}, None, "GLOBALEVENTID is not a whole number"),
    ({"id": "99999999999999999999"}, None, "GLOBALEVENTID is not a whole number"),
    ({"goldstein": "x1"}, None, "GoldsteinScale is not a number"),
    ({"mentions": "2.5"}, None, "NumMentions is not a whole number"),
    ({"tone": ""}, None, "AvgTone is not a number"),
]


def planted_folder(project: ProjectCopy) -> Path:
    folder = project.path / "gdelt_planted"
    folder.mkdir()
    shutil.copy2(SAMPLE, folder / SAMPLE.name)
    good = raw_rows(SAMPLE)
    lines = []
    for number, (changes, keep_fields, _) in enumerate(PLANTED):
        row = [*good[number]]
        row[FIELD["id"]] = str(999000001 + number)
        for field, value in changes.items():
            if field == "extra":
                row.append(value)
            else:
                row[FIELD[field]] = value
        lines.append("\t".join(row[:keep_fields] if keep_fields else row))
    (folder / "20191024144500.export.CSV").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plant_misformatted_files(folder)
    return folder


def quarantined_on(
    engine: str, project: ProjectCopy, env: dict[str, str], postgres: LocalPostgres
) -> list[tuple]:
    folder = planted_folder(project)
    if engine == "postgres":
        folder = postgres.stage_files(folder, "planted")
    spark_dir = project.path / ".build" / "spark"
    env = {**env, "FRICTION_GDELT_DIR": str(folder), "FRICTION_SPARK_DIR": str(spark_dir)}
    returncode, output = dbt_build(project, engine, env, *GDELT_MODELS[1:])
    assert returncode == 0, output[-6000:]
    tables = ["stg_gdelt__quarantined_rows", "stg_gdelt__quarantined_files"]
    read = {
        "duckdb": lambda: marts_module.read_duckdb(
            project.path / "engine.duckdb", tables, "staging"
        ),
        "postgres": lambda: marts_module.read_postgres(env, tables, "staging"),
        "spark": lambda: marts_module.read_spark(spark_dir, tables, "staging"),
    }[engine]
    found = read()
    rows = found["stg_gdelt__quarantined_rows"]
    files = found["stg_gdelt__quarantined_files"]
    return sorted((row["line_number"], row["rejection_reason"]) for row in rows) + sorted(
        (row["file_name"], row["quarantine_reason"].split("),")[0] + ")") for row in files
    )


@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_bad_gdelt_rows_are_quarantined_alike_on_every_engine(
    engine: str, tmp_path: Path, postgres: LocalPostgres
) -> None:
    project = copy_project(tmp_path)
    env = postgres.env if engine == "postgres" else {}
    if engine == "postgres":  # a database of its own, so the shared one is left as built
        postgres.sql("create database planted owner friction")
        postgres.grant_file_access("planted")
        env = {**env, "FRICTION_PG_DATABASE": "planted"}
    expected = [(number + 1, reason) for number, (_, _, reason) in enumerate(PLANTED)]
    expected += sorted((name, reason) for name, (_, reason) in MISFORMATTED.items())
    assert quarantined_on(engine, project, env, postgres) == expected
