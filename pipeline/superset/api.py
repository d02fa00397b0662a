"""A small client for Superset's REST API (/api/v1): login, then JSON requests."""

from __future__ import annotations

import json
from typing import Any

import requests

from pipeline.superset.server import Settings, SupersetError


class Client:
    """A logged-in session on a local Superset (a bearer token from /api/v1/security/login)."""

    def __init__(self, settings: Settings) -> None:
        self.base = settings.url
        self.session = requests.Session()
        login = self.session.post(
            f"{self.base}/api/v1/security/login",
            json={
                "username": settings.username,
                "password": settings.password,
                "provider": "db",
                "refresh": True,
            },
            timeout=60,
        )
        if login.status_code != 200:
            raise SupersetError(f"login as {settings.username} failed: {login.text[:300]}")
        self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"

    def request(
        self, method: str, path: str, expect: tuple[int, ...] = (200, 201), **kwargs: Any
    ) -> Any:
        response = self.session.request(method, f"{self.base}/api/v1/{path}", timeout=120, **kwargs)
        if response.status_code not in expect:
            raise SupersetError(
                f"{method} /api/v1/{path} answered {response.status_code}: {response.text[:1000]}"
            )
        return response.json() if response.content else {}

    def get(self, path: str, **kwargs: Any) -> dict:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: dict, **kwargs: Any) -> dict:
        return self.request("POST", path, json=body, **kwargs)

    def put(self, path: str, body: dict) -> dict:
        return self.request("PUT", path, json=body)

    def delete(self, path: str) -> None:
        self.request("DELETE", path, expect=(200, 204, 404))

    def find(self, resource: str, column: str, value: str | int) -> list[dict]:
        """Every `resource` whose `column` equals `value` (Superset's rison filter syntax)."""
        quoted = f"'{value}'" if isinstance(value, str) else str(value)
        query = f"(filters:!((col:{column},opr:eq,value:{quoted})),page_size:100)"
        return self.get(f"{resource}/", params={"q": query})["result"]

    def chart_data(self, query_context: dict) -> list[dict]:
        """The rows of one query of a chart's query context (what the dashboard asks for)."""
        result = self.post("chart/data", {**query_context, "result_format": "json"})
        return result["result"][0]["data"]

    def sql(self, database_id: int, sql: str) -> dict:
        """Run one statement in SQL Lab; the whole answer, errors included."""
        response = self.session.post(
            f"{self.base}/api/v1/sqllab/execute/",
            json={"database_id": database_id, "sql": sql, "runAsync": False, "schema": "marts"},
            timeout=120,
        )
        return {"status_code": response.status_code, **json.loads(response.text or "{}")}
