"""Valid seed rows to plant defects in (one field changed at a time)."""

import csv
import io

TARIFF = {
    "tariff_id": "t_planted",
    "measure_id": "m_planted",
    "imposing_country_code": "CAN",
    "target_country_code": "CHN",
    "product_description": "planted",
    "measure_type": "tariff",
    "rate_pct": "10",
    "covers_all_goods": "false",
    "covered_import_value_bn": "",
    "covered_import_currency_code": "",
    "covered_import_year": "",
    "covered_import_share": "",
    "is_measure_total": "false",
    "coverage_source_id": "",
    "announced_date": "2024-01-01",
    "effective_date": "2024-02-01",
    "end_date": "",
    "is_retaliation": "false",
    "retaliates_against_tariff_id": "",
    "source_id": "src_ap_2026_01_12",
    "notes": "",
}

DISPUTE = {
    "dispute_id": "d_planted",
    "dispute_title": "planted",
    "dispute_type": "diplomatic_spat",
    "initiator_country_code": "CAN",
    "target_country_code": "IND",
    "start_date": "2024-01-01",
    "end_date": "2024-02-01",
    "date_precision": "day",
    "status": "resolved",
    "severity": "2",
    "source_id": "src_ap_2026_01_12",
    "notes": "",
}


def csv_line(values: dict[str, str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values.values())
    return buffer.getvalue()


def tariff_row(tariff_id: str = "t_planted", **values: str) -> str:
    """A valid tariffs.csv row with some fields replaced."""
    unknown = set(values) - set(TARIFF)
    assert not unknown, unknown
    return csv_line({**TARIFF, "tariff_id": tariff_id, **values})


def dispute_row(dispute_id: str = "d_planted", **values: str) -> str:
    """A valid disputes.csv row with some fields replaced."""
    unknown = set(values) - set(DISPUTE)
    assert not unknown, unknown
    return csv_line({**DISPUTE, "dispute_id": dispute_id, **values})
