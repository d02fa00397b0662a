"""Read everything the report needs from the published warehouse, read-only, in one go.

The connection is opened with `read_only=True` and closed before this module returns, so the
report never blocks a build and never keeps the file open (DuckDB reuses an open database for
the same path inside one process, so a leaked connection would also pin an old build).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.readers.warehouse_file import connect_read_only

Pair = tuple[str, str]


@dataclass(frozen=True)
class PairMonth:
    month: dt.date
    friction_score: float
    tariff_component: float
    dispute_component: float
    cooperation_component: float  # signed: zero or negative
    gdelt_component: float = 0.0
    meeting_count: int = 0  # held meetings in the month itself

    @property
    def has_fading_meeting_credit(self) -> bool:
        """Cooperation credit from a meeting of an earlier month, still decaying."""
        return self.cooperation_component < 0 and self.meeting_count == 0


@dataclass(frozen=True)
class CountryScore:
    country_code: str
    friction_score: float
    partner_count: int
    top_partner_country_code: str | None


@dataclass(frozen=True)
class Tariff:
    tariff_id: str
    imposing_country_code: str
    target_country_code: str
    product_description: str
    rate_pct: float | None
    effective_date: dt.date | None
    end_date: dt.date | None

    @property
    def pair(self) -> Pair:
        a, b = sorted((self.imposing_country_code, self.target_country_code))
        return a, b


@dataclass(frozen=True)
class Dispute:
    dispute_id: str
    dispute_title: str
    dispute_type: str
    initiator_country_code: str
    target_country_code: str
    start_date: dt.date
    end_date: dt.date | None
    severity: int

    @property
    def pair(self) -> Pair:
        a, b = sorted((self.initiator_country_code, self.target_country_code))
        return a, b


@dataclass(frozen=True)
class Meeting:
    meeting_id: str
    meeting_title: str
    start_date: dt.date
    country_codes: tuple[str, ...]  # distinct participant countries, sorted


@dataclass(frozen=True)
class ReportData:
    as_of_month: dt.date
    pair_series: dict[Pair, list[PairMonth]]  # every pair in the data, months in order
    ranking: list[CountryScore]  # the as-of month, highest friction first
    tariffs: list[Tariff]
    disputes: list[Dispute]
    meetings: list[Meeting]  # held meetings with a known start date
    country_names: dict[str, str]

    @property
    def pairs(self) -> list[Pair]:
        return sorted(self.pair_series)

    def name(self, country_code: str) -> str:
        return self.country_names.get(country_code, country_code)


PAIR_SERIES_SQL = """
select country_a_code, country_b_code, month_start_date, friction_score,
    tariff_component, dispute_component, cooperation_component, gdelt_component, meeting_count
from marts.fct_country_pair_friction_monthly
order by country_a_code, country_b_code, month_start_date
"""

RANKING_SQL = """
select country_code, month_start_date, friction_score, partner_count, top_partner_country_code
from marts.fct_country_friction_monthly
where month_start_date = (select max(month_start_date) from marts.fct_country_friction_monthly)
order by friction_score desc, country_code
"""

TARIFFS_SQL = """
select tariff_id, imposing_country_code, target_country_code, product_description,
    rate_pct::double, effective_date, end_date
from marts.fct_tariffs
order by effective_date nulls last, tariff_id
"""

DISPUTES_SQL = """
select dispute_id, dispute_title, dispute_type, initiator_country_code, target_country_code,
    start_date, end_date, severity
from marts.fct_disputes
where start_date is not null
order by start_date, dispute_id
"""

MEETINGS_SQL = """
select m.meeting_id, m.meeting_title, m.start_date,
    list_sort(list(distinct p.country_code) filter (where p.country_code is not null))
from marts.fct_meetings as m
inner join marts.fct_meeting_participants as p on m.meeting_id = p.meeting_id
where m.status = 'held' and m.start_date is not null
group by m.meeting_id, m.meeting_title, m.start_date
order by m.start_date, m.meeting_id
"""

COUNTRY_NAMES_SQL = "select country_code, country_name from marts.dim_countries"


def _zero(value: float | None) -> float:
    return 0.0 if value is None else float(value)


def load_report_data(warehouse: Path) -> ReportData:
    """Query the marts through a read-only connection that is closed before returning."""
    con = connect_read_only(warehouse)
    try:
        series_rows = con.sql(PAIR_SERIES_SQL).fetchall()
        ranking_rows = con.sql(RANKING_SQL).fetchall()
        tariff_rows = con.sql(TARIFFS_SQL).fetchall()
        dispute_rows = con.sql(DISPUTES_SQL).fetchall()
        meeting_rows = con.sql(MEETINGS_SQL).fetchall()
        name_rows = con.sql(COUNTRY_NAMES_SQL).fetchall()
    finally:
        con.close()

    if not series_rows or not ranking_rows:
        raise ValueError(f"{warehouse} has no friction scores: is it a published build?")

    pair_series: dict[Pair, list[PairMonth]] = {}
    for a, b, month, score, tariff, dispute, cooperation, gdelt, meetings in series_rows:
        pair_series.setdefault((a, b), []).append(
            PairMonth(
                month,
                _zero(score),
                _zero(tariff),
                _zero(dispute),
                _zero(cooperation),
                _zero(gdelt),
                int(meetings or 0),
            )
        )
    return ReportData(
        as_of_month=ranking_rows[0][1],
        pair_series=pair_series,
        ranking=[
            CountryScore(code, _zero(score), int(partners or 0), top)
            for code, _month, score, partners, top in ranking_rows
        ],
        tariffs=[
            Tariff(tid, imp, tgt, desc, None if rate is None else float(rate), eff, end)
            for tid, imp, tgt, desc, rate, eff, end in tariff_rows
        ],
        disputes=[Dispute(*row[:7], int(row[7])) for row in dispute_rows],
        meetings=[
            Meeting(mid, title, start, tuple(codes)) for mid, title, start, codes in meeting_rows
        ],
        country_names=dict(name_rows),
    )
