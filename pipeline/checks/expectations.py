"""The great-expectations suite over the marts: one batch query and expectation list per mart.

Each batch is a query over the warehouse; where an expectation needs a derived value (the
friction identity), the query adds it as a residual column that must be 0 within TOLERANCE.
The values a coded column may take are the project's (dbt var `accepted_values`, and the
components of var `friction_components`): dbt's accepted_values tests read the same vars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import great_expectations as gx
from great_expectations.expectations import Expectation

TOLERANCE = 1e-9
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

# A scenario's baseline is the pair mart's score, and its score is the baseline plus the difference.
SCENARIO_IDENTITY = """
select
    scenario.*,
    scenario.baseline_friction_score - coalesce(pair.friction_score, 0) as baseline_residual,
    scenario.scenario_friction_score - scenario.baseline_friction_score
    - scenario.friction_difference as scenario_identity_residual
from marts.fct_scenario_pair_friction_monthly as scenario
left join marts.fct_country_pair_friction_monthly as pair
    on scenario.country_a_code = pair.country_a_code
    and scenario.country_b_code = pair.country_b_code
    and scenario.month_start_date = pair.month_start_date
"""

COUNTRY_IDENTITY = """
with partner_sums as (
    select country_code, month_start_date, sum(friction_score) as partner_score_sum
    from marts.fct_country_partner_friction_monthly
    group by country_code, month_start_date
)
select
    country.*,
    country.friction_score - coalesce(partner_sums.partner_score_sum, 0) as partner_sum_residual
from marts.fct_country_friction_monthly as country
left join partner_sums
    on country.country_code = partner_sums.country_code
    and country.month_start_date = partner_sums.month_start_date
"""


def _one_of(column: str, values: list[str]) -> Expectation:
    return expect.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))


def batches(variables: dict[str, Any]) -> list[Batch]:
    """The suite: fresh Expectation objects on every call (GX binds them to one suite).

    `variables` are the project's dbt vars (pipeline.project_vars).
    """
    accepted = variables["accepted_values"]
    components = [component["name"] for component in variables["friction_components"]]
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
                _one_of("actor_type", accepted["actor_type"]),
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
                _one_of("measure_type", accepted["measure_type"]),
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
                _one_of("status", accepted["dispute_status"]),
                _not_before("end_date", "start_date"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_meetings",
            "select * from marts.fct_meetings",
            [
                *_key("meeting_id"),
                _one_of("status", accepted["meeting_status"]),
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
                _one_of("component", components),
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
            "fct_fact_versions",
            "select * from history.fct_fact_versions",
            [
                *_key("fact_version_id"),
                *_key("fact_type", "fact_id", "version_number"),
                _not_before("recorded_to_at", "recorded_from_at"),
                _rows(1),
            ],
        ),
        Batch(
            "fct_country_partner_friction_monthly",
            "select * from marts.fct_country_partner_friction_monthly",
            [
                *_key("country_code", "partner_country_code", "month_start_date"),
                _at_least("partner_rank", 1),
                _rows(2),
            ],
        ),
        Batch(
            "fct_scenario_pair_friction_monthly",
            SCENARIO_IDENTITY,
            [
                *_key("scenario_id", "country_a_code", "country_b_code", "month_start_date"),
                _zero("baseline_residual"),
                _zero("scenario_identity_residual"),
                _rows(1),
            ],
        ),
        Batch(
            "dim_scenarios",
            "select * from marts.dim_scenarios",
            [
                *_key("scenario_id"),
                _rows(2),
            ],
        ),
        Batch(
            "fct_country_friction_monthly",
            COUNTRY_IDENTITY,
            [
                *_key("country_code", "month_start_date"),
                _zero("partner_sum_residual"),
                _at_least("partner_count", 1),
                _rows(1),
            ],
        ),
    ]
