"""How kpibot's charts look, shared by every chart: size for Slack's preview, the Okabe-Ito
palette with a marker and line style per series, numbers on the axes in the workspace's
locale, the legend and notes under the plot (inside the figure), PNG through the Agg canvas
(never pyplot)."""

from __future__ import annotations

import io
import math
from typing import Any

from babel import Locale
from babel.numbers import format_currency
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from kpi.formatting import fmt_number, fmt_percent

#: Okabe & Ito (2008), without the yellow that vanishes on white.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999",
)  # fmt: skip
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES: tuple[str, ...] = ("-", "--", "-.", ":")
SIZE_IN, DPI = (8.0, 4.5), 150
#: Figure fractions of the parts under a plot: tick labels and axis title, a legend row, a note.
AXIS_BELOW, LEGEND_ROW, NOTE_LINE = 0.15, 0.048, 0.042
NAME_CHARS = 28
#: A target's legend label fits a column of three (with the ↑ or ↓ of an off-scale one).
TARGET_CHARS = 27
TARGET_ALL, TARGET_OTHER = "#000000", "#999999"
#: A target is drawn on the scale when the data then still fill a third of the height.
MIN_DATA_SHARE = 1 / 3
#: The y-range is never narrower than this share of the values' size (noise stays small).
MIN_SPAN = 0.1
#: Least vertical distance (share of the plot's height) between two latest-value labels.
LABEL_GAP = 0.065
#: Points between two targets drawn at the same edge, one under the other.
OFF_SCALE_STEP = 24
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)  # attaches the Agg canvas to the figure: no pyplot, no backend switch
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def figure() -> Figure:
    # Fixed margins, not a layout engine: constrained layout measures every text twice and
    # more than doubles the drawing time; the labels here have a known, bounded size. The
    # bottom margin is set once the legend's rows are known (see legend_below).
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.2)
    return fig


def short(text: str, limit: int = NAME_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def legend_below(
    fig: Figure, ax: Axes, handles: list[Artist], labels: list[str], notes: list[str]
) -> None:
    """The legend in rows under the plot and the notes under it, all inside the figure:
    the plot's bottom margin grows with the legend's rows."""

    # 8 pt text takes about 0.0082 of the figure's width a character, plus the line sample
    # and the gap. Six entries or more: three columns, labels shortened to fit; fewer: as
    # many columns as the longest label lets fit.
    def width(chars: int) -> float:
        return chars * 0.0082 + 0.075

    widest = max((len(label) for label in labels), default=0)
    columns = 3 if len(labels) >= 6 else 1
    if len(labels) < 6:
        columns = max(
            [c for c in (3, 2, 1) if c <= len(labels) and width(widest) * c <= 0.96] or [1]
        )
    fit = int((0.96 / columns - 0.075) / 0.0082)
    labels = [short(label, fit) for label in labels]
    rows = math.ceil(len(labels) / columns) if labels else 0
    notes_height = NOTE_LINE * len(notes) + (0.01 if notes else 0)
    legend_height = LEGEND_ROW * rows
    fig.subplots_adjust(bottom=notes_height + legend_height + AXIS_BELOW)
    if labels:
        fig.legend(handles, labels, loc="lower center", ncol=columns, fontsize=8,
                   frameon=False, bbox_to_anchor=(0.5, notes_height), borderaxespad=0.2,
                   handlelength=2.6, columnspacing=1.4)  # fmt: skip
    for i, note in enumerate(reversed(notes)):
        fig.text(0.5, 0.012 + i * NOTE_LINE, note, ha="center", va="bottom", fontsize=8,
                 color="#333333")  # fmt: skip


def axis_money(x: float, currency: str, locale: str) -> str:
    """Whole amounts on an axis ("€1,200" en, "€ 1.200" nl): cents only clutter it."""
    loc = Locale.parse(locale.replace("-", "_"))
    standard = loc.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    text = format_currency(round(x), currency.upper(), standard, locale=loc, currency_digits=False)
    return str(text).translate(_SPACES)


def axis_formatter(
    unit: str, locale: str, currency: str, step: float | None = None
) -> FuncFormatter:
    """A tick formatter writing numbers as the workspace's locale does: percent ("3,1 %"
    nl), money without cents, counts and ratios with the locale's separators. `step` (the
    distance between ticks) adds the decimals that keep neighbouring ticks apart."""
    extra = 0 if not step or step <= 0 else max(0, -math.floor(math.log10(step) + 1e-9))

    def fmt(x: float, _pos: int | None = None) -> str:
        if unit == "percent":
            return fmt_percent(x, locale, max(extra, 1) if step else None)
        if unit == "currency" and not extra:
            return axis_money(x, currency, locale)
        if unit == "currency":
            return fmt_number(x, locale, min(extra, 2))
        return fmt_number(x, locale, max(extra, 0 if unit == "count" else 1))

    return FuncFormatter(fmt)


def style(ax: Axes) -> None:
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)


def nudge(fig: Figure, points: float) -> Any:
    """A shift of `points` up (negative: down) on the figure, for a text beside a marker."""
    return ScaledTranslation(0, points / 72, fig.dpi_scale_trans)
