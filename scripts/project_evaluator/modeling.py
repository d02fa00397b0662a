"""The modeling rules (DOCS/modeling/): how the DAG's models read sources and each other."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .findings import grouped, groups_of_several, per_edge, per_resource
from .graph import Finding, Project, Resource, a, is_time_spine, kept_edges


def kept_parent_types(project: Project, child: Resource) -> set[str]:
    return {
        parent.resource_type for parent in project.direct_parents(child.unique_id) if parent.kept
    }


@per_edge("fct_direct_join_to_source")
def direct_join_to_source(project: Project, parent: Resource, child: Resource) -> str | None:
    """A model reading both a model and a source: each of its edges is reported."""
    if child.resource_type == "model" and {"model", "source"} <= kept_parent_types(project, child):
        return "the model reads both models and sources: read a staging model instead"
    return None


@per_edge("fct_marts_or_intermediate_dependent_on_source")
def marts_or_intermediate_dependent_on_source(
    project: Project, parent: Resource, child: Resource
) -> str | None:
    """A marts or intermediate model reading a source."""
    if parent.resource_type != "source" or child.model_type not in ("marts", "intermediate"):
        return None
    return f"{a(child.model_type)} model reads a source directly: add a staging model"


def source_location(source: Resource) -> str:
    raw = source.raw
    parts = [raw.get("database"), raw.get("schema"), raw.get("identifier")]
    if parts[0] is None:
        parts = parts[1:]
    return ".".join(str(part) for part in parts)


def duplicate_sources(project: Project) -> list[Finding]:
    """Several sources on one database.schema.identifier."""
    by_location: dict[str, list[str]] = defaultdict(list)
    for source in project.of_type("source"):
        if source.kept:
            by_location[source_location(source)].append(source.name)
    why = "one database object, several sources: {members}"
    return groups_of_several(
        "fct_duplicate_sources", by_location, why, ("source_db_location", "source_names")
    )


_NOT_DISTINCT = r"(?<!distinct\s)"
_PART = r"([\[`\"']?)(\w+-?\w*)([\]`\"']?)"
_VAR_OPEN = r"(\{\{\s*var\s*\(\s*['\"]?)"
_VAR_ARG = r"([^)'\"]+)(['\"]?\s*)"
HARD_CODED_PATTERNS = [
    # {{ var('table') }} and {{ var('table', 'default') }}
    rf"{_NOT_DISTINCT}(from|join)\s+{_VAR_OPEN}{_VAR_ARG}(\)\s*\}}\}})",
    rf"{_NOT_DISTINCT}(from|join)\s+{_VAR_OPEN}{_VAR_ARG}(,)(\s*['\"]?){_VAR_ARG}(\)\s*\}}\}})",
    # schema.table and database.schema.table, each part optionally quoted
    rf"{_NOT_DISTINCT}(from|join)\s+{_PART}(\.){_PART}(?=\s|$)",
    rf"{_NOT_DISTINCT}(from|join)\s+{_PART}(\.){_PART}(\.){_PART}(?=\s|$)",
    # a quoted table name
    rf"{_NOT_DISTINCT}(from|join)\s+([\[`\"'])(\w+-?\w+)([\]`\"'])(?=\s|$)",
]


def hard_coded_references(raw_code: str, comment_chars: Iterable[str]) -> list[str]:
    comments = "(" + "|".join(comment_chars) + ").*"
    code = re.sub(comments, "", raw_code)
    found = {
        "".join(match[1:]).strip()
        for pattern in HARD_CODED_PATTERNS
        for match in re.findall(pattern, code, re.IGNORECASE)
    }
    return sorted(found)


def sql_references(project: Project, model: Resource) -> str:
    """The relations a SQL model names outside ref() and source(), comma-separated."""
    code = model.raw.get("raw_code") or model.raw.get("raw_sql") or ""
    return ", ".join(hard_coded_references(code, project.config["comment_chars"]))


def references_column(project: Project, model: Resource) -> dict[str, str]:
    return {"hard_coded_references": sql_references(project, model)}


@per_resource("fct_hard_coded_references", "model", column="model", more=references_column)
def hard_coded_references_rule(project: Project, model: Resource) -> str | None:
    """A SQL model that names a relation in from/join (the package's regexes, after removing
    the comment_chars comments)."""
    if model.raw.get("language", "sql") != "sql":
        return None
    references = sql_references(project, model)
    return f"hard-coded relation(s) {references}: use ref() or source()" if references else None


def is_leaf_model(project: Project, resource: Resource) -> bool:
    return (
        resource.resource_type == "model"
        and resource.kept
        and not any(child.kept for child in project.direct_children(resource.unique_id))
    )


def leaf_children(project: Project, parent: Resource) -> list[str]:
    children = project.direct_children(parent.unique_id)
    return sorted({child.name for child in children if is_leaf_model(project, child)})


def leaves_column(project: Project, parent: Resource) -> dict[str, str]:
    return {"leaf_children": ", ".join(leaf_children(project, parent))}


@per_resource("fct_model_fanout", column="parent", more=leaves_column)
def model_fanout(project: Project, parent: Resource) -> str | None:
    """A resource with models_fanout_threshold (3) or more leaf model children."""
    threshold = int(project.config["models_fanout_threshold"])
    leaves = leaf_children(project, parent)
    if len(leaves) < threshold:
        return None
    return f"{len(leaves)} leaf children (threshold {threshold}): {', '.join(leaves)}"


def multiple_sources_joined(project: Project) -> list[Finding]:
    """A resource with more than one source parent."""
    by_child = grouped(
        (child.name, parent.name)
        for parent, child in kept_edges(project)
        if parent.resource_type == "source"
    )
    why = "reads {count} sources: {members}"
    return groups_of_several(
        "fct_multiple_sources_joined", by_child, why, ("child", "source_parents")
    )


def rejoining_children(project: Project, resource: Resource) -> set[str]:
    return {
        child.unique_id
        for child in project.direct_children(resource.unique_id)
        if child.kept and child.resource_type not in ("exposure", "metric")
    }


def rejoining_of_upstream_concepts(project: Project) -> list[Finding]:
    """parent -> x -> child and parent -> child, x having no other child."""
    findings = []
    for parent in project.resources.values():
        if not parent.kept:
            continue
        direct = rejoining_children(project, parent)
        for middle_uid in sorted(direct):
            middle = project.resources[middle_uid]
            onward = rejoining_children(project, middle)
            if len(onward) == 1 and onward <= direct:
                child = project.resources[onward.pop()]
                findings.append(
                    Finding(
                        "fct_rejoining_of_upstream_concepts",
                        f"{parent.name} -> {middle.name} -> {child.name}",
                        f"{child.name} reads {parent.name} both directly and through "
                        f"{middle.name}, which feeds nothing else: fold {middle.name} into "
                        f"{child.name} as a CTE",
                        {
                            "parent": parent.name,
                            "child": child.name,
                            "parent_and_child": middle.name,
                        },
                    )
                )
    return findings


@per_resource("fct_root_models", "model", column="child")
def root_models(project: Project, model: Resource) -> str | None:
    """A model with no parent (the time spine excepted)."""
    if is_time_spine(model) or project.parents.get(model.unique_id):
        return None
    return "no parent: select from ref() or source(), not from a relation or file by name"


def source_fanout(project: Project) -> list[Finding]:
    """A source read by more than one model."""
    by_source = grouped(
        (parent.name, child.name)
        for parent, child in kept_edges(project)
        if parent.resource_type == "source" and child.resource_type == "model"
    )
    why = "read by {count} models: {members}"
    return groups_of_several("fct_source_fanout", by_source, why, ("parent", "model_children"))


@per_edge("fct_staging_dependent_on_marts_or_intermediate")
def staging_dependent_on_marts_or_intermediate(
    project: Project, parent: Resource, child: Resource
) -> str | None:
    """A staging model reading a marts or intermediate model."""
    if parent.resource_type != "model" or child.resource_type != "model":
        return None
    if child.model_type != "staging" or parent.model_type not in ("marts", "intermediate"):
        return None
    return f"a staging model reads {a(parent.model_type)} model: rename it or read a source"


@per_edge("fct_staging_dependent_on_staging")
def staging_dependent_on_staging(project: Project, parent: Resource, child: Resource) -> str | None:
    """A staging model (or snapshot) reading a staging model (or snapshot)."""
    layer = ("model", "snapshot")
    if not (parent.resource_type in layer and child.resource_type in layer):
        return None
    if (parent.model_type, child.model_type) != ("staging", "staging"):
        return None
    return (
        "a staging model reads another staging model: make the child intermediate, or a "
        "base model its parent"
    )


def file_path_column(project: Project, model: Resource) -> dict[str, str]:
    return {"file_path": model.file_path}


@per_resource("fct_too_many_joins", "model", more=file_path_column)
def too_many_joins(project: Project, model: Resource) -> str | None:
    """A model with too_many_joins_threshold (7) or more direct parents."""
    threshold = int(project.config["too_many_joins_threshold"])
    parents = {parent.name for parent in project.direct_parents(model.unique_id)}
    if len(parents) < threshold:
        return None
    return f"{len(parents)} direct parents (threshold {threshold}): split it"


@per_resource("fct_unused_sources", "source", column="parent")
def unused_sources(project: Project, source: Resource) -> str | None:
    """A source with no kept descendant."""
    if any(resource.kept for resource in project.descendants(source.unique_id)):
        return None
    return "no model reads this source: remove it from its yml"
