"""The rules of dbt-project-evaluator (dbt Labs), re-implemented over target/manifest.json.

The package cannot be installed here (`dbt deps` has no internet), so this Python package
applies its rules, at the package's default variables, to the manifest that `dbt parse` writes.
Sources: the rule pages of the package's documentation (DOCS in config.py + /<category>/) and,
where a page is silent or stale, the package's own models and dbt_project.yml
(dbt-labs/dbt-project-evaluator, main, June 2026). Each rule is named after the package model
that reports it, so that the package's exceptions seed (EXCEPTIONS in config.py) keys on the
same `fct_name`.

Modules: config (CONFIG, the package's variables; EXCEPTIONS, its exceptions seed), graph (the
resources and DAG read from the manifest, Finding), findings (the shapes a rule's findings take),
one module per rule category below (modeling, testing, documentation, structure, performance,
governance), and run (the RULES registry, exceptions, the summary, main).

Run: python scripts/check_project_evaluator.py [path/to/manifest.json]   (default
target/manifest.json). Prints `<rule>: <node or edge>: <why>` per finding, then each exception's
use, then a count per rule; exits 1 if there is any finding or stale exception (one that matches
no finding), 0 otherwise.

Rules (category, default used, documentation page):
  modeling       (DOCS/modeling/)
    fct_direct_join_to_source                  a model reading both a model and a source
    fct_marts_or_intermediate_dependent_on_source
    fct_duplicate_sources                      several sources on one database.schema.identifier
    fct_hard_coded_references                  the package's from/join regexes, `--` comments
    fct_model_fanout                           models_fanout_threshold = 3 leaf children (>= 3)
    fct_multiple_sources_joined                more than one source parent
    fct_rejoining_of_upstream_concepts         parent -> x -> child and parent -> child, x
                                               having no other child
    fct_root_models                            a model with no parent (the time spine excepted)
    fct_source_fanout                          a source with more than one model child
    fct_staging_dependent_on_marts_or_intermediate
    fct_staging_dependent_on_staging
    fct_too_many_joins                         too_many_joins_threshold = 7 direct parents (>= 7)
    fct_unused_sources                         a source with no children
  testing        (DOCS/testing/)
    fct_missing_primary_key_tests              primary_key_test_macros (see CONFIG),
                                               enforced_primary_key_node_types = ["model"]
    fct_sources_without_freshness              neither warn_after nor error_after (enabled by
                                               default, like every rule of the package)
    fct_test_coverage                          test_coverage_target = 100 (% of models tested)
  documentation  (DOCS/documentation/)
    fct_documentation_coverage                 documentation_coverage_target = 100
    fct_undocumented_models, fct_undocumented_source_tables, fct_undocumented_sources
  structure      (DOCS/structure/)
    fct_model_naming_conventions               model_types and <type>_prefixes (see CONFIG)
    fct_model_directories                      <type>_folder_name (see CONFIG)
    fct_source_directories                     a source's yml under a folder named after it
    fct_test_directories                       a generic test's yml in its model's folder
  performance    (DOCS/performance/)
    fct_chained_views_dependencies             chained_views_threshold = 5 (the package's
                                               dbt_project.yml value for every adapter but
                                               athena/trino/clickhouse); flagged when the chain
                                               is longer (distance > 5). The page still says
                                               ">= 4": it predates that change.
    fct_exposure_parents_materializations      exposure parents: sources, views, ephemerals
  governance     (DOCS/governance/)
    fct_public_models_without_contract, fct_undocumented_public_models,
    fct_exposures_dependent_on_private_models

Skipped: no rule. Every rule of the six categories can be evaluated from the manifest. Left out
are only variables that steer no rule: max_depth_dag and insert_batch_size (how the package
computes its tables: -1, no depth limit, is used here) and token_costs (the package's
sql_complexity column, which no rule reads).

As in the package: tests are not part of the DAG; exposures and metrics have no "excluded" flag,
so every rule that filters on it ignores relationships that end in an exposure or metric (the
exposure rules aside); semantic models and unit tests are not graph resources; analyses, seeds
and the on-run-end operation are. Windows-style paths are not handled.
"""
