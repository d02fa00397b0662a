"""The project's vars are read once, as dbt reads them, and every enumeration has one owner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.checks.expectations import batches
from pipeline.project_vars import VarsError, cli_vars, project_vars, render

PROJECT = Path(__file__).resolve().parents[2]


def test_command_line_vars_win_over_the_project_file() -> None:
    variables = project_vars(PROJECT, ["--select", "x", "--vars", "{gdelt_dir: /data/gdelt}"])

    assert variables["gdelt_dir"] == "/data/gdelt"
    assert variables["dispute_weight"] == 0.25  # from dbt_project.yml


@pytest.mark.parametrize("given", ["[1, 2]", "{unclosed"])
def test_vars_that_are_not_a_mapping_are_refused(given: str) -> None:
    with pytest.raises(VarsError, match="VARS"):
        cli_vars(["--vars", given])


def test_a_test_argument_renders_as_dbt_renders_it() -> None:
    variables = {
        "accepted_values": {"status": ["held", "planned"]},
        "friction_components": [{"name": "tariff"}, {"name": "gdelt"}],
    }

    assert render("{{ var('accepted_values')['status'] }}", variables) == ["held", "planned"]
    components = "{{ var('friction_components') | map(attribute='name') | list }}"
    assert render({"values": components}, variables) == {"values": ["tariff", "gdelt"]}
    # other Jinja (a test's model argument) is left for dbt
    model = "{{ get_where_subquery(ref('stg_curated__actors')) }}"
    assert render(model, variables) == model


def _accepted_values(manifest: dict, variables: dict) -> dict[str, list[list[str]]]:
    """Every accepted_values test of the project: column name → its value lists, rendered."""
    found: dict[str, list[list[str]]] = {}
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        if metadata.get("name") == "accepted_values":
            values = render(metadata["kwargs"]["values"], variables)
            found.setdefault(metadata["kwargs"]["column_name"], []).append(values)
    return found


def _value_sets(suite: list) -> dict[tuple[str, str], list[str]]:
    """Every in-set expectation of the GX suite: (batch, column) → its value set."""
    return {
        (batch.name, expectation.column): list(expectation.value_set)
        for batch in suite
        for expectation in batch.expectations
        if type(expectation).__name__ == "ExpectColumnValuesToBeInSet"
    }


def test_every_enumeration_gx_checks_is_the_one_dbt_tests(built_warehouse: Path) -> None:
    """GX checks no list of values of its own: each in-set expectation's values are those of a
    dbt accepted_values test on the same column, both read from the project's vars."""
    manifest = json.loads((built_warehouse.parent / "target" / "manifest.json").read_text())
    variables = project_vars(PROJECT)
    dbt_sets = _accepted_values(manifest, variables)
    gx_sets = _value_sets(batches(variables))

    assert gx_sets, "the GX suite checks no enumeration"
    for (batch, column), values in gx_sets.items():
        assert values in dbt_sets.get(column, []), f"{batch}.{column}: {values} is GX's own list"


def test_a_changed_enumeration_reaches_dbt_and_gx_alike(built_warehouse: Path) -> None:
    """Planted: the var changed (as `--vars` would) changes what both checks accept."""
    manifest = json.loads((built_warehouse.parent / "target" / "manifest.json").read_text())
    variables = project_vars(PROJECT)
    variables["accepted_values"] = {**variables["accepted_values"], "actor_type": ["person"]}

    assert _accepted_values(manifest, variables)["actor_type"] == [["person"]]
    assert _value_sets(batches(variables))[("dim_actors", "actor_type")] == ["person"]
