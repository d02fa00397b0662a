"""Synthetic GDELT 2.0 event exports at any scale.

`python -m pipeline.synthetic.generate_gdelt --events N`.

Writes files in the same 61-column, tab-separated layout the GDELT source reads, one file per
day (`YYYYMMDD000000.export.CSV`), in chunks, so memory stays flat whatever N is. Seeded and
deterministic: the same arguments give byte-identical files. Realistic skew: actor countries
follow a Zipf law (a few pairs dominate), and each year has a few "episodes" where one pair
gets a burst of conflictual events. Event codes and Goldstein scores come from the CAMEO
lookup seeds, so every row passes the source's checks. The data is synthetic: never publish it
as facts.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

FIELDS = 61
DEFAULT_START = date(2019, 1, 1)
ID_BASE, ID_EPOCH, MAX_EVENTS_PER_DAY = 1_000_000_000, date(2000, 1, 1), 10_000_000
ROOT_QUAD_CLASS = {  # CAMEO root code -> QuadClass (verbal/material cooperation/conflict)
    **dict.fromkeys(["01", "02", "03", "04", "05"], 1),
    **dict.fromkeys(["06", "07", "08"], 2),
    **dict.fromkeys(["09", "10", "11", "12", "13"], 3),
    **dict.fromkeys(["14", "15", "16", "17", "18", "19", "20"], 4),
}
# The most reported-on countries come first, so the Zipf law makes their pairs dominate.
PROMINENT = ["USA", "CHN", "RUS", "GBR", "IND", "CAN", "FRA", "DEU", "JPN", "AUS", "ISR", "IRN"]
STATE_TYPES = np.array(["GOV", "MIL", "", "", "BUS", "MED", "CVL", "COP"])


def load_lookups(project: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """ISO alpha-3 countries with a region, CAMEO codes and their Goldstein scores."""
    with (project / "seeds" / "countries.csv").open(encoding="utf-8") as handle:
        countries = [row["country_code"] for row in csv.DictReader(handle) if row["region"]]
    countries = PROMINENT + [code for code in countries if code not in PROMINENT]
    with (project / "seeds" / "gdelt" / "cameo_goldstein_scale.csv").open(encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if len(row["cameo_event_code"]) == 3]
    codes = np.array([row["cameo_event_code"] for row in rows])
    goldstein = np.array([float(row["goldstein_scale"]) for row in rows])
    return countries, codes, goldstein


def _zipf_weights(count: int, exponent: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return weights / weights.sum()


def day_rows(
    rng: np.random.Generator,
    day: date,
    count: int,
    first_id: int,
    countries: np.ndarray,
    codes: np.ndarray,
    goldstein: np.ndarray,
    episode: tuple[str, str] | None,
) -> list[str]:
    """`count` export lines for one day."""
    weights = _zipf_weights(len(countries))
    actor1 = rng.choice(countries, size=count, p=weights)
    actor2 = rng.choice(countries, size=count, p=weights)
    conflictual = goldstein < -2
    code_index = rng.integers(0, len(codes), size=count)
    if episode is not None:  # a third of the day's events: the episode pair, in conflict
        burst = rng.random(count) < 0.33
        actor1[burst], actor2[burst] = episode
        conflict_codes = np.flatnonzero(conflictual)
        code_index[burst] = rng.choice(conflict_codes, size=int(burst.sum()))
    mentions = rng.geometric(0.25, size=count)
    tone = np.round(rng.normal(-1.5, 3.0, size=count), 4)
    is_root = rng.random(count) < 0.6
    type1 = rng.choice(STATE_TYPES, size=count)
    type2 = rng.choice(STATE_TYPES, size=count)
    sql_date = day.strftime("%Y%m%d")
    lines = []
    for index in range(count):
        code = codes[code_index[index]]
        fields = [""] * FIELDS
        fields[0] = str(first_id + index)
        fields[1], fields[2], fields[3] = sql_date, sql_date[:6], sql_date[:4]
        fields[4] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
        fields[5], fields[7], fields[12] = actor1[index] + type1[index], actor1[index], type1[index]
        fields[15], fields[17], fields[22] = (
            actor2[index] + type2[index],
            actor2[index],
            type2[index],
        )
        fields[25] = "1" if is_root[index] else "0"
        fields[26], fields[27], fields[28] = code, code, code[:2]
        fields[29] = str(ROOT_QUAD_CLASS[code[:2]])
        fields[30] = f"{goldstein[code_index[index]]:.1f}"
        fields[31] = fields[32] = fields[33] = str(mentions[index])
        fields[34] = str(tone[index])
        fields[59] = sql_date + "000000"
        fields[60] = f"https://example.invalid/synthetic/{first_id + index}"
        lines.append("\t".join(fields))
    return lines


def event_id_base(day: date) -> int:
    """First GLOBALEVENTID of a day: ids never collide across runs that cover other days."""
    return ID_BASE + (day - ID_EPOCH).days * MAX_EVENTS_PER_DAY


def generate(
    project: Path,
    out: Path,
    events: int,
    years: int,
    seed: int,
    start: date = DEFAULT_START,
    days: int | None = None,
) -> list[Path]:
    """Write `events` events over `days` days (default 365 x years) from `start`, a file a day."""
    countries, codes, goldstein = load_lookups(project)
    country_array = np.array(countries)
    rng = np.random.default_rng(seed)
    days = [start + timedelta(days=offset) for offset in range(days or 365 * years)]
    per_day = np.full(len(days), events // len(days))
    per_day[: events % len(days)] += 1
    if per_day.max() > MAX_EVENTS_PER_DAY:
        raise ValueError(f"at most {MAX_EVENTS_PER_DAY:,} events a day; add days or years")
    weights = _zipf_weights(len(countries))
    top = country_array[np.argsort(-weights)[:12]]
    episodes = {}
    for _ in range(
        max(1, 4 * len(days) // 365)
    ):  # a few episodes a year, each a burst of 3 to 10 days
        start = int(rng.integers(0, len(days)))
        pair = tuple(sorted(rng.choice(top, size=2, replace=False)))
        for offset in range(int(rng.integers(3, 11))):
            episodes[min(start + offset, len(days) - 1)] = pair
    out.mkdir(parents=True, exist_ok=True)
    written, done, started = [], 0, time.monotonic()
    for index, day in enumerate(days):
        lines = day_rows(
            rng,
            day,
            int(per_day[index]),
            event_id_base(day),
            country_array,
            codes,
            goldstein,
            episodes.get(index),
        )
        done += len(lines)
        path = out / f"{day.strftime('%Y%m%d')}000000.export.CSV"
        path.write_text("\n".join(lines) + "\n" if lines else "", encoding="utf-8")
        written.append(path)
        if (index + 1) % 30 == 0 or index + 1 == len(days):
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"  {done:>12,} / {events:,} events ({rate:,.0f}/s)", flush=True)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path(".build/gdelt_synthetic"))
    parser.add_argument(
        "--start", type=date.fromisoformat, default=DEFAULT_START, help="first day (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--days", type=int, default=None, help="days to cover (default 365 x years)"
    )
    args = parser.parse_args(argv)
    files = generate(
        Path.cwd(), args.out, args.events, args.years, args.seed, args.start, args.days
    )
    print(f"Wrote {args.events:,} synthetic events in {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
