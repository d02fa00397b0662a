"""Key events of a country pair (tariffs imposed and lifted, disputes, held meetings), as dated
markers for the friction chart, grouped by month and summarised in short labels."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from pipeline.readers.report.data import Pair, ReportData


class Kind(Enum):
    # value: legend text; order of declaration is the order inside a month's summary
    TARIFF_IMPOSED = "tariff imposed"
    TARIFF_LIFTED = "tariff lifted"
    DISPUTE_START = "dispute begins"
    DISPUTE_END = "dispute ends"
    MEETING = "meeting held"

    @property
    def is_dispute(self) -> bool:
        return self in (Kind.DISPUTE_START, Kind.DISPUTE_END)


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: Kind
    direction: str  # "USA→CHN" for tariffs and disputes, "" for meetings
    text: str  # short description: product, dispute or meeting title
    rate_pct: float | None = None


@dataclass(frozen=True)
class EventGroup:
    """The events of one pair in one calendar month: one numbered label on the chart."""

    number: int
    month: dt.date
    events: tuple[Event, ...]

    @property
    def kinds(self) -> list[Kind]:
        return [kind for kind in Kind if any(event.kind is kind for event in self.events)]


def short_text(text: str, limit: int) -> str:
    """Drop parentheses and anything after a colon, then cut at a word boundary."""
    text = re.sub(r"\s*\([^)]*\)?", "", text).split(":")[0].strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;-– ")
    return cut + "…"


def short_country_name(name: str) -> str:
    """'United Kingdom of Great Britain and Northern Ireland' -> 'United Kingdom'."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if len(name) > 20 and " of " in name:
        name = name.split(" of ")[0]
    return name


def format_rate(rate_pct: float | None) -> str:
    if rate_pct is None:
        return "no ad-valorem rate"
    return f"{rate_pct:g}%"


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def pair_events(data: ReportData, pair: Pair) -> list[Event]:
    """Every dated event between the two countries inside the pair's scored months."""
    series = data.pair_series[pair]
    first, stop = series[0].month, next_month(series[-1].month)
    events: list[Event] = []
    for tariff in data.tariffs:
        if tariff.pair != pair or tariff.effective_date is None:
            continue  # measures only announced are not in force yet
        direction = f"{tariff.imposing_country_code}→{tariff.target_country_code}"
        text = short_text(tariff.product_description or "goods not named", 48)
        events.append(
            Event(tariff.effective_date, Kind.TARIFF_IMPOSED, direction, text, tariff.rate_pct)
        )
        if tariff.end_date is not None:
            events.append(
                Event(tariff.end_date, Kind.TARIFF_LIFTED, direction, text, tariff.rate_pct)
            )
    for dispute in data.disputes:
        if dispute.pair != pair:
            continue
        direction = f"{dispute.initiator_country_code}→{dispute.target_country_code}"
        text = short_text(dispute.dispute_title or dispute.dispute_type or "dispute", 80)
        events.append(Event(dispute.start_date, Kind.DISPUTE_START, direction, text))
        if dispute.end_date is not None and dispute.end_date != dispute.start_date:
            events.append(Event(dispute.end_date, Kind.DISPUTE_END, direction, text))
    for meeting in data.meetings:
        if set(pair) <= set(meeting.country_codes):
            text = short_text(meeting.meeting_title or "meeting", 80)
            events.append(Event(meeting.start_date, Kind.MEETING, "", text))
    kind_order = list(Kind)
    return sorted(
        (event for event in events if first <= event.date < stop),
        key=lambda e: (e.date, kind_order.index(e.kind), e.direction, e.text),
    )


def group_by_month(events: list[Event]) -> list[EventGroup]:
    months = sorted({_month(event.date) for event in events})
    return [
        EventGroup(number, month, tuple(e for e in events if _month(e.date) == month))
        for number, month in enumerate(months, start=1)
    ]


def _rates(events: list[Event]) -> str:
    rates = sorted({e.rate_pct for e in events if e.rate_pct is not None})
    if not rates:
        return ""
    if len(rates) == 1:
        return f" at {format_rate(rates[0])}"
    return f" at {format_rate(rates[0])}–{format_rate(rates[-1])}"


DETAIL_LEVELS = (2, 1, 0)  # most detailed first


def summarise(group: EventGroup, detail: int) -> list[tuple[Kind, str]]:
    """(kind, text) lines for one month. Disputes and meetings are always named (several of one
    kind are counted at detail 0); tariffs are named one by one at detail 2, summarised per
    direction at 1 and per kind, both directions together, at 0."""
    lines: list[tuple[Kind, str]] = []
    for kind in group.kinds:
        of_kind = [e for e in group.events if e.kind is kind]
        directions = sorted({e.direction for e in of_kind})
        if kind is Kind.MEETING:
            if detail > 0 or len(of_kind) == 1:
                lines += [(kind, e.text) for e in of_kind]
            else:
                lines.append((kind, f"{len(of_kind)} meetings"))
        elif detail == 0 and len(of_kind) > 1 and (len(directions) > 1 or kind.is_dispute):
            lines.append((kind, _describe_together(kind, of_kind)))
        elif kind.is_dispute:
            lines += [(kind, _describe(kind, e.direction, [e], named=True)) for e in of_kind]
        else:
            for direction in directions:
                same = [e for e in of_kind if e.direction == direction]
                lines.append((kind, _describe(kind, direction, same, named=detail == 2)))
    return lines


def _describe(kind: Kind, direction: str, events: list[Event], named: bool) -> str:
    if kind.is_dispute:
        ends = kind is Kind.DISPUTE_END
        if len(events) == 1:
            prefix = "ends: " if ends else ""
            if named:
                return f"{prefix}{events[0].text}"
            return f"{direction} dispute {'ends' if ends else 'begins'}"
        return f"{direction}: {len(events)} disputes {'end' if ends else 'begin'}"
    imposer, target = direction.split("→")
    verb = "imposes" if kind is Kind.TARIFF_IMPOSED else "lifts"
    if len(events) == 1:
        what = f": {events[0].text}" if named else ""
        return f"{imposer} {verb} {format_rate(events[0].rate_pct)} on {target}{what}"
    return f"{imposer} {verb} {len(events)} tariffs on {target}{_rates(events)}"


def _describe_together(kind: Kind, events: list[Event]) -> str:
    if kind.is_dispute:
        return f"{len(events)} disputes {'end' if kind is Kind.DISPUTE_END else 'begin'}"
    verb = "impose" if kind is Kind.TARIFF_IMPOSED else "lift"
    return f"both sides {verb} {len(events)} tariffs{_rates(events)}"
