"""An independent reading of the friction method: plain Python over seeds/*.csv.

The dbt models own the method; this module re-derives every pair-month score from the curated
CSV files and the vars in dbt_project.yml, written from the method's documentation (the
`friction_method` doc block) without reading the SQL. test_friction_oracle.py compares it with
fct_country_pair_friction_monthly row by row, and the cookbook's documented answers
(analyses/_analyses.yml) are computed from it, never copied from an analysis's output.

GDELT is the one input taken from the warehouse: the per pair-month Goldstein averages of
fct_gdelt_pair_events_monthly, which test_gdelt.py checks against plain SQL over the raw file.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

Pair = tuple[str, str]
Month = dt.date


def _rows(project: Path, name: str) -> list[dict[str, str]]:
    with (project / "seeds" / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _month(day: dt.date) -> Month:
    return day.replace(day=1)


def _add_months(month: Month, count: int) -> Month:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _months_between(earlier: Month, later: Month) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _pair(one: str, other: str) -> Pair:
    first, second = sorted((one.upper(), other.upper()))
    return first, second


@dataclass
class Contribution:
    pair: Pair
    month: Month
    record_type: str
    record_id: str
    component: str
    contribution: float


@dataclass
class Oracle:
    vars: dict
    months: list[Month]
    contributions: list[Contribution] = field(default_factory=list)
    tariff_weights: dict[str, float] = field(default_factory=dict)  # coverage share by row
    tariff_rates: dict[str, float] = field(default_factory=dict)  # counted rate by row

    def scores(self) -> dict[tuple[Pair, Month], dict[str, float]]:
        """Pair-month -> friction_score and each component, on the pair's sparse grid."""
        by_pair: dict[Pair, set[Month]] = defaultdict(set)
        for item in self.contributions:
            by_pair[item.pair].add(item.month)
        last = self.months[-1]
        components = [entry["name"] for entry in self.vars["friction_components"]]
        grid: dict[tuple[Pair, Month], dict[str, float]] = {}
        for pair, months in by_pair.items():
            month, stop = min(months), min(_add_months(max(months), 1), last)
            while month <= stop:
                grid[(pair, month)] = {"friction_score": 0.0} | {
                    f"{name}_component": 0.0 for name in components
                }
                month = _add_months(month, 1)
        for item in self.contributions:
            cell = grid[(item.pair, item.month)]
            cell["friction_score"] += item.contribution
            cell[f"{item.component}_component"] += item.contribution
        return grid


def _calendar(tariffs: list[dict], disputes: list[dict], meetings: list[dict]) -> list[Month]:
    dates = [
        _date(row[column])
        for row in tariffs
        for column in ("announced_date", "effective_date", "end_date")
    ]
    dates += [_date(row[column]) for row in disputes for column in ("start_date", "end_date")]
    dates += [_date(row["start_date"]) for row in meetings if row["status"].lower() == "held"]
    known = [day for day in dates if day]
    month, last = _month(min(known)), _month(max(known))
    months = []
    while month <= last:
        months.append(month)
        month = _add_months(month, 1)
    return months


def _days_in(month: Month) -> int:
    return (_add_months(month, 1) - month).days


def _tariffs(oracle: Oracle, tariffs: list[dict], imports: list[dict]) -> None:
    v = oracle.vars
    in_force = [
        row
        for row in tariffs
        if row["effective_date"]
        and (not row["end_date"] or row["end_date"] > row["effective_date"])
    ]

    def basis(row: dict) -> str:
        if row["covers_all_goods"] == "true":
            return "all_goods"
        if row["covered_import_share"]:
            return "sourced_share"
        if row["covered_import_value_bn"]:
            return "sourced_value"
        return "assumed_share"

    sharing: dict[tuple, int] = defaultdict(int)
    for row in in_force:
        kind = basis(row)
        if kind == "assumed_share" or (
            kind == "sourced_value" and row["is_measure_total"] == "true"
        ):
            key = (
                row["measure_id"],
                row["imposing_country_code"],
                row["target_country_code"],
                kind,
            )
            sharing[key] += 1
    for row in in_force:
        kind = basis(row)
        key = (row["measure_id"], row["imposing_country_code"], row["target_country_code"], kind)
        if kind == "all_goods":
            share = 1.0
        elif kind == "sourced_share":
            share = float(row["covered_import_share"])
        elif kind == "assumed_share":
            share = v["tariff_assumed_coverage_share"] / sharing[key]
        else:
            year = (
                int(row["covered_import_year"])
                if row["covered_import_year"]
                else _date(row["effective_date"]).year - 1
            )
            candidates = [
                item
                for item in imports
                if item["importer_country_code"] == row["imposing_country_code"]
                and item["exporter_country_code"] == row["target_country_code"]
                and item["currency_code"] == row["covered_import_currency_code"]
            ]
            base = min(
                candidates,
                key=lambda item: (abs(int(item["trade_year"]) - year), item["trade_year"]),
            )
            share = min(1.0, float(row["covered_import_value_bn"]) / float(base["import_value_bn"]))
            share /= sharing.get(key, 1)
        rate = float(row["rate_pct"]) if row["rate_pct"] else float(v["tariff_unrated_rate_pct"])
        rate = min(rate, float(v["tariff_rate_cap_pct"]))
        oracle.tariff_weights[row["tariff_id"]] = share
        oracle.tariff_rates[row["tariff_id"]] = rate
        start, end = _date(row["effective_date"]), _date(row["end_date"])
        for month in oracle.months:
            following = _add_months(month, 1)
            if start >= following or (end and end <= month):
                continue
            days = (min(end or following, following) - max(start, month)).days
            oracle.contributions.append(
                Contribution(
                    _pair(row["imposing_country_code"], row["target_country_code"]),
                    month,
                    "tariff",
                    row["tariff_id"],
                    "tariff",
                    v["tariff_weight"] * rate * share * days / _days_in(month) / 10.0,
                )
            )


def _disputes(oracle: Oracle, disputes: list[dict]) -> None:
    v = oracle.vars
    for row in disputes:
        start, end = _date(row["start_date"]), _date(row["end_date"])
        for month in oracle.months:
            following = _add_months(month, 1)
            if start >= following or (end and end < month):
                continue
            last_day = min(
                (end or following - dt.timedelta(days=1)), following - dt.timedelta(days=1)
            )
            days = (last_day - max(start, month)).days + 1
            since = _months_between(_month(start), month)
            decay = 1.0
            if end is None and since > v["dispute_open_full_months"]:
                decay = 0.5 ** (
                    (since - v["dispute_open_full_months"]) / v["dispute_open_half_life_months"]
                )
            oracle.contributions.append(
                Contribution(
                    _pair(row["initiator_country_code"], row["target_country_code"]),
                    month,
                    "dispute",
                    row["dispute_id"],
                    "dispute",
                    v["dispute_weight"] * int(row["severity"]) * decay * days / _days_in(month),
                )
            )


def _meetings(
    oracle: Oracle, meetings: list[dict], participants: list[dict], actors: list[dict]
) -> None:
    v = oracle.vars
    country_of = {
        row["actor_id"]: row["country_code"].upper() for row in actors if row["country_code"]
    }
    visit_of = {row["meeting_id"]: row["part_of_meeting_id"] for row in meetings}
    countries: dict[str, set[str]] = defaultdict(set)
    for row in participants:
        if row["actor_id"] in country_of:
            counted = visit_of.get(row["meeting_id"]) or row["meeting_id"]
            countries[counted].add(country_of[row["actor_id"]])
    calendar = set(oracle.months)
    for row in meetings:
        if row["status"].lower() != "held" or not row["start_date"] or row["part_of_meeting_id"]:
            continue
        meeting_month = _month(_date(row["start_date"]))
        codes = sorted(countries[row["meeting_id"]])
        for index, first in enumerate(codes):
            for second in codes[index + 1 :]:
                for k in range(v["meeting_decay_months"] + 1):
                    month = _add_months(meeting_month, k)
                    if month in calendar:
                        oracle.contributions.append(
                            Contribution(
                                (first, second),
                                month,
                                "meeting",
                                row["meeting_id"],
                                "cooperation",
                                -1.0 * v["meeting_weight"] * v["meeting_decay"] ** k,
                            )
                        )


def _gdelt(oracle: Oracle, gdelt_pair_months: list[tuple[str, str, Month, float]]) -> None:
    tracked = {item.pair for item in oracle.contributions}
    calendar = set(oracle.months)
    for first, second, month, goldstein in gdelt_pair_months:
        if (first, second) in tracked and month in calendar:
            oracle.contributions.append(
                Contribution(
                    (first, second),
                    month,
                    "gdelt",
                    f"gdelt_{first}_{second}_{month.isoformat()}",
                    "gdelt",
                    oracle.vars["gdelt_weight"] * (0 - goldstein) / 10.0,
                )
            )


def _scenario_facts(
    project: Path, scenario_id: str, facts: dict[str, list[dict[str, str]]]
) -> dict[str, list[dict[str, str]]]:
    """The facts with one scenario's overrides applied, as seeds/_seeds.yml describes them:
    set_end_date replaces end_date (empty: never ends), set_rate replaces rate_pct, set_status
    replaces a meeting's status, remove leaves the fact out."""
    changes = {
        (row["record_type"], row["record_id"]): row
        for row in _rows(project, "scenario_overrides")
        if row["scenario_id"] == scenario_id
    }
    edited: dict[str, list[dict[str, str]]] = {}
    for record_type, rows in facts.items():
        kept = []
        for row in rows:
            change = changes.get((record_type, row[f"{record_type}_id"]))
            row = dict(row)
            if change is None:
                kept.append(row)
                continue
            kind = change["override_type"]
            if kind == "remove":
                continue
            if kind == "set_end_date":
                row["end_date"] = change["end_date"]
            elif kind == "set_rate":
                row["rate_pct"] = change["rate_pct"]
            elif kind == "set_status":
                row["status"] = change["status"]
            kept.append(row)
        edited[record_type] = kept
    return edited


def compute(
    project: Path,
    gdelt_pair_months: list[tuple[str, str, Month, float]],
    overrides: dict | None = None,
    scenario_id: str | None = None,
) -> Oracle:
    """The whole method over the project's seeds and vars (overrides win, as --vars would).
    With scenario_id, the facts have that scenario's overrides applied; the calendar stays the
    recorded facts' (a scenario never moves the calendar)."""
    config = yaml.safe_load((project / "dbt_project.yml").read_text(encoding="utf-8"))
    tariffs, disputes, meetings = (
        _rows(project, name) for name in ("tariffs", "disputes", "meetings")
    )
    calendar = _calendar(tariffs, disputes, meetings)
    if scenario_id is not None:
        facts = _scenario_facts(
            project, scenario_id, {"tariff": tariffs, "dispute": disputes, "meeting": meetings}
        )
        tariffs, disputes, meetings = facts["tariff"], facts["dispute"], facts["meeting"]
    oracle = Oracle({**config["vars"], **(overrides or {})}, calendar)
    _tariffs(oracle, tariffs, _rows(project, "bilateral_goods_imports"))
    _disputes(oracle, disputes)
    _meetings(oracle, meetings, _rows(project, "meeting_participants"), _rows(project, "actors"))
    _gdelt(oracle, gdelt_pair_months)
    return oracle


def close(left: float, right: float) -> bool:
    return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
