"""The ranking of countries by friction in the latest month (horizontal bars)."""

from __future__ import annotations

from pathlib import Path

from pipeline.readers.report.data import ReportData
from pipeline.readers.report.events import short_country_name
from pipeline.readers.report.figures import (
    GRID,
    RANKING_SIZE,
    SCORE_LABEL,
    headline,
    new_figure,
    save,
)


def ranking_chart(data: ReportData, path: Path) -> Path:
    ranking = data.ranking
    fig = new_figure(RANKING_SIZE)
    ax = fig.add_axes((0.2, 0.12, 0.72, 0.74))
    headline(
        fig,
        f"Countries ranked by friction in {data.as_of_month:%B %Y}",
        "A country's score is the sum of the scores of its pairs; the label "
        "names the partner with the highest pair score.",
    )
    labels = [
        f"{short_country_name(data.name(row.country_code))} ({row.country_code})" for row in ranking
    ]
    scores = [row.friction_score for row in ranking]
    positions = list(range(len(ranking)))[::-1]  # highest at the top
    colours = ["#c0392b" if score > 0 else "#2471a3" for score in scores]
    ax.barh(positions, scores, height=0.62, color=colours)
    ax.set_yticks(positions, labels, fontsize=12)
    ax.axvline(0, color="#555555", linewidth=1)
    ax.grid(axis="x", **GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(f"{SCORE_LABEL}, {data.as_of_month:%B %Y}", fontsize=12)
    high = max([*scores, 0.0])
    low = min([*scores, 0.0])
    span = max(high - low, 1.0)
    ax.set_xlim(low - 0.02 * span, high + 0.3 * span)
    for position, row in zip(positions, ranking, strict=True):
        partner = row.top_partner_country_code
        note = f"{row.friction_score:.2f}"
        if partner:
            plural = "s" if row.partner_count != 1 else ""
            note += f"   top partner {partner} · {row.partner_count} partner{plural}"
        ax.text(max(row.friction_score, 0) + 0.01 * span, position, note, va="center", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return save(fig, RANKING_SIZE, path)
