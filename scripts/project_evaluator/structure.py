"""The structure rules (DOCS/structure/): model names and the folders of models, sources and
tests."""

from __future__ import annotations

from collections.abc import Iterator

from .findings import per_resource
from .graph import Finding, Project, Resource, a, folder_of, is_time_spine, like, prefixes_of


def prefix_column(project: Project, model: Resource) -> dict[str, str]:
    return {"prefix": model.prefix or ""}


def current_file_path_column(project: Project, resource: Resource) -> dict[str, str]:
    return {"current_file_path": resource.file_path}


@per_resource("fct_model_naming_conventions", "model", more=prefix_column)
def model_naming_conventions(project: Project, model: Resource) -> str | None:
    """A model whose prefix is not one of its model type's <type>_prefixes (see CONFIG; the
    model_types; the time spine excepted)."""
    if is_time_spine(model) or model.model_type is None:
        return None
    allowed = prefixes_of(project.config, model.model_type)
    if model.prefix in allowed:
        return None
    configured = ", ".join(sorted(allowed)) or "(none configured)"
    return f"{a(model.model_type)} model: prefix it with one of {configured}"


def source_names_upstream(project: Project, model: Resource) -> list[str]:
    """The sources a model reads, at any distance (the package's staging-folder check)."""
    ancestors = project.ancestors(model.unique_id)
    return sorted({r.raw["source_name"] for r in ancestors if r.resource_type == "source"})


def staging_target(project: Project, source_name: str, file_name: str) -> str:
    """Where a file about a source belongs: under the staging folder, in the source's folder."""
    staging_folder = project.config["staging_folder_name"]
    return f"models/{staging_folder}/{source_name}/{file_name}"


def staging_directory_findings(project: Project) -> Iterator[Finding]:
    """A staging model outside the folder of each source it reads."""
    for model in project.of_type("model"):
        if not model.kept or model.model_type != "staging":
            continue
        for source in source_names_upstream(project, model):
            if not like(model.directory_path, f"%{source}%"):
                yield Finding(
                    "fct_model_directories",
                    model.name,
                    f"a staging model of source {source} in {model.directory_path}: move it "
                    f"to {staging_target(project, source, model.file_name)}",
                    {"resource_name": model.name, "current_file_path": model.file_path},
                )


@per_resource("fct_model_directories", more=current_file_path_column)
def layer_directory_findings(project: Project, resource: Resource) -> str | None:
    """A resource whose model type (from its prefix) is not that of its closest folder."""
    if None in (resource.model_type, resource.model_type_folder):
        return None
    if resource.model_type == resource.model_type_folder:
        return None
    folder = folder_of(project.config, resource.model_type)
    target = f"models/.../{folder}/.../{resource.file_name}" if folder else "(no folder)"
    return (
        f"{a(resource.model_type)} model nested closest to "
        f"{a(resource.model_type_folder)} folder: move it to {target}"
    )


def model_directories(project: Project) -> list[Finding]:
    """<type>_folder_name (see CONFIG): staging models under their source's folder, and every
    model under the folder of its type."""
    return [*staging_directory_findings(project), *layer_directory_findings(project)]


@per_resource("fct_source_directories", "source", more=current_file_path_column)
def source_directories(project: Project, source: Resource) -> str | None:
    """A source whose yml is not under a folder named after it."""
    name = source.raw["source_name"]
    if like(source.directory_path, f"%{name}%"):
        return None
    target = staging_target(project, name, source.file_name)
    return f"defined in {source.file_path}: move the definition to {target}"


def tests_outside_model_directories(project: Project) -> list[Finding]:
    """A generic test whose yml is not in its model's folder."""
    findings = []
    for uid, parent_uid in project.test_parent.items():
        test = project.resources[uid]
        model = project.resources.get(parent_uid or "")
        if not test.kept or not test.raw.get("test_metadata"):
            continue
        if model is None or model.resource_type != "model" or not model.kept:
            continue
        if model.directory_path != test.directory_path:
            findings.append(
                Finding(
                    "fct_test_directories",
                    f"{test.name} (on {model.name})",
                    f"declared in {test.directory_path}, the model is in "
                    f"{model.directory_path}: move it to a yml there",
                    {"test_name": test.name, "model_name": model.name},
                )
            )
    return findings
