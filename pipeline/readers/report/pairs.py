"""Friction over time: one chart per country pair with its key events, and all pairs side by
side on shared axes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from pipeline.readers.report.data import Pair, PairMonth, ReportData
from pipeline.readers.report.events import EventGroup, Kind, group_by_month, next_month, pair_events
from pipeline.readers.report.figures import (
    GRID,
    LINE_COLOUR,
    MARKERS,
    OVERVIEW_SIZE,
    PAIR_SIZE,
    SCORE_LABEL,
    date_axis,
    headline,
    new_figure,
    pair_title,
    save,
    score_on,
    step_line,
)
from pipeline.readers.report.key import draw_event_key


def _badge_tiers(groups: list[EventGroup], min_gap_days: float) -> list[int]:
    """Stack numbered labels in tiers so that two labels in one tier are never too close."""
    last_in_tier: list[dt.date] = []
    tiers = []
    for group in groups:
        x = group.month + dt.timedelta(days=15)
        for tier, last in enumerate(last_in_tier):
            if (x - last).days >= min_gap_days:
                last_in_tier[tier] = x
                tiers.append(tier)
                break
        else:
            last_in_tier.append(x)
            tiers.append(len(last_in_tier) - 1)
    return tiers


GDELT_SHADE = "#f2b766"
FADING_SHADE = "#5aa469"


def _explain_quiet_moves(ax: Axes, series: list[PairMonth]) -> None:
    """Shade what moves the score without an event of its own: months with GDELT news (the
    whole month, pale orange) and months where an earlier meeting's credit is still fading (a
    green strip along the bottom), so a rise or fall between markers is explained."""
    for month in series:
        stop = next_month(month.month)
        if month.gdelt_component != 0:
            ax.axvspan(month.month, stop, color=GDELT_SHADE, alpha=0.25, linewidth=0, zorder=0)
        if month.has_fading_meeting_credit:
            ax.axvspan(
                month.month, stop, ymin=0, ymax=0.03, color=FADING_SHADE, linewidth=0, zorder=1
            )


def _marker_legend(fig: Figure) -> None:
    handles: list[Line2D | Patch] = [
        Line2D(
            [],
            [],
            marker=s.marker,
            color=s.colour,
            linestyle="none",
            markersize=9,
            markerfacecolor=s.colour if s.filled else "white",
            label=kind.value,
        )
        for kind, s in MARKERS.items()
    ]
    handles.append(Patch(color=GDELT_SHADE, alpha=0.5, label="GDELT news month"))
    handles.append(Patch(color=FADING_SHADE, label="fading meeting credit"))
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.045, 0.945),
        ncol=7,
        frameon=False,
        fontsize=11,
        handletextpad=0.3,
        columnspacing=1.5,
    )


RAISING = (Kind.TARIFF_IMPOSED, Kind.DISPUTE_START)  # stacked upwards; the others downwards


def _event_markers(
    fig: Figure, ax: Axes, series: list[PairMonth], groups: list[EventGroup]
) -> None:
    """One marker per month and kind, on that month's score at the kind's first event day.
    A marker that would cover another moves one marker height away: up for events that raise
    friction, down for those that lower it."""
    size_pt = 10
    gap_px = size_pt * fig.dpi / 72 * 1.1
    placed: list[tuple[float, float]] = []  # pixel centres already drawn
    for group in groups:
        for kind in group.kinds:
            day = min(e.date for e in group.events if e.kind is kind)
            score = score_on(series, day)
            x_px, y_px = ax.transData.transform((mdates.date2num(day), score))
            step = gap_px if kind in RAISING else -gap_px
            shift_px = 0.0
            while any(
                abs(x_px - x) < gap_px and abs(y_px + shift_px - y) < gap_px for x, y in placed
            ):
                shift_px += step
            placed.append((x_px, y_px + shift_px))
            if shift_px:  # a thin stalk ties a moved marker to its month's score
                ax.annotate(
                    "",
                    xy=(day, score),
                    xytext=(0, shift_px * 72 / fig.dpi),
                    textcoords="offset points",
                    zorder=3,
                    arrowprops={
                        "arrowstyle": "-",
                        "color": "#666666",
                        "lw": 1.0,
                        "shrinkA": 0,
                        "shrinkB": 0,
                    },
                )
            style = MARKERS[kind]
            shift = ScaledTranslation(0, shift_px / fig.dpi, fig.dpi_scale_trans)
            ax.plot(
                [day],
                [score],
                marker=style.marker,
                markersize=size_pt,
                color=style.colour,
                markerfacecolor=style.colour if style.filled else "white",
                markeredgewidth=1.5,
                linestyle="none",
                zorder=4,
                transform=ax.transData + shift,
                clip_on=False,
            )


def pair_chart(data: ReportData, pair: Pair, path: Path) -> Path:
    series = data.pair_series[pair]
    groups = group_by_month(pair_events(data, pair))
    fig = new_figure(PAIR_SIZE)
    grid = fig.add_gridspec(
        2, 1, height_ratios=[1, 8], hspace=0.02, left=0.05, right=0.65, top=0.88, bottom=0.08
    )
    badges = fig.add_subplot(grid[0])
    ax = fig.add_subplot(grid[1], sharex=badges)
    key = fig.add_axes((0.675, 0.02, 0.31, 0.86))
    a, b = pair
    latest = series[-1]
    headline(
        fig,
        f"{pair_title(data, pair)} ({a}–{b}): monthly friction score and key events"
        f"  ·  {latest.month:%b %Y}: {latest.friction_score:.2f} points",
        x=0.05,
    )

    months, scores = step_line(series)
    ax.step(months, scores, where="post", color=LINE_COLOUR, linewidth=2, zorder=3)
    ax.axhline(0, color="#888888", linewidth=1, zorder=1)
    ax.set_ylabel(SCORE_LABEL, fontsize=12)
    ax.set_xlabel("month", fontsize=12)
    ax.grid(axis="y", **GRID)
    ax.set_xlim(months[0] - dt.timedelta(days=20), months[-1] + dt.timedelta(days=10))
    date_axis(ax)
    low, high = min(scores), max(scores)
    pad = max(high - low, 1.0) * 0.08
    ax.set_ylim(min(low, 0) - pad, high + pad)

    _explain_quiet_moves(ax, series)
    _event_markers(fig, ax, series, groups)

    span_days = (months[-1] - months[0]).days
    tiers = _badge_tiers(groups, min_gap_days=span_days * 0.028)
    badges.set_axis_off()
    badges.set_ylim(-0.5, max(tiers, default=0) + 0.5)
    for group, tier in zip(groups, tiers, strict=True):
        x = group.month + dt.timedelta(days=15)
        badges.text(
            x,
            tier,
            str(group.number),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": LINE_COLOUR},
        )
        ax.axvline(x, color="#bbbbbb", linewidth=0.8, linestyle=":", zorder=0)

    draw_event_key(fig, key, groups)
    _marker_legend(fig)
    return save(fig, PAIR_SIZE, path)


def overview_chart(data: ReportData, path: Path) -> Path:
    """Small multiples on one time axis and one score axis, so pairs can be compared."""
    pairs = data.pairs
    columns = min(3, max(len(pairs), 1))
    rows = max(1, -(-len(pairs) // columns))
    fig = new_figure(OVERVIEW_SIZE)
    axes = fig.subplots(
        rows,
        columns,
        sharex=True,
        sharey=True,
        squeeze=False,
        gridspec_kw={
            "left": 0.06,
            "right": 0.99,
            "top": 0.84,
            "bottom": 0.08,
            "hspace": 0.3,
            "wspace": 0.06,
        },
    )
    headline(
        fig,
        "Monthly friction score of every country pair (same scales in every panel)",
        "Above zero: tariffs and disputes outweigh cooperation; below zero: "
        "recent meetings outweigh them. Each pair starts with its first recorded event.",
        x=0.06,
        title_y=0.97,
    )
    first = min(series[0].month for series in data.pair_series.values())
    stop = next_month(data.as_of_month)
    for ax, pair in zip(axes.flat, pairs, strict=False):
        series = data.pair_series[pair]
        months, scores = step_line(series)
        ax.fill_between(months, scores, step="post", color="#aab7c4", alpha=0.35, linewidth=0)
        ax.step(months, scores, where="post", color=LINE_COLOUR, linewidth=1.6)
        ax.axhline(0, color="#888888", linewidth=0.8)
        ax.grid(axis="y", **GRID)
        latest = series[-1]
        ax.set_title(f"{pair_title(data, pair)} ({pair[0]}–{pair[1]})", fontsize=12, loc="left")
        ax.text(
            0.98,
            0.92,
            f"{latest.month:%b %Y}: {latest.friction_score:.2f}",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=10,
            color="#333333",
            bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1},
        )
    for ax in axes.flat[len(pairs) :]:
        ax.set_axis_off()
    for ax in axes[:, 0]:
        ax.set_ylabel(SCORE_LABEL, fontsize=11)
    for ax in axes[-1, :]:
        ax.set_xlabel("month", fontsize=11)
    axes[0, 0].set_xlim(first, stop)
    locator = mdates.YearLocator()
    for ax in axes.flat:
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.tick_params(axis="x", labelbottom=True, labelsize=9)
    return save(fig, OVERVIEW_SIZE, path)
