"""Curated seeds scaled up for benchmarks.

`python -m pipeline.synthetic.generate_seeds --factor N --out DIR`.

Writes a complete seeds folder: the real seeds, plus (N - 1) synthetic rows for every real
tariff, dispute and meeting, each copied from a real row as a template with a new id, another
country pair (Zipf-skewed, so a few pairs dominate like in the real world) and dates moved to a
random point of 2018-2025. Every synthetic row cites one synthetic source whose title says it is
not a fact, and passes the same seed checks as the real rows. Deterministic for a given seed.
Benchmarks copy the project and put this folder in place of seeds/; never publish it.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SOURCE_ID = "src_synthetic_benchmark"
NOTE = "Synthetic row for benchmarks, not a fact."
FIRST_DAY, LAST_DAY = date(2018, 1, 1), date(2025, 12, 31)
DATE_COLUMNS = ("announced_date", "effective_date", "start_date", "end_date")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, lineterminator="\n").writerows(rows)


class Scaler:
    """Draws country pairs and date shifts for synthetic copies of real rows."""

    def __init__(self, countries: list[str], seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.countries = np.array(countries)
        weights = 1.0 / np.arange(1, len(countries) + 1) ** 1.1
        self.weights = weights / weights.sum()

    def pair(self) -> tuple[str, str]:
        first, second = self.rng.choice(self.countries, size=2, replace=False, p=self.weights)
        return str(first), str(second)

    def shifted(self, row: dict[str, str]) -> dict[str, str]:
        """The row with every date moved by one random offset (spans keep their length)."""
        dates = [date.fromisoformat(row[name]) for name in DATE_COLUMNS if row.get(name)]
        if not dates:
            return dict(row)
        span = (max(dates) - min(dates)).days
        room = max((LAST_DAY - FIRST_DAY).days - span, 0)
        offset = FIRST_DAY + timedelta(days=int(self.rng.integers(0, room + 1))) - min(dates)
        moved = dict(row)
        for name in DATE_COLUMNS:
            if row.get(name):
                moved[name] = (date.fromisoformat(row[name]) + offset).isoformat()
        return moved


def scale_seeds(project: Path, out: Path, factor: int, seed: int = 42) -> dict[str, int]:
    """Write the scaled seeds folder; returns the row count of each scaled file."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project / "seeds", out)
    _, countries = _read(out / "countries.csv")
    scaler = Scaler([row["country_code"] for row in countries if row["region"]], seed)
    actor_header, actors = _read(out / "actors.csv")
    source_header, _ = _read(out / "sources.csv")
    _append(
        out / "sources.csv",
        source_header,
        [
            {
                **dict.fromkeys(source_header, ""),
                "source_id": SOURCE_ID,
                "publisher": "friction",
                "title": (
                    "Synthetic benchmark rows (pipeline/synthetic/generate_seeds.py), not facts"
                ),
            }
        ],
    )
    government = {}
    for row in countries:
        government[row["country_code"]] = f"act_syn_gov_{row['country_code'].lower()}"
    _append(
        out / "actors.csv",
        actor_header,
        [
            {
                "actor_id": actor_id,
                "actor_name": f"Government of {code} (synthetic)",
                "actor_type": "government",
                "country_code": code,
                "role_title": "",
                "source_id": SOURCE_ID,
            }
            for code, actor_id in government.items()
        ],
    )
    counts = {"actors": len(actors) + len(government)}
    for name, columns in (
        ("tariffs", ("imposing_country_code", "target_country_code")),
        ("disputes", ("initiator_country_code", "target_country_code")),
        ("meetings", ()),
    ):
        header, rows = _read(out / f"{name}.csv")
        key = header[0]
        synthetic, participants = [], []
        for copy in range(1, factor):
            for template in rows:
                row = scaler.shifted(template)
                row[key] = f"syn{copy}_{template[key]}"
                row.update(source_id=SOURCE_ID, notes=NOTE)
                first, second = scaler.pair()
                if columns:
                    row[columns[0]], row[columns[1]] = first, second
                if name == "tariffs":
                    row.update(is_retaliation="false", retaliates_against_tariff_id="")
                if name == "meetings":
                    row["location_country_code"] = first
                    participants += [
                        {
                            "meeting_id": row[key],
                            "actor_id": government[code],
                            "source_id": SOURCE_ID,
                        }
                        for code in (first, second)
                    ]
                synthetic.append(row)
        _append(out / f"{name}.csv", header, synthetic)
        counts[name] = len(rows) + len(synthetic)
        if name == "meetings":
            participant_header, real = _read(out / "meeting_participants.csv")
            _append(out / "meeting_participants.csv", participant_header, participants)
            counts["meeting_participants"] = len(real) + len(participants)
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path(".build/seeds_scaled"))
    args = parser.parse_args(argv)
    counts = scale_seeds(Path.cwd(), args.out, args.factor, args.seed)
    print(
        f"Wrote seeds x{args.factor} to {args.out}: "
        + ", ".join(f"{name} {count:,}" for name, count in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
