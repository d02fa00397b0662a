"""The README's BI recipes, run with the clients pinned in requirements.lock."""

import json
import re
import shutil
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlalchemy as sa
import yaml
from conftest import PROJECT_ROOT
from readers import TARIFF_COUNT, read_only_url
from system_tools import ensure_npm

DUCKDB_CLI = str(Path(sys.executable).with_name("duckdb"))
EVIDENCE_RECIPE = PROJECT_ROOT / "bi" / "evidence"
MARTS = {
    "dim_actors",
    "dim_countries",
    "dim_scenarios",
    "dim_sources",
    "fct_country_friction_monthly",
    "fct_country_partner_friction_monthly",
    "fct_country_pair_friction_monthly",
    "fct_disputes",
    "fct_friction_contributions",
    "fct_gdelt_pair_events_monthly",
    "fct_meeting_participants",
    "fct_meetings",
    "fct_friction_weight_sensitivity",
    "fct_scenario_pair_friction_monthly",
    "fct_tariff_benchmark_comparisons",
    "fct_tariff_retaliations",
    "fct_tariff_trade_weighted_monthly",
    "fct_tariffs",
}


def test_duckdb_cli_reads_the_warehouse_read_only(warehouse_copy: Path) -> None:
    result = subprocess.run(
        [DUCKDB_CLI, "-readonly", "-csv", str(warehouse_copy), "-c", TARIFF_COUNT],
        capture_output=True,
        text=True,
        check=True,
    )
    with duckdb.connect(str(warehouse_copy), read_only=True) as connection:
        expected = connection.execute(TARIFF_COUNT).fetchone()[0]
    assert result.stdout.strip().splitlines()[-1] == str(expected)


def test_sqlalchemy_url_reflects_and_queries_read_only(warehouse_copy: Path) -> None:
    engine = sa.create_engine(read_only_url(warehouse_copy), poolclass=sa.pool.NullPool)
    inspector = sa.inspect(engine)
    assert set(inspector.get_table_names(schema="marts")) == MARTS
    columns = [column["name"] for column in inspector.get_columns("fct_tariffs", schema="marts")]
    assert columns[:3] == ["tariff_id", "measure_id", "imposing_country_code"]
    with engine.connect() as connection:
        frame = pd.read_sql(sa.text("select * from marts.fct_country_friction_monthly"), connection)
        assert len(frame) > 0
        with pytest.raises(sa.exc.DBAPIError, match="read-only"):
            connection.execute(sa.text("create table marts.planted (id integer)"))
    engine.dispose()


RECIPES = PROJECT_ROOT / "docs" / "bi-recipes.md"
RECIPE_PARQUET = re.compile(r"`((?:pd\.read_parquet|duckdb\.sql)\(.*?\)(?:\.fetchall\(\))?)`")


def test_readme_parquet_snippets_fetch_every_row(built_warehouse: Path) -> None:
    """The recipe page's pandas and DuckDB lines, run as written beside the published warehouse."""
    parquet_row = next(
        line for line in RECIPES.read_text().splitlines() if line.startswith("| Parquet files")
    )
    snippets = RECIPE_PARQUET.findall(parquet_row)
    assert len(snippets) == 2, parquet_row
    with chdir(built_warehouse.parent), duckdb.connect(str(built_warehouse), read_only=True) as db:
        for snippet in snippets:
            table = re.search(r"warehouse_parquet/(\w+)\.parquet", snippet).group(1)
            result = eval(snippet, {"pd": pd, "duckdb": duckdb})  # noqa: S307 - the recipe's code
            rows = result.shape[0] if isinstance(result, pd.DataFrame) else len(result)
            assert rows == db.execute(f"select count(*) from marts.{table}").fetchone()[0] > 0


def test_parquet_exports_match_the_warehouse(built_warehouse: Path) -> None:
    exports = built_warehouse.with_name("warehouse_parquet")
    manifest = json.loads((exports / "_manifest.json").read_text())
    assert set(manifest["tables"]) == MARTS
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        for table in MARTS:
            parquet = exports / f"{table}.parquet"
            in_db = connection.execute(f"select count(*) from marts.{table}").fetchone()[0]
            assert pd.read_parquet(parquet).shape[0] == in_db == manifest["tables"][table]
            difference = connection.execute(
                f"select count(*) from ((select * from marts.{table}) "
                f"except all (select * from read_parquet('{parquet}')))"
            ).fetchone()[0]
            assert difference == 0, table


@pytest.mark.heavy  # npm
def test_evidence_duckdb_source_reads_the_warehouse(warehouse_copy: Path, tmp_path: Path) -> None:
    """bi/evidence: Evidence's DuckDB datasource plugin runs the recipe's source query."""
    npm, reason = ensure_npm()
    if npm is None:
        pytest.skip(reason)
    # The repository's layout: the published warehouse.duckdb at the top, the recipe in bi/evidence.
    repository = tmp_path / "repository"
    recipe = repository / "bi" / "evidence"
    shutil.copytree(EVIDENCE_RECIPE, recipe, ignore=shutil.ignore_patterns("node_modules"))
    shutil.copy2(warehouse_copy, repository / "warehouse.duckdb")
    connection_file = recipe / "sources" / "warehouse" / "connection.yaml"
    filename = yaml.safe_load(connection_file.read_text())["options"]["filename"]
    recipes = RECIPES.read_text()
    assert f"`filename: {filename}`" in recipes, "docs/bi-recipes.md quotes the recipe's filename"
    assert (connection_file.parent / filename).resolve() == repository / "warehouse.duckdb"
    command = "cd bi/evidence && npm install && npm run sources"
    assert f"`{command}`" in recipes, "docs/bi-recipes.md shows the command this test runs"
    # Evidence's DuckDB (1.4.2) reads files written in DuckDB's compatible storage format.
    with duckdb.connect(str(warehouse_copy), read_only=True) as connection:
        expected = connection.execute(TARIFF_COUNT).fetchone()[0]
        storage = connection.execute(
            "select tags['storage_version'] from duckdb_databases() "
            "where database_name = 'warehouse'"
        ).fetchone()[0]
    assert storage == "v1.0.0+"
    run = {"cwd": recipe, "capture_output": True, "text": True, "check": False}
    install = subprocess.run([npm, "install", "--no-audit", "--no-fund"], **run)
    assert install.returncode == 0, install.stderr[-2000:]
    sources = subprocess.run([npm, "run", "sources"], **run)
    assert sources.returncode == 0, sources.stdout + sources.stderr
    assert f"warehouse.tariffs: {expected} rows" in sources.stdout
