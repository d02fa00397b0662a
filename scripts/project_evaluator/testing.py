"""The testing rules (DOCS/testing/): primary-key tests, source freshness, test coverage."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .findings import coverage, per_resource
from .graph import Finding, Project, Resource


def macro_spec(entry: str) -> str:
    """`package.test_macro` (the package's form); the manifest's `macro.package.x` is accepted."""
    return entry.removeprefix("macro.")


def uses_macro(test: Resource, entry: str) -> bool:
    wanted = f"macro.{macro_spec(entry)}"
    return any(wanted in macro for macro in (test.raw.get("depends_on") or {}).get("macros", []))


def has_not_null_constraint(resource: Resource, column: str) -> bool:
    declared = (resource.raw.get("columns") or {}).get(column) or {}
    return any(c.get("type") == "not_null" for c in declared.get("constraints") or [])


def column_is_primary_key(
    resource: Resource, column: str | None, tests: list[Resource], test_sets: list[list[str]]
) -> bool:
    """One column's tests (column None: the model-level tests) make a primary-key test: all of
    one set of primary_key_test_macros, or unique + a not_null constraint on the column."""
    for test_set in test_sets:
        matching = [t for t in tests if any(uses_macro(t, entry) for entry in test_set)]
        if len(matching) >= len(test_set):
            return True
    if column is None or column not in (resource.raw.get("columns") or {}):
        return False
    uniques = sum(uses_macro(t, "dbt.test_unique") for t in tests)
    return uniques + has_not_null_constraint(resource, column) >= 2


def is_primary_key_tested(
    resource: Resource, tests: list[Resource], test_sets: list[list[str]]
) -> bool:
    by_column: dict[str | None, list[Resource]] = defaultdict(list)
    for test in tests:
        by_column[test.raw.get("column_name") or None].append(test)
    return any(
        column_is_primary_key(resource, column, group, test_sets)
        for column, group in by_column.items()
    )


@per_resource("fct_missing_primary_key_tests")
def missing_primary_key_tests(project: Project, resource: Resource) -> str | None:
    """A resource of the enforced_primary_key_node_types (["model"]) without a primary-key test:
    one of the primary_key_test_macros sets (see CONFIG), or unique + a not_null constraint."""
    if resource.resource_type not in project.config["enforced_primary_key_node_types"]:
        return None
    own = project.tests_by_parent.get(resource.unique_id, [])
    if is_primary_key_tested(resource, own, project.config["primary_key_test_macros"]):
        return None
    return (
        f"no primary-key test ({len(own)} tests): add unique + not_null on its key "
        "column, or unique_combination_of_columns on its grain"
    )


def freshness_set(freshness: dict[str, Any] | None) -> bool:
    if not freshness:
        return False
    return any((freshness.get(key) or {}).get("count") for key in ("warn_after", "error_after"))


@per_resource("fct_sources_without_freshness", "source")
def sources_without_freshness(project: Project, source: Resource) -> str | None:
    """A source with neither warn_after nor error_after (enabled by default, like every rule of
    the package)."""
    config_freshness = (source.raw.get("config") or {}).get("freshness")
    if freshness_set(config_freshness) or freshness_set(source.raw.get("freshness")):
        return None
    return "no freshness warn_after or error_after: add a freshness block"


def coverage_of_tests(project: Project) -> list[Finding]:
    """Under test_coverage_target (100) % of the models have a test."""

    def tested(model: Resource) -> bool:
        return bool(project.tests_by_parent.get(model.unique_id))

    return coverage(project, "fct_test_coverage", "have a test", "test_coverage_target", tested)
