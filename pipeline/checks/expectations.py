"""The great-expectations suite over the marts: one batch query and expectation list per mart.

Each batch is a query over the warehouse; where an expectation needs a derived value (the
friction identity), the query adds it as a residual column that must be 0 within TOLERANCE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import great_expectations as gx
from great_expectations.expectations import Expectation

TOLERANCE = 1e-9
MEASURE_TYPES = ["tariff", "surtax", "anti_dumping_duty", "tariff_rate_quota", "quota", "ban"]
MEETING_STATUSES = ["held", "planned", "cancelled"]
DISPUTE_STATUSES = ["active", "resolved"]
COMPONENTS = ["tariff", "dispute", "cooperation", "gdelt"]
ACTOR_TYPES = ["person", "government", "organization", "company", "media", "academic"]
MAX_ROWS = 100_000_000

expect = gx.expectations


@dataclass(frozen=True)
class Batch:
    name: str
    query: str
    expectations: list[Expectation]

    @property
    def marts(self) -> set[str]:
        """The marts the batch query reads (`marts.<name>`)."""
        return set(re.findall(r"\bmarts\.(\w+)", self.query))


def _key(*columns: str) -> list[Expectation]:
    """A primary key: not null, and unique (one column) or unique in combination."""
    checks: list[Expectation] = [
        expect.ExpectColumnValuesToNotBeNull(column=name) for name in columns
    ]
    if len(columns) == 1:
        checks.append(expect.ExpectColumnValuesToBeUnique(column=columns[0]))
    else:
        checks.append(expect.ExpectCompoundColumnsToBeUnique(column_list=list(columns)))
    return checks


def _not_before(later: str, earlier: str) -> Expectation:
    return expect.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=later, column_B=earlier, or_equal=True, ignore_row_if="either_value_is_missing"
    )


def _rows(low: int, high: int = MAX_ROWS) -> Expectation:
    return expect.ExpectTableRowCountToBeBetween(min_value=low, max_value=high)


def _zero(column: str) -> Expectation:
    return expect.ExpectColumnValuesToBeBetween(
        column=column, min_value=-TOLERANCE, max_value=TOLERANCE
    )


def _at_least(column: str, low: float) -> Expectation:
    return expect.ExpectColumnValuesToBeBetween(column=column, min_value=low)


def _at_most(column: str, high: float) -> Expectation:
    return expect.ExpectColumnValuesToBeBetween(column=column, max_value=high)


PAIR_IDENTITY = """
select
    *,
    friction_score
    - (tariff_component + dispute_component + cooperation_component + gdelt_component)
        as friction_identity_residual
from marts.fct_country_pair_friction_monthly
"""

COUNTRY_IDENTITY = """
with pair_sides as (
    select country_a_code as country_code, month_start_date, friction_score
    from marts.fct_country_pair_friction_monthly
    union all
    select country_b_code as country_code, month_start_date, friction_score
    from marts.fct_country_pair_friction_monthly
),
pair_sums as (
    select country_code, month_start_date, sum(friction_score) as pair_score_sum
    from pair_sides
    group by country_code, month_start_date
)
select
    country.*,
    country.friction_score - coalesce(pair_sums.pair_score_sum, 0) as pair_sum_residual
from marts.fct_country_friction_monthly as country
left join pair_sums
    on country.country_code = pair_sums.country_code
    and country.month_start_date = pair_sums.month_start_date
"""


def batches() -> list[Batch]:
    """The suite: fresh Expectation objects on every call (GX binds them to one suite)."""
    return [
        Batch(
            "dim_countries",
            "select * from marts.dim_countries",
            [
                *_key("country_code"),
                *_key("iso2_code"),
                expect.ExpectColumnValuesToMatchRegex(column="country_code", regex=r"^[A-Z]{3}$"),
                expect.ExpectColumnValuesToNotBeNull(column="country_name"),
                _rows(240, 260),
            ],
        ),
        Batch(
            "dim_sources",
            "select * from marts.dim_sources",
            [
                *_key("source_id"),
                expect.ExpectColumnValuesToNotBeNull(column="title"),
                expect.ExpectColumnValuesToMatchRegex(column="url", regex=r"^https?://"),
                _rows(1),
            ],
        ),
        Batch(
            "dim_actors",
            "select * from marts.dim_actors",
            [
                *_key("actor_id"),
                expect.ExpectColumnValuesToBeInSet(column="actor_type", value_set=ACTOR_TYPES),
                _rows(1),
            ],
        ),
        Batch(
            "fct_tariffs",
            "select * from marts.fct_tariffs",
            [
                *_key("tariff_id"),
                expect.ExpectColumnValuesToBeBetween(
                    column="rate_pct", min_value=0, max_value=1000
                ),
                expect.ExpectColumnValuesToBeInSet(column="measure_type", value_set=MEASURE_TYPES),
                _not_before("effective_date", "announced_date"),
                _not_before("end_date", "effective_date"),
                expect.ExpectColumnValuesToNotBeNull(column="imposing_country_code"),
                expect.ExpectColumnValuesToNotBeNull(column="target_country_code"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_disputes",
            "select * from marts.fct_disputes",
            [
                *_key("dispute_id"),
                expect.ExpectColumnValuesToNotBeNull(column="severity"),
                expect.ExpectColumnValuesToBeBetween(column="severity", min_value=1, max_value=5),
                expect.ExpectColumnValuesToBeInSet(column="status", value_set=DISPUTE_STATUSES),
                _not_before("end_date", "start_date"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_meetings",
            "select * from marts.fct_meetings",
            [
                *_key("meeting_id"),
                expect.ExpectColumnValuesToBeInSet(column="status", value_set=MEETING_STATUSES),
                _not_before("end_date", "start_date"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_meeting_participants",
            "select * from marts.fct_meeting_participants",
            [
                *_key("meeting_id", "actor_id"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_tariff_retaliations",
            "select * from marts.fct_tariff_retaliations",
            [
                *_key("tariff_id"),
                expect.ExpectColumnValuesToNotBeNull(column="retaliates_against_tariff_id"),
                _at_least("announcement_lag_days", 0),
            ],
        ),
        Batch(
            "fct_friction_contributions",
            "select * from marts.fct_friction_contributions",
            [
                *_key("contribution_id"),
                expect.ExpectColumnValuesToBeInSet(column="component", value_set=COMPONENTS),
                expect.ExpectColumnValuesToNotBeNull(column="contribution"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_country_pair_friction_monthly",
            PAIR_IDENTITY,
            [
                *_key("country_a_code", "country_b_code", "month_start_date"),
                _zero("friction_identity_residual"),
                _at_least("tariff_component", 0),
                _at_least("dispute_component", 0),
                _at_most("cooperation_component", 0),
                expect.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="country_b_code", column_B="country_a_code"
                ),
                _rows(1),
            ],
        ),
        Batch(
            "fct_tariff_trade_weighted_monthly",
            "select * from marts.fct_tariff_trade_weighted_monthly",
            [
                *_key("imposing_country_code", "target_country_code", "month_start_date"),
                _at_least("trade_weighted_tariff_pct", 0),
                expect.ExpectColumnValuesToBeBetween(
                    column="coverage_share", min_value=0, max_value=1
                ),
                _rows(1),
            ],
        ),
        Batch(
            "fct_country_friction_monthly",
            COUNTRY_IDENTITY,
            [
                *_key("country_code", "month_start_date"),
                _zero("pair_sum_residual"),
                _at_least("partner_count", 1),
                _rows(1),
            ],
        ),
    ]
