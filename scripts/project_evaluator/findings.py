"""The shapes a rule's findings take, so that each rule states only what it checks: one finding
per resource (per_resource) or per DAG edge (per_edge, per_exposure_edge) that a check picks, one
per group of more than one member (groups_of_several), and a coverage percentage under its target
(coverage)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import wraps

from .graph import Finding, Project, Resource, edge, exposure_edges, kept_edges

Rule = Callable[[Project], list[Finding]]
# Why a resource, or an edge (parent, child), is a finding; None if it is not.
ResourceCheck = Callable[[Project, Resource], str | None]
EdgeCheck = Callable[[Project, Resource, Resource], str | None]
# A finding's columns besides the resource's name (the package's row, for exceptions).
Columns = Callable[[Project, Resource], dict[str, str]]
Edges = Callable[[Project], Iterator[tuple[Resource, Resource]]]


def per_resource(
    rule: str, *kinds: str, column: str = "resource_name", more: Columns | None = None
) -> Callable[[ResourceCheck], Rule]:
    """The rule that checks each kept resource of the given kinds (every resource when none is
    given): the decorated check says why the resource is a finding, or None. The finding's row
    holds the resource's name under `column`, and the columns `more` gives."""

    def decorate(check: ResourceCheck) -> Rule:
        @wraps(check)
        def rule_function(project: Project) -> list[Finding]:
            resources = project.of_type(*kinds) if kinds else project.resources.values()
            findings = []
            for resource in resources:
                why = check(project, resource) if resource.kept else None
                if why is not None:
                    row = {column: resource.name, **(more(project, resource) if more else {})}
                    findings.append(Finding(rule, resource.name, why, row))
            return findings

        return rule_function

    return decorate


def per_edge(
    rule: str, edges: Edges = kept_edges, columns: tuple[str, str] = ("parent", "child")
) -> Callable[[EdgeCheck], Rule]:
    """The rule that checks each edge (by default each DAG edge between kept resources): the
    decorated check says why the edge is a finding, or None. The finding's row holds the parent's
    and the child's names under the two columns."""

    def decorate(check: EdgeCheck) -> Rule:
        @wraps(check)
        def rule_function(project: Project) -> list[Finding]:
            findings = []
            for parent, child in edges(project):
                why = check(project, parent, child)
                if why is not None:
                    row = dict(zip(columns, (parent.name, child.name), strict=True))
                    findings.append(Finding(rule, edge(parent, child), why, row))
            return findings

        return rule_function

    return decorate


def per_exposure_edge(rule: str) -> Callable[[EdgeCheck], Rule]:
    """per_edge over each exposure's kept direct parents (the package's exposure rules' row)."""
    return per_edge(rule, exposure_edges, ("parent_resource_name", "exposure_name"))


def grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """The members of each key, from (key, member) pairs."""
    groups: dict[str, set[str]] = defaultdict(set)
    for key, member in pairs:
        groups[key].add(member)
    return groups


def groups_of_several(
    rule: str, groups: Mapping[str, Collection[str]], why: str, columns: tuple[str, str]
) -> list[Finding]:
    """One finding per group of more than one member, on the group's key: `why` may name the
    {count} and the {members} (sorted, comma-separated); the row holds the key and the members
    under the two columns."""
    findings = []
    for key, members in groups.items():
        if len(members) > 1:
            names = ", ".join(sorted(members))
            reason = why.format(count=len(members), members=names)
            findings.append(
                Finding(rule, key, reason, dict(zip(columns, (key, names), strict=True)))
            )
    return findings


def coverage(
    project: Project,
    rule: str,
    what: str,
    target_variable: str,
    covered: Callable[[Resource], bool],
) -> list[Finding]:
    """The one finding of a coverage rule: the % of kept models that are `covered`, when under the
    target (the variable target_variable); none for a project without models."""
    models = [m for m in project.of_type("model") if m.kept]
    missing = [m.name for m in models if not covered(m)]
    target = float(project.config[target_variable])
    total = len(models)
    if total == 0:
        return []
    pct = round((total - len(missing)) * 100.0 / total, 2)
    if pct >= target:
        return []
    why = f"{pct}% of {total} models {what} (target {target}%); not: {', '.join(sorted(missing))}"
    return [Finding(rule, "project", why)]
