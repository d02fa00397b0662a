"""The cookbook's answers, computed from the seeds in plain Python (friction_oracle for scores).

Each function answers one question of analyses/ from seeds/*.csv without the analysis SQL or
the dbt models, in the analysis's row order. test_cookbook.py checks that the answers
documented in analyses/_analyses.yml (config.meta.expected_answer) equal these, and that the
analyses return them; when the seeds change, print the new answers with

    .venv/bin/python tests/python/cookbook_answers.py <warehouse.duckdb>

(the warehouse only supplies GDELT's per pair-month averages, see friction_oracle).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from statistics import mean

import friction_oracle
from friction_oracle import Oracle, _add_months, _date, _month, _rows

Row = dict[str, object]


def _d(text: str) -> dt.date | None:
    return _date(text)


def tariffs_in_force_between_canada_and_china(project: Path, _: Oracle) -> list[Row]:
    on = dt.date(2026, 1, 12)
    rows = [
        row
        for row in _rows(project, "tariffs")
        if {row["imposing_country_code"], row["target_country_code"]} == {"CAN", "CHN"}
        and row["effective_date"]
        and _d(row["effective_date"]) <= on
        and (not row["end_date"] or _d(row["end_date"]) > on)
    ]
    rows.sort(key=lambda row: row["tariff_id"])
    rows.sort(key=lambda row: -float(row["rate_pct"] or 0))
    rows.sort(key=lambda row: row["imposing_country_code"])
    return [
        {
            "tariff_id": row["tariff_id"],
            "imposing_country_code": row["imposing_country_code"],
            "rate_pct": float(row["rate_pct"]),
        }
        for row in rows
    ]


def who_retaliated_against_whom_and_how_fast(project: Path, _: Oracle) -> list[Row]:
    tariffs = {row["tariff_id"]: row for row in _rows(project, "tariffs")}
    lags: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row in tariffs.values():
        original = tariffs.get(row["retaliates_against_tariff_id"])
        if original is None:
            continue
        lag = (_d(row["effective_date"]) - _d(original["effective_date"])).days
        key = (row["imposing_country_code"], original["imposing_country_code"], row["measure_id"])
        lags[key].append(lag)
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (retaliating, original, _measure), values in lags.items():
        by_pair[(retaliating, original)].append(min(values))
    return [
        {
            "retaliating_country_code": retaliating,
            "original_country_code": original,
            "retaliation_count": len(values),
            "fastest_effective_lag_days": min(values),
            "mean_effective_lag_days": mean(values),
            "slowest_effective_lag_days": max(values),
        }
        for (retaliating, original), values in sorted(by_pair.items())
    ]


def _before_and_after(oracle: Oracle, pair: tuple[str, str], event: dt.date, window: int) -> Row:
    scores = oracle.scores()
    calendar = {month for (_pair, month) in scores}
    event_month = _month(event)
    start, stop = _add_months(event_month, -window), _add_months(event_month, window)
    before, after = [], []
    for month in sorted(calendar):
        if start <= month < stop:
            score = scores.get((pair, month), {}).get("friction_score", 0.0)
            (before if month < event_month else after).append(score)
    return {
        "event_date": event.isoformat(),
        "months_before": len(before),
        "mean_friction_before": mean(before),
        "months_after": len(after),
        "mean_friction_after": mean(after),
        "change_in_mean_friction": mean(after) - mean(before),
    }


def _event_window(project: Path, oracle: Oracle, seed: str, event_id: str, window: int) -> Row:
    """The before/after answer for the CAN-CHN pair around one meeting or dispute's start."""
    id_column = f"{seed.rstrip('s')}_id"
    event = next(row for row in _rows(project, seed) if row[id_column] == event_id)
    return {
        "event_id": event_id,
        **_before_and_after(oracle, ("CAN", "CHN"), _d(event["start_date"]), window),
    }


def canada_china_friction_before_and_after_the_january_2026_carney_xi_meeting(
    project: Path, oracle: Oracle
) -> list[Row]:
    return [_event_window(project, oracle, "meetings", "m_carney_xi_beijing_2026", 3)]


def canada_china_friction_before_and_after_the_2018_meng_wanzhou_arrest(
    project: Path, oracle: Oracle
) -> list[Row]:
    return [_event_window(project, oracle, "disputes", "d_can_chn_meng_wanzhou_2018", 6)]


def _rounded(value: float) -> float:
    return round(value, 6)


def most_frictional_month_of_each_country_pair(_: Path, oracle: Oracle) -> list[Row]:
    by_pair: dict[tuple[str, str], list[tuple[dt.date, dict]]] = defaultdict(list)
    for (pair, month), cell in oracle.scores().items():
        by_pair[pair].append((month, cell))
    answers = []
    for pair, months in by_pair.items():
        top = max(_rounded(cell["friction_score"]) for _, cell in months)
        peaks = sorted(month for month, cell in months if _rounded(cell["friction_score"]) == top)
        cell = dict(months)[peaks[0]]
        answers.append(
            {
                "country_a_code": pair[0],
                "country_b_code": pair[1],
                "peak_month_start_date": peaks[0].isoformat(),
                "friction_score": cell["friction_score"],
                "tariff_component": cell["tariff_component"],
                "dispute_component": cell["dispute_component"],
                "cooperation_component": cell["cooperation_component"],
                "peak_month_count": len(peaks),
            }
        )
    answers.sort(
        key=lambda row: (-row["friction_score"], row["country_a_code"], row["country_b_code"])
    )
    return answers


def who_took_part_in_the_may_2025_geneva_trade_talks(project: Path, _: Oracle) -> list[Row]:
    meeting = next(
        r for r in _rows(project, "meetings") if r["meeting_id"] == "m_geneva_trade_talks_2025"
    )
    actors = {row["actor_id"]: row for row in _rows(project, "actors")}
    rows = [
        {
            "meeting_id": meeting["meeting_id"],
            "start_date": meeting["start_date"],
            "country_code": actors[row["actor_id"]]["country_code"],
            "actor_id": row["actor_id"],
            "actor_name": actors[row["actor_id"]]["actor_name"],
        }
        for row in _rows(project, "meeting_participants")
        if row["meeting_id"] == meeting["meeting_id"]
    ]
    return sorted(rows, key=lambda row: (row["country_code"], row["actor_name"]))


def _country_month(oracle: Oracle, month: dt.date) -> list[Row]:
    sides: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for ((first, second), scored), cell in oracle.scores().items():
        if scored == month:
            sides[first].append((second, cell["friction_score"]))
            sides[second].append((first, cell["friction_score"]))
    rows = []
    for country, partners in sides.items():
        top = sorted(partners, key=lambda item: (-_rounded(item[1]), item[0]))[0]
        rows.append(
            {
                "country_code": country,
                "friction_score": sum(score for _, score in partners),
                "partner_count": len(partners),
                "top_partner_country_code": top[0],
                "top_partner_friction_score": top[1],
            }
        )
    return rows


def countries_ranked_by_friction_in_january_2026(_: Path, oracle: Oracle) -> list[Row]:
    rows = sorted(
        _country_month(oracle, dt.date(2026, 1, 1)),
        key=lambda row: (-row["friction_score"], row["country_code"]),
    )
    for row in rows:
        row["friction_rank"] = 1 + sum(
            other["friction_score"] > row["friction_score"] for other in rows
        )
    return [{"friction_rank": row.pop("friction_rank"), **row} for row in rows]


def disputes_active_on_2026_01_12(project: Path, _: Oracle) -> list[Row]:
    on = dt.date(2026, 1, 12)
    rows = [
        row
        for row in _rows(project, "disputes")
        if _d(row["start_date"]) <= on and (not row["end_date"] or _d(row["end_date"]) >= on)
    ]
    rows.sort(key=lambda row: (-int(row["severity"]), row["start_date"], row["dispute_id"]))
    return [
        {
            "dispute_id": row["dispute_id"],
            "severity": int(row["severity"]),
            "days_since_start": (on - _d(row["start_date"])).days,
        }
        for row in rows
    ]


def what_made_up_the_canada_china_score_in_january_2026(_: Path, oracle: Oracle) -> list[Row]:
    month = dt.date(2026, 1, 1)
    total = oracle.scores()[(("CAN", "CHN"), month)]["friction_score"]
    rows = [
        {
            "record_type": item.record_type,
            "record_id": item.record_id,
            "component": item.component,
            "contribution": item.contribution,
            "pair_friction_score": total,
        }
        for item in oracle.contributions
        if item.pair == ("CAN", "CHN") and item.month == month
    ]
    return sorted(rows, key=lambda row: (-row["contribution"], row["record_id"]))


def tariffs_announced_but_never_in_force(project: Path, _: Oracle) -> list[Row]:
    rows = []
    for row in _rows(project, "tariffs"):
        if not row["effective_date"]:
            reason = "no effective date recorded"
        elif row["end_date"] and row["end_date"] <= row["effective_date"]:
            reason = "ended the day it took effect"
        else:
            continue
        rows.append(
            {
                "tariff_id": row["tariff_id"],
                "announced_date": row["announced_date"],
                "reason_never_in_force": reason,
            }
        )
    rows.sort(key=lambda row: (row["announced_date"] or "9999", row["tariff_id"]))
    return [{key: value for key, value in row.items() if key != "announced_date"} for row in rows]


def how_long_lifted_tariffs_were_in_force(project: Path, _: Oracle) -> list[Row]:
    rows = [
        {
            "tariff_id": row["tariff_id"],
            "days_in_force": (_d(row["end_date"]) - _d(row["effective_date"])).days,
        }
        for row in _rows(project, "tariffs")
        if row["effective_date"] and row["end_date"]
    ]
    return sorted(rows, key=lambda row: (-row["days_in_force"], row["tariff_id"]))


def year_each_country_pair_peaked(_: Path, oracle: Oracle) -> list[Row]:
    years: dict[tuple[tuple[str, str], int], list[float]] = defaultdict(list)
    for (pair, month), cell in oracle.scores().items():
        years[(pair, month.year)].append(cell["friction_score"])
    best: dict[tuple[str, str], Row] = {}
    for (pair, year), scores in sorted(years.items(), key=lambda item: item[0][1]):
        row = {
            "country_a_code": pair[0],
            "country_b_code": pair[1],
            "peak_year": year,
            "months_scored": len(scores),
            "mean_friction_score": mean(scores),
            "max_monthly_friction_score": max(scores),
        }
        if pair not in best or row["mean_friction_score"] > best[pair]["mean_friction_score"]:
            best[pair] = row
    return [best[pair] for pair in sorted(best)]


def meetings_per_country_pair_per_year(project: Path, _: Oracle) -> list[Row]:
    meetings = {
        row["meeting_id"]: row
        for row in _rows(project, "meetings")
        if row["status"] == "held" and row["start_date"]
    }
    country_of = {
        row["actor_id"]: row["country_code"]
        for row in _rows(project, "actors")
        if row["country_code"]
    }
    countries: dict[str, set[str]] = defaultdict(set)
    for row in _rows(project, "meeting_participants"):
        if row["actor_id"] in country_of:
            countries[row["meeting_id"]].add(country_of[row["actor_id"]])
    counts: dict[tuple[str, str, int], int] = defaultdict(int)
    for meeting_id, codes in countries.items():
        if meeting_id not in meetings:
            continue
        ordered = sorted(codes)
        for index, first in enumerate(ordered):
            for second in ordered[index + 1 :]:
                counts[(first, second, _d(meetings[meeting_id]["start_date"]).year)] += 1
    return [
        {"country_a_code": a, "country_b_code": b, "meeting_year": year, "meeting_count": count}
        for (a, b, year), count in sorted(counts.items())
    ]


ANSWERS: dict[str, Callable[[Path, Oracle], list[Row]]] = {
    function.__name__: function
    for function in [
        tariffs_in_force_between_canada_and_china,
        who_retaliated_against_whom_and_how_fast,
        canada_china_friction_before_and_after_the_january_2026_carney_xi_meeting,
        canada_china_friction_before_and_after_the_2018_meng_wanzhou_arrest,
        most_frictional_month_of_each_country_pair,
        who_took_part_in_the_may_2025_geneva_trade_talks,
        countries_ranked_by_friction_in_january_2026,
        disputes_active_on_2026_01_12,
        what_made_up_the_canada_china_score_in_january_2026,
        tariffs_announced_but_never_in_force,
        how_long_lifted_tariffs_were_in_force,
        year_each_country_pair_peaked,
        meetings_per_country_pair_per_year,
    ]
}


def main(warehouse: Path, project: Path) -> None:
    from test_friction_oracle import gdelt_pair_months

    oracle = friction_oracle.compute(project, gdelt_pair_months(warehouse))
    for name, answer in ANSWERS.items():
        rows = answer(project, oracle)
        print(f"{name}: row_count {len(rows)}")
        for row in rows[:10]:
            print(
                "   ",
                {
                    key: round(value, 4) if isinstance(value, float) else value
                    for key, value in row.items()
                },
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[2])
