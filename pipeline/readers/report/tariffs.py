"""The tariff timeline: one bar per measure and country pair, Gantt-style."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pipeline.readers.report.data import Pair, ReportData, Tariff
from pipeline.readers.report.events import format_rate, next_month, short_country_name, short_text
from pipeline.readers.report.figures import (
    GRID,
    TARIFF_SIZE,
    headline,
    new_figure,
    pair_title,
    save,
)

# Okabe-Ito: distinguishable with the common colour-vision deficiencies
IMPOSER_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def _tariff_label(tariff: Tariff) -> str:
    direction = f"{tariff.imposing_country_code}→{tariff.target_country_code}"
    return f"{direction}  {short_text(tariff.product_description or 'goods not named', 40)}"


def tariff_chart(data: ReportData, path: Path) -> Path:
    """One bar per measure in force from effective_date to end_date (or to the end of the
    as-of month), one panel per pair with measures; colour = direction, label = rate."""
    stop = next_month(data.as_of_month)
    by_pair: dict[Pair, list[Tariff]] = {}
    for tariff in data.tariffs:
        if tariff.effective_date is not None and tariff.effective_date < stop:
            by_pair.setdefault(tariff.pair, []).append(tariff)
    pairs = sorted(by_pair)
    fig = new_figure(TARIFF_SIZE)
    headline(
        fig,
        "Tariff measures in force, by country pair",
        "Each bar runs from the day a measure took effect to the day it was "
        "lifted (or to the end of the latest month while it is in force); the label is its "
        "ad-valorem rate. Colour = the imposing country.",
        subtitle_y=0.948,
    )
    if not pairs:
        fig.text(0.5, 0.5, "No tariff measures in force in the data.", ha="center", fontsize=14)
        return save(fig, TARIFF_SIZE, path)
    heights = [len(by_pair[pair]) + 1.5 for pair in pairs]
    axes = fig.subplots(
        len(pairs),
        1,
        sharex=True,
        squeeze=False,
        gridspec_kw={
            "height_ratios": heights,
            "left": 0.25,
            "right": 0.97,
            "top": 0.875,
            "bottom": 0.05,
            "hspace": 0.35,
        },
    )[:, 0]
    first = min(t.effective_date for ts in by_pair.values() for t in ts if t.effective_date)
    start = first.replace(month=1, day=1)
    right = stop + dt.timedelta(days=90)
    axes_px = axes[0].get_position().width * fig.get_figwidth() * fig.dpi
    px_per_day = axes_px / (right - start).days
    imposers = sorted({t.imposing_country_code for ts in by_pair.values() for t in ts})
    colour_of = {code: IMPOSER_COLOURS[i % len(IMPOSER_COLOURS)] for i, code in enumerate(imposers)}
    for ax, pair in zip(axes, pairs, strict=True):
        tariffs = sorted(
            by_pair[pair], key=lambda t: (t.effective_date, t.imposing_country_code, t.tariff_id)
        )
        for row, tariff in enumerate(tariffs):
            begin = tariff.effective_date
            assert begin is not None
            in_force = tariff.end_date is None or tariff.end_date >= stop
            end = stop if in_force else tariff.end_date
            assert end is not None
            width = max((end - begin).days, 6)  # a measure lifted within days stays visible
            colour = colour_of[tariff.imposing_country_code]
            ax.barh(row, width, left=begin, height=0.72, color=colour)
            if in_force:
                ax.plot([end], [row], marker=">", color=colour, markersize=7, clip_on=False)
            rate = format_rate(tariff.rate_pct)
            if width * px_per_day > 12 + 7 * len(rate):  # the rate fits inside the bar
                ax.text(
                    begin + dt.timedelta(days=8 / px_per_day),
                    row,
                    rate,
                    va="center",
                    fontsize=8.5,
                    color="white",
                    fontweight="bold",
                )
            else:
                ax.text(
                    begin + dt.timedelta(days=width + 6 / px_per_day),
                    row,
                    rate,
                    va="center",
                    fontsize=8.5,
                )
        ax.set_yticks(range(len(tariffs)), [_tariff_label(t) for t in tariffs], fontsize=8.5)
        ax.set_ylim(len(tariffs) - 0.4, -0.6)
        ax.set_title(
            f"{pair_title(data, pair)} ({pair[0]}–{pair[1]}): {len(tariffs)} measures",
            fontsize=12,
            loc="left",
            fontweight="bold",
        )
        ax.grid(axis="x", **GRID)
        ax.set_axisbelow(True)
        ax.axvline(stop, color="#555555", linewidth=1, linestyle="--")
    handles: list[Artist] = [
        Patch(color=colour_of[code], label=f"imposed by {short_country_name(data.name(code))}")
        for code in imposers
    ]
    handles += [
        Line2D([], [], marker=">", color="#555555", linestyle="none", label="still in force"),
        Line2D([], [], color="#555555", linestyle="--", label=f"end of {data.as_of_month:%b %Y}"),
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.015, 0.935),
        frameon=False,
        ncol=len(handles),
        fontsize=11,
    )
    axes[0].set_xlim(start, right)
    axes[-1].set_xlabel(
        "month (bar = days in force; dashed line = end of the latest month)", fontsize=11
    )
    locator = mdates.YearLocator()
    for ax in axes:
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.tick_params(axis="x", labelbottom=True, labelsize=9)
    return save(fig, TARIFF_SIZE, path)
