"""The graph the rules read: the package's int_all_graph_resources (Resource), their DAG
(Project), a rule's finding (Finding), the manifest loading, and the helpers the rules share."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

PACKAGE = "dbt_project_evaluator"
NO_MODEL_TYPE = {"test", "source", "metric", "exposure", "seed"}


@dataclass
class Resource:
    """One row of the package's int_all_graph_resources."""

    unique_id: str
    name: str  # the package's resource_name: <source>.<table> for sources, <name>.v<n> versions
    resource_type: str
    package_name: str
    file_path: str
    raw: dict[str, Any]
    is_excluded: bool | None  # None for exposures and metrics, as in the package
    prefix: str | None = None
    model_type: str | None = None
    model_type_folder: str | None = None

    @property
    def file_name(self) -> str:
        return re.sub(r".*/", "", self.file_path)

    @property
    def directory_path(self) -> str:
        return self.file_path.replace(self.file_name, "")

    @property
    def materialized(self) -> str | None:
        return (self.raw.get("config") or {}).get("materialized")

    @property
    def kept(self) -> bool:
        """The package's `is_excluded = false` (false for NULL too)."""
        return self.is_excluded is False

    @property
    def is_public(self) -> bool:
        return self.raw.get("access") == "public"

    @property
    def is_described(self) -> bool:
        return bool(self.raw.get("description"))


@dataclass
class Project:
    name: str
    resources: dict[str, Resource]
    parents: dict[str, list[str]]  # DAG (no tests): direct parents that are resources
    children: dict[str, list[str]]
    test_parent: dict[str, str | None]  # each test's primary parent
    config: dict[str, Any]

    def of_type(self, *types: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.resource_type in types]

    def direct_children(self, uid: str) -> list[Resource]:
        return [self.resources[c] for c in self.children.get(uid, [])]

    def direct_parents(self, uid: str) -> list[Resource]:
        return [self.resources[p] for p in self.parents.get(uid, [])]

    def descendants(self, uid: str) -> Iterator[Resource]:
        yield from self._walk(uid, self.children)

    def ancestors(self, uid: str) -> Iterator[Resource]:
        yield from self._walk(uid, self.parents)

    def _walk(self, uid: str, edges: dict[str, list[str]]) -> Iterator[Resource]:
        seen: set[str] = set()
        todo = list(edges.get(uid, []))
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                yield self.resources[current]
                todo.extend(edges.get(current, []))

    @cached_property
    def tests_by_parent(self) -> dict[str, list[Resource]]:
        """The kept tests of each resource, by the test's primary parent."""
        grouped: dict[str, list[Resource]] = defaultdict(list)
        for uid, parent in self.test_parent.items():
            test = self.resources[uid]
            if test.kept and parent is not None:
                grouped[parent].append(test)
        return grouped


@dataclass
class Finding:
    rule: str
    subject: str  # the node or edge
    why: str
    row: dict[str, str] = field(default_factory=dict)  # the package's columns, for exceptions

    def __str__(self) -> str:
        return f"{self.rule}: {self.subject}: {self.why}"


def resource_name(node: dict[str, Any], kind: str) -> str:
    if kind == "source":
        return f"{node['source_name']}.{node['name']}"
    if node.get("version") not in (None, ""):
        return f"{node['name']}.v{node['version']}"
    return node["name"]


def name_prefix(name: str) -> str:
    return name.split("_")[0] + "_"


def prefixes_of(config: dict[str, Any], model_type: str) -> list[str]:
    value = config.get(f"{model_type}_prefixes", [])
    return [value] if isinstance(value, str) else list(value)


def folder_of(config: dict[str, Any], model_type: str) -> str | None:
    return config.get(f"{model_type}_folder_name")


def type_from_prefix(config: dict[str, Any], prefix: str) -> str | None:
    for model_type in config["model_types"]:
        if prefix in prefixes_of(config, model_type):
            return model_type
    return None


def type_from_folder(config: dict[str, Any], directory_path: str) -> str | None:
    """The model type whose folder is closest to the file (the last one in its path)."""
    best: tuple[int, str | None] = (0, None)
    for model_type in config["model_types"]:
        folder = folder_of(config, model_type)
        if folder:
            position = directory_path.find(f"/{folder}/") + 1
            if position > best[0]:
                best = (position, model_type)
    return best[1]


def classify(resource: Resource, config: dict[str, Any]) -> None:
    if resource.resource_type == "source":
        return
    resource.prefix = name_prefix(resource.raw["name"])
    if resource.resource_type in NO_MODEL_TYPE:
        return
    by_prefix = type_from_prefix(config, resource.prefix)
    resource.model_type_folder = type_from_folder(config, resource.directory_path)
    resource.model_type = by_prefix or resource.model_type_folder or "other"


def excluded_path(node: dict[str, Any], kind: str) -> str:
    path = node.get("original_file_path", "")
    if kind == "source":
        return f"{path}:{node['fqn'][-2]}.{node['fqn'][-1]}"
    return path


def is_excluded(node: dict[str, Any], kind: str, project_name: str, config: dict) -> bool:
    package = node.get("package_name")
    packages = config.get("exclude_packages", [])
    if package != project_name and (package in packages or "all" in packages):
        return True
    return package == project_name and any(
        re.search(pattern, excluded_path(node, kind), re.IGNORECASE)
        for pattern in config.get("exclude_paths_from_project", [])
    )


def make_resource(node: dict[str, Any], kind: str, project: str, config: dict) -> Resource:
    flagged = None if kind in ("exposure", "metric") else is_excluded(node, kind, project, config)
    resource = Resource(
        unique_id=node["unique_id"],
        name=resource_name(node, kind),
        resource_type=node.get("resource_type", kind),
        package_name=node.get("package_name", ""),
        file_path=node.get("original_file_path", ""),
        raw=node,
        is_excluded=flagged,
    )
    classify(resource, config)
    return resource


def manifest_entries(manifest: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    for node in manifest.get("nodes", {}).values():
        yield node, "node"
    for kind in ("source", "exposure", "metric"):
        for node in manifest.get(f"{kind}s", {}).values():
            yield node, kind


def is_enabled(node: dict[str, Any]) -> bool:
    return (node.get("config") or {}).get("enabled", True) is not False


def depends_on(node: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys((node.get("depends_on") or {}).get("nodes") or []))


def primary_parent(node: dict[str, Any]) -> str | None:
    """The parent a test is attached to (the package: attached_node, else the last parent)."""
    parents = depends_on(node)
    return node.get("attached_node") or (parents[-1] if parents else None)


def build_project(manifest: dict[str, Any], config: dict[str, Any]) -> Project:
    name = manifest.get("metadata", {}).get("project_name", "")
    resources = {
        node["unique_id"]: make_resource(node, kind, name, config)
        for node, kind in manifest_entries(manifest)
        if node.get("package_name") != PACKAGE and is_enabled(node)
    }
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    test_parent: dict[str, str | None] = {}
    for uid, resource in resources.items():
        if resource.resource_type == "test":
            test_parent[uid] = primary_parent(resource.raw)
            continue
        for parent in depends_on(resource.raw):
            if parent in resources and resources[parent].resource_type != "test":
                parents[uid].append(parent)
                children[parent].append(uid)
    return Project(name, resources, dict(parents), dict(children), test_parent, config)


def a(word: str | None) -> str:
    word = word or "unknown"
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def edge(parent: Resource, child: Resource) -> str:
    return f"{parent.name} -> {child.name}"


def kept_edges(project: Project) -> Iterator[tuple[Resource, Resource]]:
    """Direct DAG relationships whose two ends are not excluded (nor exposures, nor metrics)."""
    for uid, parents in project.parents.items():
        child = project.resources[uid]
        for parent_uid in parents:
            parent = project.resources[parent_uid]
            if parent.kept and child.kept:
                yield parent, child


def like(value: str | None, pattern: str) -> bool:
    """SQL `like`: % is any run of characters, _ any one character."""
    if value is None:
        return False
    parts = ("." if char == "_" else ".*" if char == "%" else re.escape(char) for char in pattern)
    return re.fullmatch("".join(parts), value, re.DOTALL) is not None


def exposure_edges(project: Project) -> Iterator[tuple[Resource, Resource]]:
    """Each exposure with each of its direct parents that is not excluded."""
    for exposure in project.of_type("exposure"):
        for parent in project.direct_parents(exposure.unique_id):
            if parent.kept:
                yield parent, exposure


def is_time_spine(resource: Resource) -> bool:
    return resource.raw.get("time_spine") is not None
