"""The governance rules (DOCS/governance/): public models and what exposures read."""

from __future__ import annotations

from .findings import per_exposure_edge, per_resource
from .graph import Project, Resource, a


def contract_enforced(resource: Resource) -> bool:
    contract = resource.raw.get("contract") or (resource.raw.get("config") or {}).get("contract")
    return bool((contract or {}).get("enforced"))


@per_resource("fct_public_models_without_contract")
def public_models_without_contract(project: Project, resource: Resource) -> str | None:
    """A public model whose contract is not enforced."""
    if not resource.is_public or contract_enforced(resource):
        return None
    return "public, but its contract is not enforced"


@per_resource("fct_undocumented_public_models")
def undocumented_public_models(project: Project, resource: Resource) -> str | None:
    """A public model without a description, or with a column without one."""
    if not resource.is_public:
        return None
    columns = list((resource.raw.get("columns") or {}).values())
    described = sum(1 for column in columns if column.get("description"))
    if resource.is_described and columns and described == len(columns):
        return None
    return (
        f"public: model described {resource.is_described}, "
        f"{described}/{len(columns)} columns described"
    )


@per_exposure_edge("fct_exposures_dependent_on_private_models")
def exposures_dependent_on_private_models(
    project: Project, parent: Resource, exposure: Resource
) -> str | None:
    """An exposure reading anything but a public model."""
    if parent.resource_type == "model" and parent.is_public:
        return None
    return (
        f"the exposure reads {a(parent.resource_type)} whose access is "
        f"{parent.raw.get('access') or 'unset'}, not public"
    )
