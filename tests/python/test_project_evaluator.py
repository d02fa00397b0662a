"""scripts/check_project_evaluator.py: each rule reports a defect planted in a minimal fake
manifest, and a clean minimal manifest gives no finding. Fast: no dbt run."""

import copy
import importlib.util
import json
import sys
from functools import reduce
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_project_evaluator.py"
_spec = importlib.util.spec_from_file_location("check_project_evaluator", SCRIPT)
evaluator = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = evaluator  # (dataclasses look their module up there)
_spec.loader.exec_module(evaluator)

P = "shop"  # the fake project


def uid(name, kind="model"):
    return f"{kind}.{P}.{name}"


def model(name, path, parents=(), materialized="view", **extra):
    node = {
        "unique_id": uid(name),
        "name": name,
        "resource_type": "model",
        "package_name": P,
        "original_file_path": path,
        "config": {"enabled": True, "materialized": materialized},
        "access": "protected",
        "contract": {"enforced": False},
        "description": f"{name} described",
        "columns": {"order_id": {"name": "order_id", "description": "key", "constraints": []}},
        "depends_on": {"nodes": list(parents), "macros": []},
        "raw_code": "select * from {{ ref('something') }}",
        "language": "sql",
        "time_spine": None,
    }
    node.update(extra)
    return node


def generic_test(name, macro, on, yml, column="order_id", kind="model"):
    return {
        "unique_id": f"test.{P}.{name}",
        "name": name,
        "resource_type": "test",
        "package_name": P,
        "original_file_path": yml,
        "config": {"enabled": True},
        "column_name": column,
        "attached_node": uid(on, kind),
        "test_metadata": {"name": macro.split(".")[-1].removeprefix("test_"), "kwargs": {}},
        "depends_on": {"nodes": [uid(on, kind)], "macros": [macro]},
    }


def pk_tests(model_name, yml):
    return [
        generic_test(f"unique_{model_name}", "macro.dbt.test_unique", model_name, yml),
        generic_test(f"not_null_{model_name}", "macro.dbt.test_not_null", model_name, yml),
    ]


def source(name="orders", source_name="raw", yml="models/staging/raw/_raw__sources.yml", **extra):
    node = {
        "unique_id": f"source.{P}.{source_name}.{name}",
        "name": name,
        "source_name": source_name,
        "resource_type": "source",
        "package_name": P,
        "original_file_path": yml,
        "fqn": [P, "staging", source_name, name],
        "config": {"enabled": True, "freshness": {"warn_after": {"count": 1, "period": "day"}}},
        "freshness": None,
        "description": "orders table",
        "source_description": "raw schema",
        "database": "db",
        "schema": source_name,
        "identifier": name,
    }
    node.update(extra)
    return node


STAGING = "models/staging/raw/"
INTERMEDIATE = "models/intermediate/"
MARTS = "models/marts/"
ORDERS_SOURCE = f"source.{P}.raw.orders"


def clean_manifest():
    """Source -> stg -> int -> fct (a public, contracted, documented table) -> exposure."""
    nodes = [
        model(
            "stg_raw__orders",
            STAGING + "stg_raw__orders.sql",
            [ORDERS_SOURCE],
        ),
        model(
            "int_orders_enriched",
            INTERMEDIATE + "int_orders_enriched.sql",
            [uid("stg_raw__orders")],
        ),
        model(
            "fct_orders",
            MARTS + "fct_orders.sql",
            [uid("int_orders_enriched")],
            materialized="table",
            access="public",
            contract={"enforced": True},
        ),
        *pk_tests("stg_raw__orders", STAGING + "_raw__models.yml"),
        *pk_tests("int_orders_enriched", INTERMEDIATE + "_int__models.yml"),
        *pk_tests("fct_orders", MARTS + "_marts__models.yml"),
    ]
    src = source()
    exposure = {
        "unique_id": f"exposure.{P}.dashboard",
        "name": "dashboard",
        "resource_type": "exposure",
        "package_name": P,
        "original_file_path": "models/_exposures.yml",
        "depends_on": {"nodes": [uid("fct_orders")]},
        "description": "a dashboard",
    }
    return {
        "metadata": {"project_name": P},
        "nodes": {node["unique_id"]: node for node in nodes},
        "sources": {src["unique_id"]: src},
        "exposures": {exposure["unique_id"]: exposure},
        "metrics": {},
    }


def run(manifest, tmp_path, capsys):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    code = evaluator.main(["check_project_evaluator.py", str(path)], exceptions=[])
    lines = capsys.readouterr().out.splitlines()
    return code, [line for line in lines if not line.startswith(("summary", " "))]


def reported(manifest, tmp_path, capsys, rule):
    code, findings = run(manifest, tmp_path, capsys)
    hits = [line for line in findings if line.startswith(f"{rule}: ")]
    assert hits, f"{rule} not reported; findings: {findings}"
    assert code == 1
    return hits


def add(manifest, *nodes):
    for node in nodes:
        manifest["nodes"][node["unique_id"]] = node
    return manifest


# each folder's yml, where its models' tests are declared
MODELS_YML = {
    STAGING: "_raw__models.yml",
    INTERMEDIATE: "_int__models.yml",
    MARTS: "_marts__models.yml",
}


def add_model(manifest, name, folder, parents, **extra):
    """A model in one of the folders above, with its primary-key tests in the folder's yml."""
    node = model(name, folder + f"{name}.sql", parents, **extra)
    return add(manifest, node, *pk_tests(name, folder + MODELS_YML[folder]))


def add_leaf_mart(manifest, name, parents, **extra):
    return add_model(manifest, name, MARTS, parents, materialized="table", **extra)


def node_of(manifest, name):
    return manifest["nodes"][uid(name)]


def move_model(manifest, name, sql_path, yml_path):
    """The model's file moves to sql_path, the tests attached to it to yml_path."""
    node_of(manifest, name)["original_file_path"] = sql_path
    for test in manifest["nodes"].values():
        if test.get("attached_node") == uid(name):
            test["original_file_path"] = yml_path


@pytest.fixture
def m():
    return clean_manifest()


def test_clean_manifest_has_no_finding(m, tmp_path, capsys):
    code, findings = run(m, tmp_path, capsys)
    assert findings == []
    assert code == 0


def test_every_rule_has_a_test():
    """A rule is tested by a test_<rule> function, or by its case in one of the tables below."""
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_fct_")}
    assert set(evaluator.RULES) <= tested | set(ONE_PROPERTY_PLANTED) | set(A_STAGING_MODEL_ADDED)


def cases(table):
    """pytest.param(rule, *case) for each rule of a table, its id the rule."""
    return [pytest.param(rule, *case, id=rule) for rule, case in table.items()]


# ---- one property planted (rules of every category) ------------------------------------------

# rule: (the unique_id of a resource of the clean manifest, the keys of one of its properties, the
# value planted there, a part of the rule's first finding)
ONE_PROPERTY_PLANTED = {
    "fct_marts_or_intermediate_dependent_on_source": (
        uid("int_orders_enriched"),
        ["depends_on", "nodes"],
        [ORDERS_SOURCE],
        "raw.orders -> int_orders_enriched",
    ),
    "fct_sources_without_freshness": (
        ORDERS_SOURCE,
        ["config", "freshness"],
        None,
        "fct_sources_without_freshness: raw.orders:",
    ),
    "fct_documentation_coverage": (uid("stg_raw__orders"), ["description"], "", "66.67%"),
    "fct_undocumented_source_tables": (
        ORDERS_SOURCE,
        ["description"],
        "",
        "fct_undocumented_source_tables: raw.orders:",
    ),
    "fct_undocumented_sources": (
        ORDERS_SOURCE,
        ["source_description"],
        "",
        "fct_undocumented_sources: raw:",
    ),
    "fct_source_directories": (
        ORDERS_SOURCE,
        ["original_file_path"],
        "models/staging/_sources.yml",
        "models/staging/raw/_sources.yml",
    ),
    "fct_test_directories": (
        f"test.{P}.unique_fct_orders",
        ["original_file_path"],
        STAGING + "_raw__models.yml",
        "fct_test_directories: unique_fct_orders (on fct_orders):",
    ),
    "fct_exposure_parents_materializations": (
        uid("fct_orders"),
        ["config", "materialized"],
        "view",
        "fct_orders -> dashboard",
    ),
    "fct_public_models_without_contract": (
        uid("fct_orders"),
        ["contract"],
        {"enforced": False},
        "fct_public_models_without_contract: fct_orders:",
    ),
    "fct_undocumented_public_models": (
        uid("fct_orders"),
        ["columns", "amount"],
        {"name": "amount", "description": ""},
        "1/2 columns described",
    ),
    "fct_exposures_dependent_on_private_models": (
        uid("fct_orders"),
        ["access"],
        "protected",
        "fct_orders -> dashboard",
    ),
}


@pytest.mark.parametrize(
    ("rule", "unique_id", "keys", "value", "expected"), cases(ONE_PROPERTY_PLANTED)
)
def test_one_planted_property(m, tmp_path, capsys, rule, unique_id, keys, value, expected):
    resource = {**m["nodes"], **m["sources"]}[unique_id]
    *path, last = keys
    reduce(dict.__getitem__, path, resource)[last] = value
    hits = reported(m, tmp_path, capsys, rule)
    assert expected in hits[0]


# ---- a staging model added, read by another model --------------------------------------------

# rule: (the new model, its parent, the model that reads it, a part of the rule's first finding)
A_STAGING_MODEL_ADDED = {
    "fct_source_fanout": (
        "stg_raw__orders_copy",
        ORDERS_SOURCE,
        "int_orders_enriched",
        "stg_raw__orders, stg_raw__orders_copy",
    ),
    "fct_staging_dependent_on_marts_or_intermediate": (
        "stg_raw__late",
        uid("int_orders_enriched"),
        "fct_orders",
        "int_orders_enriched -> stg_raw__late",
    ),
    "fct_staging_dependent_on_staging": (
        "stg_raw__orders_cleaned",
        uid("stg_raw__orders"),
        "int_orders_enriched",
        "stg_raw__orders -> stg_raw__orders_cleaned",
    ),
}


@pytest.mark.parametrize(
    ("rule", "name", "parent", "reader", "expected"), cases(A_STAGING_MODEL_ADDED)
)
def test_a_staging_model_added(m, tmp_path, capsys, rule, name, parent, reader, expected):
    add_model(m, name, STAGING, [parent])
    node_of(m, reader)["depends_on"]["nodes"].append(uid(name))
    hits = reported(m, tmp_path, capsys, rule)
    assert expected in hits[0]


# ---- modeling --------------------------------------------------------------------------------


def test_fct_direct_join_to_source(m, tmp_path, capsys):
    node_of(m, "int_orders_enriched")["depends_on"]["nodes"].append(ORDERS_SOURCE)
    hits = reported(m, tmp_path, capsys, "fct_direct_join_to_source")
    assert any("raw.orders -> int_orders_enriched" in hit for hit in hits)


def test_fct_duplicate_sources(m, tmp_path, capsys):
    twin = source("orders_again", identifier="orders")
    m["sources"][twin["unique_id"]] = twin
    node_of(m, "stg_raw__orders")["depends_on"]["nodes"].append(twin["unique_id"])
    hits = reported(m, tmp_path, capsys, "fct_duplicate_sources")
    assert "db.raw.orders" in hits[0]


def test_fct_hard_coded_references(m, tmp_path, capsys):
    node_of(m, "int_orders_enriched")["raw_code"] = (
        '-- from commented.out\nselect * from analytics.orders o join "customers" c on 1 = 1'
    )
    hits = reported(m, tmp_path, capsys, "fct_hard_coded_references")
    assert "analytics.orders" in hits[0] and '"customers"' in hits[0]
    assert "commented" not in hits[0]


def test_fct_model_fanout(m, tmp_path, capsys):
    for name in ("fct_a", "fct_b", "fct_c"):
        add_leaf_mart(m, name, [uid("int_orders_enriched")])
    hits = reported(m, tmp_path, capsys, "fct_model_fanout")
    # fct_orders counts too: its only child is an exposure, which the package leaves out
    assert hits[0].startswith("fct_model_fanout: int_orders_enriched: 4 leaf children")


def test_fct_multiple_sources_joined(m, tmp_path, capsys):
    customers = source("customers")
    m["sources"][customers["unique_id"]] = customers
    node_of(m, "stg_raw__orders")["depends_on"]["nodes"].append(customers["unique_id"])
    hits = reported(m, tmp_path, capsys, "fct_multiple_sources_joined")
    assert "raw.customers, raw.orders" in hits[0]


def test_fct_rejoining_of_upstream_concepts(m, tmp_path, capsys):
    node_of(m, "fct_orders")["depends_on"]["nodes"].append(uid("stg_raw__orders"))
    hits = reported(m, tmp_path, capsys, "fct_rejoining_of_upstream_concepts")
    assert "stg_raw__orders -> int_orders_enriched -> fct_orders" in hits[0]


def test_fct_rejoining_needs_a_single_use_model_in_between(m, tmp_path, capsys):
    node_of(m, "fct_orders")["depends_on"]["nodes"].append(uid("stg_raw__orders"))
    add_leaf_mart(m, "fct_other", [uid("int_orders_enriched")])
    _, findings = run(m, tmp_path, capsys)
    assert not [f for f in findings if f.startswith("fct_rejoining_of_upstream_concepts")]


def test_fct_root_models(m, tmp_path, capsys):
    add_leaf_mart(m, "dim_calendar", [])
    spine = model("metricflow_time_spine", "models/semantic/x.sql", [], time_spine={"a": 1})
    add(m, spine, *pk_tests("metricflow_time_spine", "models/semantic/_s.yml"))
    hits = reported(m, tmp_path, capsys, "fct_root_models")
    assert [hit.split(": ")[1] for hit in hits] == ["dim_calendar"]


def test_fct_too_many_joins(m, tmp_path, capsys):
    parents = [f"stg_raw__part_{number}" for number in range(7)]
    for name in parents:
        add_model(m, name, STAGING, [ORDERS_SOURCE])
    node_of(m, "int_orders_enriched")["depends_on"]["nodes"] = [uid(name) for name in parents]
    hits = reported(m, tmp_path, capsys, "fct_too_many_joins")
    assert hits[0].startswith("fct_too_many_joins: int_orders_enriched: 7 direct parents")


def test_fct_unused_sources(m, tmp_path, capsys):
    unused = source("refunds")
    m["sources"][unused["unique_id"]] = unused
    hits = reported(m, tmp_path, capsys, "fct_unused_sources")
    assert hits == [
        "fct_unused_sources: raw.refunds: no model reads this source: remove it from its yml"
    ]


# ---- testing ---------------------------------------------------------------------------------


def test_fct_missing_primary_key_tests(m, tmp_path, capsys):
    del m["nodes"][f"test.{P}.not_null_fct_orders"]
    hits = reported(m, tmp_path, capsys, "fct_missing_primary_key_tests")
    assert hits[0].startswith("fct_missing_primary_key_tests: fct_orders:")


def test_fct_missing_primary_key_tests_accepts_the_local_combination_test(m, tmp_path, capsys):
    for name in ("unique_fct_orders", "not_null_fct_orders"):
        del m["nodes"][f"test.{P}.{name}"]
    combo = generic_test(
        "combo_fct_orders",
        "macro.friction.test_unique_combination_of_columns",
        "fct_orders",
        MARTS + "_marts__models.yml",
        column=None,
    )
    add(m, combo)
    code, findings = run(m, tmp_path, capsys)
    assert findings == [] and code == 0


def test_fct_missing_primary_key_tests_accepts_unique_and_a_not_null_constraint(
    m, tmp_path, capsys
):
    del m["nodes"][f"test.{P}.not_null_fct_orders"]
    node_of(m, "fct_orders")["columns"]["order_id"]["constraints"] = [{"type": "not_null"}]
    code, findings = run(m, tmp_path, capsys)
    assert findings == [] and code == 0


def test_fct_test_coverage(m, tmp_path, capsys):
    for name in ("unique_int_orders_enriched", "not_null_int_orders_enriched"):
        del m["nodes"][f"test.{P}.{name}"]
    hits = reported(m, tmp_path, capsys, "fct_test_coverage")
    assert "66.67% of 3 models have a test" in hits[0] and "int_orders_enriched" in hits[0]


# ---- documentation ---------------------------------------------------------------------------


def test_fct_undocumented_models(m, tmp_path, capsys):
    node_of(m, "stg_raw__orders")["description"] = ""
    hits = reported(m, tmp_path, capsys, "fct_undocumented_models")
    assert hits == ["fct_undocumented_models: stg_raw__orders: no description"]


# ---- structure -------------------------------------------------------------------------------


def test_fct_model_naming_conventions(m, tmp_path, capsys):
    add_leaf_mart(m, "orders_report", [uid("fct_orders")])
    hits = reported(m, tmp_path, capsys, "fct_model_naming_conventions")
    assert hits[0].startswith("fct_model_naming_conventions: orders_report: a marts model")


@pytest.mark.parametrize(
    ("name", "folder", "yml", "expected"),
    [
        pytest.param(
            "int_orders_enriched",
            MARTS,
            "_marts__models.yml",
            "an intermediate model nested closest to a marts folder",
            id="a_model_outside_its_type_folder",
        ),
        pytest.param(
            "stg_raw__orders",
            "models/staging/erp/",
            "_erp__models.yml",
            "models/staging/raw/stg_raw__orders.sql",
            id="a_staging_model_outside_its_source_folder",
        ),
    ],
)
def test_fct_model_directories(m, tmp_path, capsys, name, folder, yml, expected):
    move_model(m, name, folder + f"{name}.sql", folder + yml)
    hits = reported(m, tmp_path, capsys, "fct_model_directories")
    assert expected in hits[0]


# ---- performance -----------------------------------------------------------------------------


def test_fct_chained_views_dependencies(m, tmp_path, capsys):
    previous = uid("int_orders_enriched")
    for number in range(5):  # int_orders_enriched -> 5 more views -> fct_orders: distance 6
        name = f"int_orders_step_{number}"
        add_model(m, name, INTERMEDIATE, [previous])
        previous = uid(name)
    node_of(m, "fct_orders")["depends_on"]["nodes"] = [previous]
    hits = reported(m, tmp_path, capsys, "fct_chained_views_dependencies")
    # stg -> int -> 5 steps -> fct is 7, int -> 5 steps -> fct and stg -> int -> 5 steps are 6;
    # chains of 5 or fewer are not reported
    found = {(hit.split(": ")[1], int(hit.split(": ")[2].split()[0])) for hit in hits}
    assert found == {
        ("stg_raw__orders -> fct_orders", 7),
        ("int_orders_enriched -> fct_orders", 6),
        ("stg_raw__orders -> int_orders_step_4", 6),
    }


# ---- exceptions ------------------------------------------------------------------------------


def test_an_exception_hides_a_finding(m, tmp_path):
    node_of(m, "fct_orders")["access"] = "protected"
    exception = {
        "fct_name": "fct_exposures_dependent_on_private_models",
        "column_name": "parent_resource_name",
        "id_to_exclude": "fct%",
        "comment": "test",
    }
    assert evaluator.evaluate(copy.deepcopy(m), exceptions=[]) != []
    assert evaluator.evaluate(m, exceptions=[exception]) == []


def test_a_stale_exception_fails_the_check(m, tmp_path, capsys):
    """An exception that matches nothing any more is reported and fails."""
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(m), encoding="utf-8")
    exception = {
        "fct_name": "fct_root_models",
        "column_name": "child",
        "id_to_exclude": "no_such_model",
        "comment": "test",
    }
    assert evaluator.main(["check_project_evaluator.py", str(path)], exceptions=[exception]) == 1
    assert "STALE: matches nothing" in capsys.readouterr().out


def test_every_project_exception_gives_its_reason():
    for exception in evaluator.EXCEPTIONS:
        assert set(exception) == {"fct_name", "column_name", "id_to_exclude", "comment"}
        assert len(exception["comment"]) > 40, exception
