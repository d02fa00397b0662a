"""The project's dbt vars as dbt resolves them: `--vars` on the command line over dbt_project.yml.

The one place the Python reads what the project configures (the GDELT folder, the enumerations
the GX audit checks): dbt's manifest does not record vars, so they are read from the same file
and with the same precedence dbt uses. `render` evaluates a test argument written as Jinja
(`"{{ var('accepted_values')['measure_type'] }}"`, stored unrendered in the manifest) the way
dbt renders it, to a native value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from jinja2.nativetypes import NativeEnvironment


class VarsError(ValueError):
    """`--vars` is not a YAML mapping; the message shows what was given."""


def cli_vars(dbt_args: Sequence[str]) -> dict[str, Any]:
    """The vars given to dbt with `--vars '{...}'` (make build VARS=...)."""
    arguments = list(dbt_args)
    for position, argument in enumerate(arguments[:-1]):
        if argument == "--vars":
            try:
                given = yaml.safe_load(arguments[position + 1])
            except yaml.YAMLError as error:
                raise VarsError(f"VARS: not a YAML mapping ({error})") from error
            if not isinstance(given, dict):
                raise VarsError(
                    f"VARS: {arguments[position + 1]!r} is not a mapping like "
                    "'{dispute_weight: 0.5}'"
                )
            return given
    return {}


def project_vars(project: Path, dbt_args: Sequence[str] = ()) -> dict[str, Any]:
    """Every var of the project: dbt_project.yml's `vars`, overridden by `--vars`."""
    project_file = yaml.safe_load((project / "dbt_project.yml").read_text(encoding="utf-8"))
    return {**(project_file.get("vars") or {}), **cli_vars(dbt_args)}


def render(value: Any, variables: dict[str, Any]) -> Any:
    """A test argument as dbt renders it: Jinja that reads `var()`, evaluated to a native value.

    Other Jinja (a test's `model` argument) is left as it is.
    """
    if isinstance(value, str) and "{{" in value and "var(" in value:
        template = NativeEnvironment().from_string(value)
        return template.render(var=lambda name, default=None: variables.get(name, default))
    if isinstance(value, list):
        return [render(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: render(item, variables) for key, item in value.items()}
    return value
