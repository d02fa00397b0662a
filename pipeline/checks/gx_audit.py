"""Run the great-expectations checkpoint over a built warehouse (never the one being written).

Each mart batch is read through a read-only DuckDB connection and handed to GX as a Parquet
file (a pandas batch: GX's SQL datasource over duckdb_engine reports false failures), so the
audit never holds a write lock. Data docs go to a folder of your choice (ignored by git).

Run: python -m pipeline.checks.gx_audit <warehouse.duckdb> [--docs reports/data_docs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# GX imports PySpark when it is installed (the Spark engine needs it); PySpark then warns about
# the pandas version, which says nothing about a DuckDB build.
warnings.filterwarnings(
    "ignore", message="PySpark does not yet fully support", category=FutureWarning
)

import duckdb  # noqa: E402
import great_expectations as gx  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

from pipeline.checks.expectations import Batch, batches  # noqa: E402
from pipeline.project_vars import project_vars  # noqa: E402
from pipeline.readers.warehouse_file import WarehouseUnavailable, connect_read_only  # noqa: E402

SITE_NAME = "friction_audit"


@dataclass
class AuditResult:
    success: bool
    evaluated: int
    failures: list[str]
    docs_index: Path | None
    audited: list[str]


def chosen_batches(
    marts: set[str] | None = None, variables: dict[str, Any] | None = None
) -> list[Batch]:
    """Every batch, or (marts given) the batches whose query reads one of those marts.

    `variables`: the project's dbt vars (default: those of the project in the current folder).
    """
    suite = batches(variables if variables is not None else project_vars(Path.cwd()))
    return [batch for batch in suite if marts is None or batch.marts & marts]


def extract_batches(warehouse: Path, folder: Path, chosen: list[Batch]) -> None:
    """Write each batch query's result to <folder>/<batch>.parquet via a read-only connection."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        for batch in chosen:
            target = str(folder / f"{batch.name}.parquet").replace("'", "''")
            connection.execute(f"copy ({batch.query}) to '{target}' (format parquet)")
    finally:
        connection.close()


def _docs_site(folder: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(folder),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }


def _describe(suite_name: str, outcome: Any) -> str:
    config = outcome.expectation_config
    arguments = {key: value for key, value in config.kwargs.items() if key != "batch_id"}
    shown = ", ".join(f"{key}={value}" for key, value in arguments.items())
    detail = outcome.result or {}
    where = ""
    if "unexpected_count" in detail:
        examples = detail.get("partial_unexpected_list", [])[:3]
        where = (
            f": {detail['unexpected_count']} of {detail.get('element_count')} rows, e.g. {examples}"
        )
    elif "observed_value" in detail:
        where = f": observed {detail['observed_value']}"
    return f"{suite_name}: {config.type}({shown}) failed{where}"


def run_checkpoint(
    warehouse: Path,
    docs_dir: Path | None = None,
    marts: set[str] | None = None,
    variables: dict[str, Any] | None = None,
) -> AuditResult:
    """Validate every mart, or (marts given) the batches that read those marts.

    Data docs are written for a complete audit only: a partial one (an incremental build that
    rebuilt some marts) removes the docs of the earlier build rather than leave them stale;
    `make audit` writes them for every mart. The site is rendered once, after every
    suite ran (GX's UpdateDataDocsAction renders the whole site again after each suite: 16
    times, 13.3 s against 5.7 s for the whole audit at 10M events).
    """
    chosen = chosen_batches(marts, variables)
    if docs_dir is not None:
        docs_dir = docs_dir.resolve()
        shutil.rmtree(docs_dir, ignore_errors=True)
        if marts is not None:
            docs_dir = None
    audited = [batch.name for batch in chosen]
    if not chosen:
        return AuditResult(True, 0, [], None, audited)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        for site in list(context.list_data_docs_sites()):
            context.delete_data_docs_site(site)
        context.add_data_docs_site(SITE_NAME, _docs_site(docs_dir))
    with tempfile.TemporaryDirectory(prefix="gx-batches-") as scratch:
        folder = Path(scratch)
        extract_batches(warehouse, folder, chosen)
        source = context.data_sources.add_pandas_filesystem("warehouse", base_directory=folder)
        definitions = []
        for batch in chosen:
            asset = source.add_parquet_asset(batch.name)
            data = asset.add_batch_definition_path(batch.name, path=f"{batch.name}.parquet")
            suite = context.suites.add(
                gx.ExpectationSuite(name=batch.name, expectations=batch.expectations)
            )
            definition = gx.ValidationDefinition(name=batch.name, data=data, suite=suite)
            definitions.append(context.validation_definitions.add(definition))
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(name="marts_audit", validation_definitions=definitions)
        )
        result = checkpoint.run()
    if docs_dir is not None:
        # from the validation results the checkpoint kept in the context's store
        context.build_data_docs(site_names=[SITE_NAME])
    failures, evaluated = [], 0
    for suite_result in result.run_results.values():
        for outcome in suite_result.results:
            evaluated += 1
            if not outcome.success:
                failures.append(_describe(suite_result.suite_name, outcome))
    index = docs_dir / "index.html" if docs_dir is not None else None
    return AuditResult(bool(result.success), evaluated, failures, index, audited)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--docs", type=Path, default=None, help="folder for GX data docs")
    args = parser.parse_args(argv)
    try:
        connect_read_only(args.warehouse).close()
    except WarehouseUnavailable as error:
        print(f"make audit: {error}", file=sys.stderr)
        return 1
    audit = run_checkpoint(args.warehouse, args.docs)
    for failure in audit.failures:
        print(failure, file=sys.stderr)
    status = "passed" if audit.success else f"FAILED ({len(audit.failures)} failing)"
    print(
        f"great-expectations checkpoint {status}: "
        f"{audit.evaluated} expectations on {args.warehouse}"
    )
    if audit.docs_index:
        print(f"Data docs: {audit.docs_index}")
    return 0 if audit.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
