"""The evaluator's settings: the package's variables (CONFIG) and its exceptions seed
(EXCEPTIONS), as this project sets them."""

from __future__ import annotations

from typing import Any

DOCS = "https://dbt-labs.github.io/dbt-project-evaluator/latest/rules"

# The package's variables (its dbt_project.yml and "Overriding variables" page), as this project
# would set them under `vars: dbt_project_evaluator:`.
CONFIG: dict[str, Any] = {
    # -- tests and docs coverage --
    "documentation_coverage_target": 100,
    "test_coverage_target": 100,
    # Package default: [["dbt.test_unique", "dbt.test_not_null"],
    #                   ["dbt_utils.test_unique_combination_of_columns"]].
    # This project cannot install dbt_utils: it defines its own generic test
    # unique_combination_of_columns in macros/tests/ (the manifest names its macro
    # "macro.friction.test_unique_combination_of_columns"). A user of the package would override
    # the variable as below: the list is replaced as a whole, entries are "<package>.<macro>"
    # (the package prefixes "macro." itself), and the dbt_utils entry is replaced rather than
    # kept, since dbt_utils is not installed and the package names its per-macro flag after the
    # macro alone (two *.test_unique_combination_of_columns entries would collide).
    "primary_key_test_macros": [
        ["dbt.test_unique", "dbt.test_not_null"],
        ["friction.test_unique_combination_of_columns"],
    ],
    "enforced_primary_key_node_types": ["model"],
    # -- DAG --
    "models_fanout_threshold": 3,
    "too_many_joins_threshold": 7,
    # -- naming conventions: the package's default model types, folders and prefixes. This
    # project's layout matches them: models/staging/<source>/ (and its base/), models/intermediate/,
    # models/marts/. --
    "model_types": ["base", "staging", "intermediate", "marts", "other"],
    "base_folder_name": "base",
    "staging_folder_name": "staging",
    "intermediate_folder_name": "intermediate",
    "marts_folder_name": "marts",
    "base_prefixes": ["base_"],
    "staging_prefixes": ["stg_"],
    "intermediate_prefixes": ["int_"],
    "marts_prefixes": ["fct_", "dim_"],
    "other_prefixes": ["rpt_"],
    # -- performance: 5 on duckdb (4 on athena, trino and clickhouse) --
    "chained_views_threshold": 5,
    # -- SQL code analysis --
    "comment_chars": ["--"],
    # -- excluding packages and paths (docs: customization/excluding-packages-and-paths) --
    "exclude_packages": [],
    "exclude_paths_from_project": [],
}

# The package's seed dbt_project_evaluator_exceptions: one dict per exception, with keys
# fct_name (the rule), column_name (a column of the rule's row, see Finding.row), id_to_exclude
# (a SQL `like` pattern) and comment (why the exception is legitimate). Coverage rules cannot be
# excepted, as in the package.
EXCEPTIONS: list[dict[str, str]] = [
    {
        "fct_name": "fct_rejoining_of_upstream_concepts",
        "column_name": "parent_and_child",
        "id_to_exclude": "base_gdelt__repeated_event_lines",
        "comment": "An incremental table, on purpose not a CTE of the view stg_gdelt__events: "
        "each build ranks only the ids of the latest load (0.25 s at 10M events) where a CTE "
        "would rank every loaded line on every read of the view (3.7 s at 10M).",
    },
    {
        "fct_name": "fct_root_models",
        "column_name": "child",
        "id_to_exclude": "base_gdelt__export_files",
        "comment": "Its input is the folder of raw GDELT export files (var gdelt_dir), listed "
        "and read by each engine's dispatched file functions (DuckDB glob, Postgres pg_ls_dir, "
        "Spark binaryFile): a folder of files is no relation a dbt source could name.",
    },
]
