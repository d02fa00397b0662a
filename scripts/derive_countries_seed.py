"""Derive seeds/countries.csv from the ISO 3166-1 reference file (CC BY-SA 4.0).

Source: lukes/ISO-3166-Countries-with-Regional-Codes, copied to data/reference/iso3166_all.csv.
Run: python scripts/derive_countries_seed.py
"""

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference" / "iso3166_all.csv"
SEED = ROOT / "seeds" / "countries.csv"
COLUMNS = ["country_code", "country_name", "iso2_code", "region", "sub_region", "source_id"]
SOURCE_ID = "src_iso3166_lukes"


def derive_rows(reference: Path) -> list[dict[str, str]]:
    """Map the reference file's columns to the seed's, sorted by alpha-3 code."""
    with reference.open(encoding="utf-8", newline="") as handle:
        rows = [
            {
                "country_code": row["alpha-3"],
                "country_name": row["name"],
                "iso2_code": row["alpha-2"],
                "region": row["region"],
                "sub_region": row["sub-region"],
                "source_id": SOURCE_ID,
            }
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda row: row["country_code"])


def main() -> None:
    rows = derive_rows(REFERENCE)
    with SEED.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries to {SEED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
