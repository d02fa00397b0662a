"""Running the rules: the RULES registry (the package's fct_ models, in the order of its
documentation), the exceptions, the summary, and main."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import CONFIG, EXCEPTIONS
from .documentation import (
    documentation_coverage,
    undocumented_models,
    undocumented_source_tables,
    undocumented_sources,
)
from .findings import Rule
from .governance import (
    exposures_dependent_on_private_models,
    public_models_without_contract,
    undocumented_public_models,
)
from .graph import Finding, build_project, like
from .modeling import (
    direct_join_to_source,
    duplicate_sources,
    hard_coded_references_rule,
    marts_or_intermediate_dependent_on_source,
    model_fanout,
    multiple_sources_joined,
    rejoining_of_upstream_concepts,
    root_models,
    source_fanout,
    staging_dependent_on_marts_or_intermediate,
    staging_dependent_on_staging,
    too_many_joins,
    unused_sources,
)
from .performance import chained_views_dependencies, exposure_parents_materializations
from .structure import (
    model_directories,
    model_naming_conventions,
    source_directories,
    tests_outside_model_directories,
)
from .testing import coverage_of_tests, missing_primary_key_tests, sources_without_freshness

# Coverage rules cannot be excepted, as in the package.
COVERAGE_RULES = {"fct_test_coverage", "fct_documentation_coverage"}

RULES: dict[str, Rule] = {
    "fct_direct_join_to_source": direct_join_to_source,
    "fct_marts_or_intermediate_dependent_on_source": marts_or_intermediate_dependent_on_source,
    "fct_duplicate_sources": duplicate_sources,
    "fct_hard_coded_references": hard_coded_references_rule,
    "fct_model_fanout": model_fanout,
    "fct_multiple_sources_joined": multiple_sources_joined,
    "fct_rejoining_of_upstream_concepts": rejoining_of_upstream_concepts,
    "fct_root_models": root_models,
    "fct_source_fanout": source_fanout,
    "fct_staging_dependent_on_marts_or_intermediate": staging_dependent_on_marts_or_intermediate,
    "fct_staging_dependent_on_staging": staging_dependent_on_staging,
    "fct_too_many_joins": too_many_joins,
    "fct_unused_sources": unused_sources,
    "fct_missing_primary_key_tests": missing_primary_key_tests,
    "fct_sources_without_freshness": sources_without_freshness,
    "fct_test_coverage": coverage_of_tests,
    "fct_documentation_coverage": documentation_coverage,
    "fct_undocumented_models": undocumented_models,
    "fct_undocumented_source_tables": undocumented_source_tables,
    "fct_undocumented_sources": undocumented_sources,
    "fct_model_naming_conventions": model_naming_conventions,
    "fct_model_directories": model_directories,
    "fct_source_directories": source_directories,
    "fct_test_directories": tests_outside_model_directories,
    "fct_chained_views_dependencies": chained_views_dependencies,
    "fct_exposure_parents_materializations": exposure_parents_materializations,
    "fct_public_models_without_contract": public_models_without_contract,
    "fct_undocumented_public_models": undocumented_public_models,
    "fct_exposures_dependent_on_private_models": exposures_dependent_on_private_models,
}


def is_excepted(finding: Finding, exceptions: list[dict[str, str]]) -> bool:
    if finding.rule in COVERAGE_RULES:
        return False
    return any(
        exception["fct_name"] == finding.rule
        and like(finding.row.get(exception["column_name"]), exception["id_to_exclude"])
        for exception in exceptions
    )


def evaluate(
    manifest: dict[str, Any],
    config: dict[str, Any] | None = None,
    exceptions: list[dict[str, str]] | None = None,
) -> list[Finding]:
    project = build_project(manifest, config or CONFIG)
    findings = [finding for rule in RULES.values() for finding in rule(project)]
    return [
        f for f in findings if not is_excepted(f, EXCEPTIONS if exceptions is None else exceptions)
    ]


def summary(findings: list[Finding]) -> list[str]:
    counts = {rule: 0 for rule in RULES}
    for finding in findings:
        counts[finding.rule] += 1
    width = max(len(rule) for rule in RULES)
    lines = [f"  {rule:<{width}}  {count}" for rule, count in counts.items()]
    return ["summary (findings per rule):", *lines, f"  {'total':<{width}}  {len(findings)}"]


def main(argv: list[str], exceptions: list[dict[str, str]] | None = None) -> int:
    """Print the findings and each exception's use; 1 on any finding or stale exception."""
    exceptions = EXCEPTIONS if exceptions is None else exceptions
    path = Path(argv[1]) if len(argv) > 1 else Path("target/manifest.json")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    every = evaluate(manifest, exceptions=[])
    findings = [finding for finding in every if not is_excepted(finding, exceptions)]
    for finding in findings:
        print(finding)
    for exception in exceptions:
        matched = [finding for finding in every if is_excepted(finding, [exception])]
        state = f"{len(matched)} finding(s) excepted" if matched else "STALE: matches nothing"
        print(f"exception {exception['fct_name']} {exception['id_to_exclude']}: {state}")
        print(f"  reason: {exception['comment']}")
    stale = [e for e in exceptions if not any(is_excepted(f, [e]) for f in every)]
    print("\n".join(summary(findings)))
    return 1 if findings or stale else 0
