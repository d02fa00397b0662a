"""The friction dashboard as code: bi/superset/dashboard.yml, created through Superset's REST API.

`register` creates (or points at the newly published file) the read-only database, then replaces
the datasets, charts and dashboard an earlier run made with the ones the YAML describes. Each
chart is stored with its form data (what the dashboard draws) and its query context (what
/api/v1/chart/<id>/data/ and the tests ask), both built here from the same few lines of YAML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.superset.api import Client
from pipeline.superset.server import PROJECT_ROOT

SPEC = PROJECT_ROOT / "bi" / "superset" / "dashboard.yml"
ROW_LIMIT = 10000


def load_spec(path: Path = SPEC) -> dict:
    return yaml.safe_load(path.read_text())


def read_only_uri(warehouse: Path) -> str:
    """duckdb-engine's URI for the published file, opened read-only (four slashes: absolute)."""
    return f"duckdb:///{warehouse.resolve()}?access_mode=read_only"


@dataclass(frozen=True)
class Registered:
    """What `register` created: ids by the YAML's keys."""

    database_id: int
    dashboard_id: int
    dashboard_url: str
    datasets: dict[str, int]
    charts: dict[str, int]


def _metric(label: str, column: str) -> dict:
    return {
        "expressionType": "SQL",
        "sqlExpression": f"sum({column})",
        "label": label,
        "hasCustomLabel": True,
        "optionName": f"metric_{column}",
    }


def _axis(column: str, time_grain: str | None) -> dict:
    axis = {"columnType": "BASE_AXIS", "sqlExpression": column, "label": column}
    axis["expressionType"] = "SQL"
    if time_grain:
        axis["timeGrain"] = time_grain
    return axis


def chart_definition(chart: dict, dataset_id: int) -> tuple[dict, dict]:
    """(form data, query context) of one chart of the YAML."""
    kind = chart["kind"]
    metrics = [_metric(label, column) for label, column in chart.get("metrics", {}).items()]
    form = {
        "datasource": f"{dataset_id}__table",
        "adhoc_filters": [],
        "time_range": "No filter",
        "row_limit": chart.get("row_limit", ROW_LIMIT),
    }
    query: dict = {
        "filters": [],
        "extras": {"having": "", "where": ""},
        "applied_time_extras": {},
        "time_range": "No filter",
        "row_limit": form["row_limit"],
    }
    if kind == "timeseries":
        group_by = [chart["group_by"]] if chart.get("group_by") else []
        form |= {
            "viz_type": chart["viz_type"],
            "x_axis": "month_start_date",
            "time_grain_sqla": "P1M",
            "metrics": metrics,
            "groupby": group_by,
            "show_legend": True,
            "legendOrientation": "top",
            "rich_tooltip": True,
            "y_axis_format": ".2f",
            "x_axis_time_format": chart.get("time_format", "%Y"),
            "truncate_metric": True,
            "zoomable": False,
        }
        query |= {
            "columns": [_axis("month_start_date", "P1M"), *group_by],
            "series_columns": group_by,
            "metrics": metrics,
            "orderby": [[metrics[0], False]],
        }
    elif kind == "ranking":
        form |= {
            "viz_type": "echarts_timeseries_bar",
            "x_axis": chart["category"],
            "metrics": metrics,
            "groupby": [],
            "orientation": "horizontal",
            "x_axis_sort": metrics[0]["label"],
            "x_axis_sort_asc": False,
            "show_value": True,
            "show_legend": False,
            "y_axis_format": ".1f",
        }
        query |= {
            "columns": [_axis(chart["category"], None)],
            "metrics": metrics,
            "orderby": [[metrics[0], False]],
        }
    elif kind == "table":
        order_by = [[column, direction == "asc"] for column, direction in chart["order_by"]]
        form |= {
            "viz_type": "table",
            "query_mode": "raw",
            "all_columns": chart["columns"],
            "order_by_cols": [json.dumps(order) for order in order_by],
            "server_pagination": False,
            "include_search": False,
            "table_timestamp_format": "%Y-%m-%d",
            "show_cell_bars": True,
            "column_config": {
                column: {"d3NumberFormat": number_format}
                for column, number_format in chart.get("number_format", {}).items()
            },
        }
        query |= {"columns": chart["columns"], "orderby": order_by, "metrics": []}
    else:
        raise ValueError(f"{SPEC.name}: chart kind {kind!r} is not timeseries, ranking or table")
    context = {
        "datasource": {"id": dataset_id, "type": "table"},
        "force": False,
        "queries": [query],
        "form_data": form,
        "result_format": "json",
        "result_type": "full",
    }
    return form, context


def with_filters(query_context: dict, values: dict[str, str]) -> dict:
    """The query context with the dashboard's filter values applied (column -> value)."""
    query = query_context["queries"][0]
    filters = [{"col": column, "op": "IN", "val": [value]} for column, value in values.items()]
    return {**query_context, "queries": [{**query, "filters": [*query["filters"], *filters]}]}


def _database(client: Client, name: str, warehouse: Path) -> int:
    body = {
        "database_name": name,
        "sqlalchemy_uri": read_only_uri(warehouse),
        "expose_in_sqllab": True,
        "allow_dml": False,
        "allow_run_async": False,
    }
    found = client.find("database", "database_name", name)
    if found:
        client.put(f"database/{found[0]['id']}", body)
        return found[0]["id"]
    return client.post("database/", body)["id"]


def _remove_earlier(client: Client, spec: dict, database_id: int) -> None:
    for dashboard in client.find("dashboard", "slug", spec["dashboard"]["slug"]):
        for chart in client.get(f"dashboard/{dashboard['id']}/charts")["result"]:
            client.delete(f"chart/{chart['id']}")
        client.delete(f"dashboard/{dashboard['id']}")
    for name in spec["datasets"]:
        for dataset in client.find("dataset", "table_name", name):
            if dataset.get("database", {}).get("id", database_id) == database_id:
                for chart in client.find("chart", "datasource_id", dataset["id"]):
                    client.delete(f"chart/{chart['id']}")
                client.delete(f"dataset/{dataset['id']}")


def _native_filter(key: str, flt: dict, datasets: dict[str, int], charts: dict[str, int]) -> dict:
    column = flt["column"]
    in_scope = [charts[name] for name in flt["charts"]]
    return {
        "id": f"NATIVE_FILTER-{key}",
        "name": flt["title"],
        "filterType": "filter_select",
        "type": "NATIVE_FILTER",
        "targets": [{"datasetId": datasets[flt["dataset"]], "column": {"name": column}}],
        "defaultDataMask": {
            "extraFormData": {"filters": [{"col": column, "op": "IN", "val": [flt["default"]]}]},
            "filterState": {"value": [flt["default"]]},
            "ownState": {},
        },
        "controlValues": {
            "enableEmptyFilter": True,
            "defaultToFirstItem": False,
            "multiSelect": False,
            "searchAllOptions": False,
            "inverseSelection": False,
            "sortAscending": True,
        },
        "cascadeParentIds": [],
        "scope": {
            "rootPath": ["ROOT_ID"],
            "excluded": sorted(set(charts.values()) - set(in_scope)),
        },
        "chartsInScope": in_scope,
        "tabsInScope": [],
        "description": "",
    }


def _position(spec: dict, charts: dict[str, int]) -> dict:
    position: dict = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {
            "type": "HEADER",
            "id": "HEADER_ID",
            "meta": {"text": spec["dashboard"]["title"]},
        },
    }
    rows: dict[int, list[str]] = {0: ["MARKDOWN-intro"]}
    position["MARKDOWN-intro"] = {
        "type": "MARKDOWN",
        "id": "MARKDOWN-intro",
        "children": [],
        "meta": {"width": 12, "height": 12, "code": spec["intro"]},
    }
    for key, chart in spec["charts"].items():
        place = chart["position"]
        element = f"CHART-{key}"
        rows.setdefault(place["row"], []).append(element)
        position[element] = {
            "type": "CHART",
            "id": element,
            "children": [],
            "meta": {
                "chartId": charts[key],
                "width": place["width"],
                "height": place["height"],
                "sliceName": chart["title"],
            },
        }
    for number, elements in sorted(rows.items()):
        row = f"ROW-{number}"
        position["GRID_ID"]["children"].append(row)
        position[row] = {
            "type": "ROW",
            "id": row,
            "children": elements,
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        }
        for element in elements:
            position[element]["parents"] = ["ROOT_ID", "GRID_ID", row]
    return position


def register(client: Client, warehouse: Path, spec: dict | None = None) -> Registered:
    """The database (read-only, on `warehouse`), then the YAML's datasets, charts and dashboard."""
    spec = spec or load_spec()
    database_id = _database(client, spec["database"], warehouse)
    _remove_earlier(client, spec, database_id)
    datasets = {
        name: client.post(
            "dataset/",
            {
                "database": database_id,
                "schema": "marts",
                "table_name": name,
                "sql": dataset["sql"],
            },
        )["id"]
        for name, dataset in spec["datasets"].items()
    }
    for name, dataset in spec["datasets"].items():
        client.put(f"dataset/{datasets[name]}", {"description": dataset["description"]})
    board = spec["dashboard"]
    dashboard_id = client.post(
        "dashboard/", {"dashboard_title": board["title"], "slug": board["slug"], "published": True}
    )["id"]
    charts = {}
    for key, chart in spec["charts"].items():
        form, context = chart_definition(chart, datasets[chart["dataset"]])
        charts[key] = client.post(
            "chart/",
            {
                "slice_name": chart["title"],
                "viz_type": form["viz_type"],
                "datasource_id": datasets[chart["dataset"]],
                "datasource_type": "table",
                "params": json.dumps(form),
                "query_context": json.dumps(context),
                "dashboards": [dashboard_id],
            },
        )["id"]
    metadata = {
        "native_filter_configuration": [
            _native_filter(key, flt, datasets, charts) for key, flt in spec["filters"].items()
        ],
        "color_scheme": "supersetColors",
        "refresh_frequency": 0,
        "expanded_slices": {},
        "label_colors": {},
        "timed_refresh_immune_slices": [],
        "cross_filters_enabled": False,
        "chart_configuration": {},
        "default_filters": "{}",
    }
    client.put(
        f"dashboard/{dashboard_id}",
        {
            "dashboard_title": board["title"],
            "slug": board["slug"],
            "position_json": json.dumps(_position(spec, charts)),
            "json_metadata": json.dumps(metadata),
            "published": True,
        },
    )
    return Registered(
        database_id=database_id,
        dashboard_id=dashboard_id,
        dashboard_url=f"{client.base}/superset/dashboard/{board['slug']}/",
        datasets=datasets,
        charts=charts,
    )


def find_registered(client: Client, spec: dict | None = None) -> Registered:
    """What an earlier `register` (a running `make superset`) created, found by name."""
    spec = spec or load_spec()
    board = spec["dashboard"]
    (database,) = client.find("database", "database_name", spec["database"])
    (dashboard,) = client.find("dashboard", "slug", board["slug"])
    titles = {chart["title"]: key for key, chart in spec["charts"].items()}
    charts = {
        titles[chart["slice_name"]]: chart["id"]
        for chart in client.get(f"dashboard/{dashboard['id']}/charts")["result"]
    }
    datasets = {
        name: client.find("dataset", "table_name", name)[0]["id"] for name in spec["datasets"]
    }
    return Registered(
        database_id=database["id"],
        dashboard_id=dashboard["id"],
        dashboard_url=f"{client.base}/superset/dashboard/{board['slug']}/",
        datasets=datasets,
        charts=charts,
    )
