"""Documentation coverage: every model, seed, snapshot, analysis, source, macro, exposure,
semantic model and metric of the project has a description, and so has every column, both the
columns declared in YAML (manifest.json) and those that exist in the database (catalog.json).
"""

from __future__ import annotations

from typing import Any

PROJECT = "friction"
DESCRIBED_NODES = {"model", "seed", "snapshot", "analysis"}
OTHER_RESOURCES = ["sources", "exposures", "semantic_models", "metrics", "saved_queries"]


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _columns(unique_id: str, node: dict[str, Any], catalog: dict[str, Any]) -> list[str]:
    declared = node.get("columns", {})
    missing = [
        f"{unique_id} column {name}"
        for name, column in declared.items()
        if _blank(column.get("description"))
    ]
    catalogued = catalog.get("nodes", {}).get(unique_id, {}) or catalog.get("sources", {}).get(
        unique_id, {}
    )
    described = {
        name.lower() for name, column in declared.items() if not _blank(column.get("description"))
    }
    for name in catalogued.get("columns", {}):
        if name.lower() not in described and name.lower() not in {n.lower() for n in declared}:
            missing.append(f"{unique_id} column {name} (in the database, not in YAML)")
    return missing


def undescribed(manifest: dict[str, Any], catalog: dict[str, Any]) -> list[str]:
    """Every project resource or column without a description."""
    missing: list[str] = []
    for unique_id, node in manifest.get("nodes", {}).items():
        if node.get("package_name") != PROJECT or node.get("resource_type") not in DESCRIBED_NODES:
            continue
        if _blank(node.get("description")):
            missing.append(unique_id)
        missing += _columns(unique_id, node, catalog)
    for kind in OTHER_RESOURCES:
        for unique_id, resource in manifest.get(kind, {}).items():
            if resource.get("package_name") != PROJECT:
                continue
            if _blank(resource.get("description")):
                missing.append(unique_id)
            if kind == "sources":
                missing += _columns(unique_id, resource, catalog)
    for unique_id, macro in manifest.get("macros", {}).items():
        if macro.get("package_name") != PROJECT:
            continue
        if _blank(macro.get("description")):
            missing.append(unique_id)
        missing += [
            f"{unique_id} argument {argument['name']}"
            for argument in macro.get("arguments", [])
            if _blank(argument.get("description"))
        ]
    return sorted(missing)
