"""The documentation rules (DOCS/documentation/): descriptions of models and sources."""

from __future__ import annotations

from .findings import coverage, per_resource
from .graph import Finding, Project, Resource


def documentation_coverage(project: Project) -> list[Finding]:
    """Under documentation_coverage_target (100) % of the models have a description."""
    target, what = "documentation_coverage_target", "have a description"
    return coverage(project, "fct_documentation_coverage", what, target, lambda m: m.is_described)


@per_resource("fct_undocumented_models", "model")
def undocumented_models(project: Project, model: Resource) -> str | None:
    """A model without a description."""
    return None if model.is_described else "no description"


@per_resource("fct_undocumented_source_tables", "source")
def undocumented_source_tables(project: Project, source: Resource) -> str | None:
    """A source table without a description."""
    return None if source.is_described else "the source table has no description"


def undocumented_sources(project: Project) -> list[Finding]:
    """A source (one finding per source_name) without a source_description."""
    names = {
        source.raw["source_name"]
        for source in project.of_type("source")
        if source.kept and not source.raw.get("source_description")
    }
    why = "the source has no description"
    return [
        Finding("fct_undocumented_sources", name, why, {"source_name": name})
        for name in sorted(names)
    ]
