"""What every chart shares: fixed pixel sizes, the Agg canvas, the PNG check, styles.

Charts are drawn with matplotlib's object API on the Agg canvas (no pyplot state). Every chart
has a fixed pixel size (`Size`); `save` checks the written PNG against it. Nothing
time-dependent is drawn and the PNG carries no timestamp or software tag, so the same warehouse
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pipeline.readers.report.data import Pair, PairMonth, ReportData
from pipeline.readers.report.events import Kind, next_month, short_country_name

SCORE_LABEL = "friction score (points)"
LINE_COLOUR = "#1f2d3d"
GRID = {"color": "#d9d9d9", "linewidth": 0.8}


@dataclass(frozen=True)
class Size:
    width_in: float
    height_in: float
    dpi: int = 100

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width_in * self.dpi), round(self.height_in * self.dpi)


PAIR_SIZE = Size(16, 9)
OVERVIEW_SIZE = Size(16, 9)
RANKING_SIZE = Size(16, 7)
TARIFF_SIZE = Size(16, 12)


@dataclass(frozen=True)
class MarkerStyle:
    marker: str
    colour: str
    filled: bool
    glyph: str  # the same symbol as text, for the event list


MARKERS = {
    Kind.TARIFF_IMPOSED: MarkerStyle("^", "#c0392b", True, "▲"),
    Kind.TARIFF_LIFTED: MarkerStyle("v", "#1e8449", True, "▼"),
    Kind.DISPUTE_START: MarkerStyle("D", "#7d3c98", True, "◆"),
    Kind.DISPUTE_END: MarkerStyle("D", "#7d3c98", False, "◇"),
    Kind.MEETING: MarkerStyle("o", "#2471a3", True, "●"),
}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def new_figure(size: Size) -> Figure:
    fig = Figure(figsize=(size.width_in, size.height_in), dpi=size.dpi)
    FigureCanvasAgg(fig)
    return fig


def headline(
    fig: Figure,
    title: str,
    subtitle: str | None = None,
    *,
    x: float = 0.02,
    title_y: float | None = None,
    subtitle_y: float = 0.905,
) -> None:
    """The figure's bold left-aligned title and, below it, a grey one-line subtitle."""
    position = {} if title_y is None else {"y": title_y}
    fig.suptitle(title, fontsize=16, fontweight="bold", x=x, ha="left", **position)
    if subtitle:
        fig.text(x, subtitle_y, subtitle, fontsize=11, color="#444444")


def save(fig: Figure, size: Size, path: Path) -> Path:
    fig.savefig(path, dpi=size.dpi, format="png", metadata={"Software": None})
    actual = png_size(path)
    if actual != size.pixels:
        raise AssertionError(f"{path.name} is {actual} px, expected {size.pixels}")
    return path


def pair_title(data: ReportData, pair: Pair) -> str:
    a, b = pair
    return f"{short_country_name(data.name(a))} – {short_country_name(data.name(b))}"


def date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def step_line(series: list[PairMonth]) -> tuple[list[dt.date], list[float]]:
    """Each month's score held from its first day to the next month's first day."""
    months = [row.month for row in series] + [next_month(series[-1].month)]
    scores = [row.friction_score for row in series]
    return months, [*scores, scores[-1]]


def score_on(series: list[PairMonth], day: dt.date) -> float:
    month = day.replace(day=1)
    return next(row.friction_score for row in series if row.month == month)
