"""Digest charts: weekly frame -> PNG bytes, drawn on a matplotlib Figure with the Agg
canvas (never pyplot: no global state, safe in a threaded server).

Sized for Slack's image preview (1200 x 675 px: 8 x 4.5 in at 150 dpi), fonts large enough
to read there, numbers in the workspace's locale, the Okabe-Ito palette (safe for the common
colour-vision deficiencies) plus a marker and line style per series so nothing depends on
colour alone. Every chart has alt text in words (`*_alt_text`) for screen readers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from babel import Locale
from babel.numbers import format_currency
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kpi.chart_data import (
    WEEKS,
    SpendRevenueData,
    TrendData,
    spend_revenue_alt_text,
    spend_revenue_data,
    target_label,
    trend_alt_text,
    trend_data,
    week_label,
)
from kpi.digest import CampaignInfo, Digest, TargetInfo
from kpi.formatting import fmt_number, fmt_percent
from kpi.i18n import t
from kpi.registry import REGISTRY

#: Okabe & Ito (2008), without the yellow that vanishes on white.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999",
)  # fmt: skip
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES: tuple[str, ...] = ("-", "--", "-.", ":")
SIZE_IN, DPI = (8.0, 4.5), 150
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)  # attaches the Agg canvas to the figure: no pyplot, no backend switch
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _figure(legend_right: bool) -> Figure:
    # Fixed margins, not a layout engine: constrained layout measures every text twice and
    # more than doubles the drawing time; the labels here have a known, bounded size.
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.76 if legend_right else 0.97, top=0.9, bottom=0.15)
    return fig


def _axis_money(x: float, currency: str, locale: str) -> str:
    """Whole amounts on an axis ("€1,200" en, "€ 1.200" nl): cents only clutter it."""
    loc = Locale.parse(locale.replace("-", "_"))
    standard = loc.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    text = format_currency(round(x), currency.upper(), standard, locale=loc, currency_digits=False)
    return str(text).translate(_SPACES)


def axis_formatter(unit: str, locale: str, currency: str) -> FuncFormatter:
    """A tick formatter writing numbers as the workspace's locale does: percent ("3,1 %"
    nl), money without cents, counts and ratios with the locale's separators."""

    def fmt(x: float, _pos: int | None = None) -> str:
        if unit == "percent":
            return fmt_percent(x, locale)
        if unit == "currency":
            return _axis_money(x, currency, locale)
        return fmt_number(x, locale, 0 if unit == "count" else 1)

    return FuncFormatter(fmt)


def _style(ax: Axes) -> None:
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)


def trend_figure(data: TrendData, locale: str, currency: str) -> Figure:
    """The trend chart of `data` as a Figure (Agg canvas attached)."""
    kpi = REGISTRY[data.kpi]
    label = t(f"kpi.{kpi.name}.label", locale)
    fig = _figure(legend_right=True)
    ax = fig.add_subplot()
    x = list(range(len(data.weeks)))
    for i, series in enumerate(data.series):
        y = [math.nan if v is None else v for v in series.values]
        ax.plot(x, y, color=PALETTE[i % len(PALETTE)], marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=2, markersize=5,
                label=series.name)  # fmt: skip
    if data.target_value is not None:
        ax.axhline(data.target_value, color="#000000", linestyle=(0, (6, 3)), linewidth=1.5,
                   label=target_label(data, locale, currency))  # fmt: skip
    ax.set_xticks(x, [week_label(w, locale) for w in data.weeks])
    ax.yaxis.set_major_formatter(axis_formatter(kpi.unit, locale, currency))
    ax.set_xlabel(t("chart.week_axis", locale), fontsize=10)
    ax.set_title(t("chart.trend.title", locale, kpi=label, weeks=len(data.weeks)), fontsize=13)
    _style(ax)
    if not data.series:
        ax.text(0.5, 0.5, t("chart.no_data", locale), transform=ax.transAxes, ha="center")
    if data.series or data.target_value is not None:
        ax.legend(fontsize=8.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if data.hidden:
        fig.text(0.99, 0.01, t("chart.others", locale, count=data.hidden), ha="right",
                 fontsize=8.5, color="#444444")  # fmt: skip
    return fig


def draw_trend(data: TrendData, locale: str, currency: str) -> bytes:
    """The trend chart of `data` as PNG bytes."""
    return _png(trend_figure(data, locale, currency))


def kpi_trend_chart(
    weekly: pd.DataFrame,
    kpi: str,
    campaigns: Mapping[str, CampaignInfo],
    target_value: float | None = None,
    *,
    locale: str,
    currency: str,
    target_op: str = ">=",
    until: dt.date | None = None,
    weeks: int = WEEKS,
) -> bytes:
    """PNG of `kpi` per week over the last `weeks` weeks (ending with `until`'s week), one
    line per campaign (the top MAX_LINES by ad spend, a note counts the rest), with the
    target drawn as a dashed labelled line when `target_value` is given (KPI unit)."""
    data = trend_data(weekly, kpi, campaigns, until=until, weeks=weeks,
                      target_value=target_value, target_op=target_op)  # fmt: skip
    return draw_trend(data, locale, currency)


def draw_spend_revenue(data: SpendRevenueData, locale: str, currency: str) -> bytes:
    """Grouped bars, ad spend beside revenue per week, as PNG bytes."""
    fig = _figure(legend_right=True)
    ax = fig.add_subplot()
    x = list(range(len(data.weeks)))
    width = 0.4
    bars = (
        ("kpi.spend.label", data.spend, PALETTE[1], "//", -width / 2),
        ("kpi.revenue.label", data.revenue, PALETTE[0], "", width / 2),
    )
    for key, values, colour, hatch, shift in bars:
        ax.bar([i + shift for i in x], [v or 0.0 for v in values], width, color=colour,
               hatch=hatch, edgecolor="#ffffff", label=t(key, locale))  # fmt: skip
    ax.set_xticks(x, [week_label(w, locale) for w in data.weeks])
    ax.yaxis.set_major_formatter(axis_formatter("currency", locale, currency))
    ax.set_xlabel(t("chart.week_axis", locale), fontsize=10)
    ax.set_title(t("chart.spend_revenue.title", locale, weeks=len(data.weeks)), fontsize=13)
    _style(ax)
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _png(fig)


def spend_revenue_chart(
    weekly: pd.DataFrame,
    *,
    locale: str,
    currency: str,
    campaigns: Sequence[str] | None = None,
    until: dt.date | None = None,
    weeks: int = WEEKS,
) -> bytes:
    """PNG of ad spend against revenue per week (all campaigns of the frame together, or
    `campaigns`), the last `weeks` weeks ending with `until`'s week."""
    data = spend_revenue_data(weekly, campaigns, until=until, weeks=weeks)
    return draw_spend_revenue(data, locale, currency)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart ready to upload: PNG bytes, a file name, its title and alt text."""

    filename: str
    title: str
    png: bytes
    alt_text: str


def trend_kpi(digest: Digest) -> tuple[str, TargetInfo | None]:
    """The KPI the digest's trend chart shows and the target drawn on it: the first target's
    KPI (one for all campaigns preferred), else ROI when the week has one, else engagement
    rate."""
    targets = sorted(digest.targets, key=lambda t_: t_.campaign is not None)
    for target in targets:
        if target.kpi in REGISTRY:
            return target.kpi, target
    return ("roi" if digest.overall.line("roi").current.available else "engagement_rate"), None


def digest_charts(
    weekly: pd.DataFrame, digest: Digest, campaigns: Mapping[str, CampaignInfo]
) -> tuple[Chart, ...]:
    """The digest's two charts for `digest.week` and the weeks before it: the trend of
    `trend_kpi(digest)` with its target line, and ad spend against revenue."""
    locale, currency, until = digest.locale, digest.currency, digest.week.start
    kpi, target = trend_kpi(digest)
    trend = trend_data(weekly, kpi, campaigns, until=until,
                       target_value=target.value if target else None,
                       target_op=target.op if target else ">=")  # fmt: skip
    if target is not None and target.campaign is not None:
        info = campaigns.get(target.campaign)
        name = info.name if info else target.campaign
        trend = dataclasses.replace(trend, target_campaign=name)
    money = spend_revenue_data(weekly, list(campaigns), until=until)
    label = t(f"kpi.{kpi}.label", locale)
    return (
        Chart(f"trend-{kpi}-{until.isoformat()}.png",
              t("chart.trend.title", locale, kpi=label, weeks=len(trend.weeks)),
              draw_trend(trend, locale, currency), trend_alt_text(trend, locale, currency)),
        Chart(f"spend-revenue-{until.isoformat()}.png",
              t("chart.spend_revenue.title", locale, weeks=len(money.weeks)),
              draw_spend_revenue(money, locale, currency),
              spend_revenue_alt_text(money, locale, currency)),
    )  # fmt: skip
