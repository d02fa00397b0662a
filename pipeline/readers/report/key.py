"""The numbered key beside a pair chart: month, marker glyph and a short line per event kind,
at the most detail that fits the panel (text measured with the figure's renderer)."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from pipeline.readers.report.events import DETAIL_LEVELS, EventGroup, Kind, summarise
from pipeline.readers.report.figures import LINE_COLOUR, MARKERS

KEY_FONT = 10  # points
KEY_LINE = 1.4  # line height in font sizes
KEY_GAP = 0.3  # extra space between months, in lines
KEY_TEXT_X = 0.25  # where the description starts, in key-panel widths


class TextFitter:
    """Wraps text to a width in pixels, measured with the figure's own renderer and font."""

    def __init__(self, fig: Figure, width_px: float, fontsize: float) -> None:
        self.renderer = fig.canvas.get_renderer()
        self.font = FontProperties(size=fontsize)
        self.width_px = width_px

    def fits(self, text: str) -> bool:
        width, _height, _descent = self.renderer.get_text_width_height_descent(
            text, self.font, ismath=False
        )
        return width <= self.width_px

    def wrap(self, text: str, most: int) -> list[str]:
        """Greedy word wrap onto `most` lines at most; the last one ends with … when cut."""
        lines: list[str] = []
        words = text.split()
        while words and len(lines) < most:
            line = words.pop(0)
            while words and self.fits(f"{line} {words[0]}"):
                line = f"{line} {words.pop(0)}"
            lines.append(line)
        if words:
            last = lines[-1]
            while last and not self.fits(f"{last}…"):
                last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
            lines[-1] = last.rstrip(",;:–- ") + "…"
        return lines or [""]


def _key_layout(
    groups: list[EventGroup], rows: int, fitter: TextFitter
) -> list[tuple[EventGroup, list[tuple[Kind, list[str]]]]]:
    """The most detailed summary whose wrapped lines (plus a small gap per month) fit: each
    item wraps onto two lines at most, or one at the least detailed level."""
    layout: list[tuple[EventGroup, list[tuple[Kind, list[str]]]]] = []
    for detail in DETAIL_LEVELS:
        most = 2 if detail > 0 else 1
        layout = [
            (g, [(kind, fitter.wrap(text, most)) for kind, text in summarise(g, detail)])
            for g in groups
        ]
        used = sum(len(wrapped) for _g, lines in layout for _k, wrapped in lines)
        if used + KEY_GAP * len(groups) <= rows:
            return layout
    return layout  # the shortest; the caller lists what does not fit as a count


def draw_event_key(fig: Figure, ax: Axes, groups: list[EventGroup]) -> None:
    """The numbered key: month, marker glyph and a short description per line."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    box = ax.get_position()
    width_px = box.width * fig.get_figwidth() * fig.dpi
    height_px = box.height * fig.get_figheight() * fig.dpi
    line_px = KEY_FONT * fig.dpi / 72 * KEY_LINE
    step = line_px / height_px
    rows = int(height_px / line_px) - 2  # the heading takes two rows
    fitter = TextFitter(fig, width_px * (1 - KEY_TEXT_X) - 4, KEY_FONT)
    ax.text(
        0,
        1,
        "Key events (numbers as on the chart)",
        fontsize=KEY_FONT + 2,
        fontweight="bold",
        va="top",
    )
    if not groups:
        ax.text(
            0, 1 - 2 * step, "No dated events recorded for this pair.", fontsize=KEY_FONT, va="top"
        )
        return
    y = 1 - 1.7 * step
    layout = _key_layout(groups, rows, fitter)
    for index, (group, lines) in enumerate(layout):
        needed = sum(len(wrapped) for _kind, wrapped in lines)
        if y - (needed + 1) * step < 0:  # never cut silently: say what is left out
            left = len(layout) - index
            ax.text(0.0, y, f"… {left} more months not listed", fontsize=KEY_FONT, va="top")
            break
        ax.text(
            0.0,
            y,
            f"{group.number}",
            fontsize=KEY_FONT - 1,
            fontweight="bold",
            va="top",
            ha="left",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": LINE_COLOUR},
        )
        ax.text(
            0.065, y, group.month.strftime("%b %Y"), fontsize=KEY_FONT, va="top", color="#555555"
        )
        for kind, wrapped in lines:
            style = MARKERS[kind]
            ax.text(
                KEY_TEXT_X - 0.035, y, style.glyph, fontsize=KEY_FONT, va="top", color=style.colour
            )
            for text in wrapped:
                ax.text(KEY_TEXT_X, y, text, fontsize=KEY_FONT, va="top")
                y -= step
        y -= KEY_GAP * step
