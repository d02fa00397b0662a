"""Write every chart and index.html into one folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.readers.report.data import Pair, ReportData, load_report_data
from pipeline.readers.report.events import group_by_month, pair_events
from pipeline.readers.report.figures import (
    OVERVIEW_SIZE,
    PAIR_SIZE,
    RANKING_SIZE,
    TARIFF_SIZE,
    pair_title,
)
from pipeline.readers.report.page import Chart, render_page
from pipeline.readers.report.pairs import overview_chart, pair_chart
from pipeline.readers.report.ranking import ranking_chart
from pipeline.readers.report.tariffs import tariff_chart

OVERVIEW_FILE = "pairs_overview.png"
RANKING_FILE = "country_ranking.png"
TARIFF_FILE = "tariff_timeline.png"
PAIR_PATTERN = "pair_*.png"


def pair_file(pair: Pair) -> str:
    return f"pair_{pair[0]}_{pair[1]}.png"


@dataclass(frozen=True)
class Report:
    index: Path
    images: list[Path]
    pairs: list[Pair]


def _pair_chart_entry(data: ReportData, pair: Pair) -> Chart:
    series = data.pair_series[pair]
    months = len(group_by_month(pair_events(data, pair)))
    width, height = PAIR_SIZE.pixels
    return Chart(
        file_name=pair_file(pair),
        title=f"{pair_title(data, pair)} ({pair[0]}–{pair[1]})",
        caption=(
            f"Monthly friction score of {pair_title(data, pair)} from "
            f"{series[0].month:%B %Y} to {series[-1].month:%B %Y}, with the key events of "
            f"{months} months numbered."
        ),
        how_to_read=(
            "The line is the pair's score, held for each month (higher = more friction); each "
            "marker sits on the month an event happened (▲ tariff imposed, ▼ tariff lifted, "
            "◆ dispute begins, ◇ dispute ends, ● meeting held; markers of one month are stacked "
            "on a thin stalk), and the circled numbers above the chart match the key on the right."
        ),
        width=width,
        height=height,
    )


def build_report(warehouse: Path, out_dir: Path) -> Report:
    """Read the warehouse (read-only, closed again before any drawing) and write the report."""
    data = load_report_data(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {pair_file(pair) for pair in data.pairs}
    for stale in out_dir.glob(PAIR_PATTERN):  # pairs that are no longer in the data
        if stale.name not in wanted:
            stale.unlink()

    as_of = f"{data.as_of_month:%B %Y}"
    with_tariffs = {t.pair for t in data.tariffs if t.effective_date is not None}
    without = [f"{a}–{b}" for a, b in data.pairs if (a, b) not in with_tariffs]
    no_panel = (
        f" Pairs without tariff measures ({', '.join(without)}) have no panel." if without else ""
    )
    images = [
        ranking_chart(data, out_dir / RANKING_FILE),
        overview_chart(data, out_dir / OVERVIEW_FILE),
        *(pair_chart(data, pair, out_dir / pair_file(pair)) for pair in data.pairs),
        tariff_chart(data, out_dir / TARIFF_FILE),
    ]
    entries = [
        Chart(
            RANKING_FILE,
            f"Countries ranked by friction, {as_of}",
            f"Each country's friction score in {as_of}, highest first.",
            "A longer bar means more friction with the countries it is paired with; the number "
            "is the score and the note names the partner that contributes most.",
            *RANKING_SIZE.pixels,
        ),
        Chart(
            OVERVIEW_FILE,
            "All country pairs side by side",
            "Monthly friction score of every country pair on the same time and score axes.",
            "Compare heights across panels to see which pairs were tense when; each pair starts "
            "with its first recorded event, and the latest score is in the corner.",
            *OVERVIEW_SIZE.pixels,
        ),
        *(_pair_chart_entry(data, pair) for pair in data.pairs),
        Chart(
            TARIFF_FILE,
            "Tariff timeline by country pair",
            "Every tariff measure between two countries in the data, from the day it took effect "
            f"to the day it was lifted or, while still in force, to the end of {as_of}.",
            "Read each row left to right: the bar is the time in force, its colour the imposing "
            "country, the label its ad-valorem rate, and an arrow ▶ at the dashed line means it "
            f"is still in force; measures only announced are not shown.{no_panel}",
            *TARIFF_SIZE.pixels,
        ),
    ]
    index = out_dir / "index.html"
    index.write_text(render_page(entries, as_of, out_dir), encoding="utf-8")
    return Report(index=index, images=images, pairs=data.pairs)
