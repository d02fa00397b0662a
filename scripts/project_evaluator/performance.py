"""The performance rules (DOCS/performance/): chains of views, and what exposures read."""

from __future__ import annotations

from collections.abc import Iterator

from .findings import per_exposure_edge
from .graph import Finding, Project, Resource, a

VIEW_LIKE = {"view", "ephemeral"}


def view_chains(project: Project) -> Iterator[list[Resource]]:
    """Every DAG path whose resources, all but the last, are views or ephemerals."""
    for start in project.resources.values():
        if start.materialized not in VIEW_LIKE or start.resource_type == "test":
            continue
        todo = [[start]]
        while todo:
            path = todo.pop()
            if path[-1].materialized not in VIEW_LIKE:
                continue
            for child in project.direct_children(path[-1].unique_id):
                todo.append([*path, child])
                yield [*path, child]


def chained_views_dependencies(project: Project) -> list[Finding]:
    """A chain of views/ephemerals longer than chained_views_threshold (5, the package's
    dbt_project.yml value for every adapter but athena/trino/clickhouse; the page still says
    ">= 4": it predates that change): distance > 5."""
    threshold = int(project.config["chained_views_threshold"])
    findings = []
    for path in view_chains(project):
        parent, child, distance = path[0], path[-1], len(path) - 1
        if child.resource_type == "model" and parent.kept and child.kept and distance > threshold:
            chain = " -> ".join(resource.name for resource in path)
            findings.append(
                Finding(
                    "fct_chained_views_dependencies",
                    f"{parent.name} -> {child.name}",
                    f"{distance} chained views/ephemerals (threshold {threshold}): {chain}",
                    {"parent": parent.name, "child": child.name, "distance": str(distance)},
                )
            )
    return sorted(findings, key=lambda f: (-int(f.row["distance"]), f.subject, f.why))


@per_exposure_edge("fct_exposure_parents_materializations")
def exposure_parents_materializations(
    project: Project, parent: Resource, exposure: Resource
) -> str | None:
    """An exposure reading a source, a view or an ephemeral."""
    a_view = parent.resource_type == "model" and parent.materialized in VIEW_LIKE
    if parent.resource_type != "source" and not a_view:
        return None
    return (
        f"an exposure reads {a(parent.materialized or parent.resource_type)}: "
        "materialize it as a table or incremental"
    )
