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
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from kpi.chart_data import (
    WEEKS,
    SpendRevenueData,
    TargetLine,
    TrendData,
    spend_revenue_alt_text,
    spend_revenue_data,
    target_label,
    trend_alt_text,
    trend_data,
    week_label,
)
from kpi.chart_style import (
    LABEL_GAP,
    LINESTYLES,
    MARKERS,
    MIN_DATA_SHARE,
    MIN_SPAN,
    OFF_SCALE_STEP,
    PALETTE,
    TARGET_ALL,
    TARGET_CHARS,
    TARGET_OTHER,
    axis_formatter,
    axis_money,
    figure,
    legend_below,
    nudge,
    png,
    short,
    style,
)
from kpi.digest import CampaignInfo, Digest, TargetInfo
from kpi.formatting import fmt_percent, fmt_value
from kpi.i18n import t
from kpi.registry import REGISTRY


def y_range(values: Sequence[float], targets: Sequence[float]) -> tuple[float, float, set[float]]:
    """(bottom, top, targets on the scale): the range follows the data, never narrower than
    a tenth of their size (day-to-day noise stays small); a target joins the range when the
    data would still fill a third of the height, else it is drawn at the edge."""
    if not values:
        values = list(targets) or [0.0]
    lo, hi = min(values), max(values)
    least = max(abs(lo), abs(hi)) * MIN_SPAN or 1.0
    if hi - lo < least:
        middle = (hi + lo) / 2
        lo, hi = middle - least / 2, middle + least / 2
    span = hi - lo
    shown: set[float] = set()
    for target in sorted(targets, key=lambda v: min(abs(v - lo), abs(v - hi))):
        new_lo, new_hi = min(lo, target), max(hi, target)
        if span / (new_hi - new_lo) >= MIN_DATA_SHARE:
            lo, hi = new_lo, new_hi
            shown.add(target)
    pad = (hi - lo) * 0.1
    bottom = lo - pad
    if min(values) >= 0 and all(v >= 0 for v in shown):
        bottom = max(bottom, 0.0)
    return bottom, hi + pad * 1.5, shown


def _label_latest(ax: Axes, points: list[tuple[float, float, str, str]]) -> None:
    """Each line's latest value written next to its last point, spread apart vertically so
    labels of close values do not overlap, and kept within the plot."""
    bottom, top = ax.get_ylim()
    height = (top - bottom) or 1.0
    ordered = sorted(points, key=lambda p: p[1])
    gap = min(LABEL_GAP, 0.96 / max(len(ordered), 1))
    spots = [(y - bottom) / height for _, y, _, _ in ordered]
    for i in range(1, len(spots)):
        spots[i] = max(spots[i], spots[i - 1] + gap)
    if spots and spots[-1] > 0.98:
        spots[-1] = 0.98
        for i in range(len(spots) - 2, -1, -1):
            spots[i] = min(spots[i], spots[i + 1] - gap)
    for (x, y, text, colour), spot in zip(ordered, spots, strict=True):
        ax.annotate(text, (x, y), xytext=(x + 0.18, bottom + spot * height), textcoords="data",
                    color=colour, fontsize=8.5, fontweight="bold", va="center",
                    annotation_clip=False)  # fmt: skip


def _fitted_target_label(kpi: str, target: TargetLine, locale: str, currency: str) -> str:
    """The target's label within a legend column: the campaign's name shortened, never the
    value."""
    name = target.name
    text = target_label(kpi, target, locale, currency)
    while name is not None and len(text) > TARGET_CHARS and len(name) > 8:
        name = short(name, len(name) - 2)
        text = target_label(kpi, dataclasses.replace(target, name=name), locale, currency)
    return text


def _step(ax: Axes) -> float | None:
    """The distance between the y-axis ticks the locator chose for the current limits."""
    ticks = list(ax.get_yticks())
    return float(ticks[1] - ticks[0]) if len(ticks) > 1 else None


def _target_colour(data: TrendData, slug: str | None) -> str:
    if slug is None:
        return TARGET_ALL
    for i, series in enumerate(data.series):
        if series.slug == slug:
            return PALETTE[i % len(PALETTE)]
    return TARGET_OTHER


def trend_figure(data: TrendData, locale: str, currency: str) -> Figure:
    """The trend chart of `data` as a Figure (Agg canvas attached): one line per campaign,
    its latest value written at its end; partial weeks as hollow markers off the line;
    each target dashed in its campaign's colour, or a triangle at the edge when it is far
    off the data; the legend and notes under the plot, inside the figure."""
    kpi = REGISTRY[data.kpi]
    label = t(f"kpi.{kpi.name}.label", locale)
    fig = figure()
    ax = fig.add_subplot()
    x = list(range(len(data.weeks)))
    handles: list[Artist] = []
    labels: list[str] = []
    latest: list[tuple[float, float, str, str]] = []
    any_partial = [False] * len(x)
    drawn: list[float] = []
    for i, series in enumerate(data.series):
        colour = PALETTE[i % len(PALETTE)]
        look: dict[str, Any] = {
            "color": colour,
            "marker": MARKERS[i % len(MARKERS)],
            "markersize": 5,
        }
        full = [
            math.nan if v is None or series.partial(j) else v for j, v in enumerate(series.values)
        ]
        (line,) = ax.plot(x, full, linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=2,
                          label=series.name, **look)  # fmt: skip
        part = [v if v is not None and series.partial(j) else math.nan
                for j, v in enumerate(series.values)]  # fmt: skip
        if any(not math.isnan(v) for v in part):
            ax.plot(x, part, linestyle="none", markerfacecolor="white", markeredgewidth=1.5,
                    **look)  # fmt: skip
        for j in range(len(x)):
            any_partial[j] = any_partial[j] or series.partial(j)
        handles.append(line)
        labels.append(short(series.name))
        known = [(j, v) for j, v in enumerate(series.values) if v is not None]
        drawn += [v for _, v in known]
        if known:
            j, v = known[-1]
            latest.append((j, v, "", colour))
    bottom, top, on_scale = y_range(drawn, [line.value for line in data.targets])
    ax.set_ylim(bottom, top)
    ax.set_xlim(-0.4, max(len(x) - 1, 0) + 1.3)
    edge_x = max(len(x) - 1, 0) + 1.05
    off = {True: 0, False: 0}  # targets already drawn at the top / bottom edge
    for target in data.targets:
        colour = _target_colour(data, target.slug)
        text = _fitted_target_label(data.kpi, target, locale, currency)
        if target.value in on_scale:
            handle = ax.axhline(target.value, color=colour, linestyle=(0, (6, 3)), linewidth=1.4)
        else:
            above = target.value > top
            shift = nudge(fig, (-OFF_SCALE_STEP if above else OFF_SCALE_STEP) * off[above])
            off[above] += 1
            (handle,) = ax.plot([edge_x], [top if above else bottom], linestyle="none",
                                marker="^" if above else "v", markersize=9, color=colour,
                                clip_on=False, transform=ax.transData + shift)  # fmt: skip
            value = fmt_value(target.value, kpi.unit, locale, currency)
            ax.text(edge_x, top if above else bottom, value, color=colour, fontsize=8,
                    ha="center", va="top" if above else "bottom", fontweight="bold",
                    transform=ax.transData + shift + nudge(fig, -8 if above else 8))  # fmt: skip
            text = t("chart.target.above" if above else "chart.target.below", locale, label=text)
        handles.append(handle)
        labels.append(text)
    step = _step(ax)
    tick = axis_formatter(kpi.unit, locale, currency, step)
    latest = [
        (j, v, fmt_value(v, kpi.unit, locale, currency) if kpi.unit == "currency" else tick(v), c)
        for j, v, _, c in latest
    ]
    _label_latest(ax, latest)
    ticks = [
        week_label(w, locale) + ("*" if any_partial[j] else "") for j, w in enumerate(data.weeks)
    ]
    ax.set_xticks(x, ticks)
    ax.yaxis.set_major_formatter(tick)
    ax.set_xlabel(t("chart.week_axis", locale), fontsize=10)
    ax.set_title(t("chart.trend.title", locale, kpi=label, weeks=len(data.weeks)), fontsize=13)
    style(ax)
    if not data.series:
        ax.text(0.5, 0.5, t("chart.no_data", locale), transform=ax.transAxes, ha="center")
    notes = []
    if any(any_partial):
        notes.append(t("chart.partial", locale))
    if any(off.values()):
        notes.append(t("chart.off_scale", locale))
    if data.hidden:
        notes.append(t("chart.others", locale, count=data.hidden))
    legend_below(fig, ax, handles, labels, notes)
    return fig


def draw_trend(data: TrendData, locale: str, currency: str) -> bytes:
    """The trend chart of `data` as PNG bytes."""
    return png(trend_figure(data, locale, currency))


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


def cost_revenue_figure(data: SpendRevenueData, locale: str, currency: str) -> Figure:
    """Per week the total cost ROI is over (ad spend at the bottom, other costs on top) beside
    revenue, the week's ROI written above each pair, the latest week's amounts on its bars;
    partial weeks paler and starred."""
    fig = figure()
    ax = fig.add_subplot()
    n = len(data.weeks)
    x = list(range(n))
    width = 0.38
    spend = [v or 0.0 for v in data.spend]
    other = [max((data.total_cost(i) or 0.0) - spend[i], 0.0) for i in x]
    revenue = [v or 0.0 for v in data.revenue]
    alpha = [0.45 if data.partial(i) else 1.0 for i in x]
    left = [i - width / 2 for i in x]
    right = [i + width / 2 for i in x]
    parts = (
        (left, spend, None, PALETTE[1], "//", "chart.legend.ad_spend"),
        (left, other, spend, PALETTE[4], "..", "chart.legend.other_costs"),
        (right, revenue, None, PALETTE[0], "", "chart.legend.revenue"),
    )
    handles: list[Artist] = []
    labels: list[str] = []
    for xs, heights, base, colour, hatch, key in parts:
        if base is not None and not any(heights):
            continue  # no other costs in any week: no empty layer, no legend entry for it
        bars = ax.bar(xs, heights, width, bottom=base, color=colour, hatch=hatch,
                      edgecolor="#ffffff", linewidth=0.6)  # fmt: skip
        for bar, a in zip(bars, alpha, strict=True):
            bar.set_alpha(a)
        # the legend's swatch drawn on its own: the first week's bar may be a pale partial one
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="#ffffff"))
        labels.append(t(key, locale))
    highest = max([*(s + o for s, o in zip(spend, other, strict=True)), *revenue, 0.0])
    top = highest * 1.28 or 1.0
    ax.set_ylim(0, top)
    ax.set_xlim(-0.6, max(n - 1, 0) + 0.6)
    for i in x:
        roi = data.roi(i)
        if roi is not None:
            ax.text(i, highest * 1.16, t("chart.roi", locale, value=fmt_percent(roi, locale)),
                    ha="center", va="bottom", fontsize=7.5, color="#333333")  # fmt: skip
    if n:
        last = n - 1
        for xpos, height in ((left[last], spend[last] + other[last]), (right[last], revenue[last])):
            if height:
                ax.text(xpos, height + highest * 0.015, axis_money(height, currency, locale),
                        ha="center", va="bottom", fontsize=7.5, fontweight="bold")  # fmt: skip
    partial = [data.partial(i) for i in x]
    ax.set_xticks(x, [week_label(w, locale) + ("*" if partial[i] else "")
                      for i, w in enumerate(data.weeks)])  # fmt: skip
    ax.yaxis.set_major_formatter(axis_formatter("currency", locale, currency, _step(ax)))
    ax.set_xlabel(t("chart.week_axis", locale), fontsize=10)
    ax.set_title(t("chart.cost_revenue.title", locale), fontsize=13)
    style(ax)
    notes = [t("chart.partial.bars", locale)] if any(partial) else []
    legend_below(fig, ax, handles, labels, notes)
    return fig


def draw_spend_revenue(data: SpendRevenueData, locale: str, currency: str) -> bytes:
    """The cost and revenue chart (cost_revenue_figure) as PNG bytes."""
    return png(cost_revenue_figure(data, locale, currency))


def spend_revenue_chart(
    weekly: pd.DataFrame,
    *,
    locale: str,
    currency: str,
    campaigns: Sequence[str] | None = None,
    until: dt.date | None = None,
    weeks: int = WEEKS,
) -> bytes:
    """PNG of total cost (ad spend within it) against revenue per week (all campaigns of the
    frame together, or `campaigns`), the last `weeks` weeks ending with `until`'s week."""
    data = spend_revenue_data(weekly, campaigns, until=until, weeks=weeks)
    return draw_spend_revenue(data, locale, currency)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart ready to upload: PNG bytes, a file name, its title and alt text."""

    filename: str
    title: str
    png: bytes
    alt_text: str


#: What one drawing is made from: ("trend", TrendData, locale, currency) or ("cost_revenue",
#: SpendRevenueData, locale, currency). Hashable and picklable: equal inputs draw the same
#: PNG, so a tick draws each once (bot.digests.drawing), in another process if it likes.
Drawing = tuple[str, TrendData | SpendRevenueData, str, str]


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart before it is drawn: everything of a Chart but its PNG, and what draws it."""

    filename: str
    title: str
    alt_text: str
    drawing: Drawing

    def drawn(self, png: bytes) -> Chart:
        return Chart(self.filename, self.title, png, self.alt_text)


def draw(drawing: Drawing) -> bytes:
    """The PNG of a Drawing (a top-level function: a process pool can call it)."""
    kind, data, locale, currency = drawing
    if kind == "trend" and isinstance(data, TrendData):
        return draw_trend(data, locale, currency)
    if kind == "cost_revenue" and isinstance(data, SpendRevenueData):
        return draw_spend_revenue(data, locale, currency)
    raise ValueError(f"not a drawing: {kind}")


def trend_kpi(digest: Digest) -> tuple[str, TargetInfo | None]:
    """The KPI the digest's trend chart shows and the target drawn on it: the first target's
    KPI (one for all campaigns preferred), else ROI when the week has one, else engagement
    rate."""
    targets = sorted(digest.targets, key=lambda t_: t_.campaign is not None)
    for target in targets:
        if target.kpi in REGISTRY:
            return target.kpi, target
    return ("roi" if digest.overall.line("roi").current.available else "engagement_rate"), None


def _name_of(campaigns: Mapping[str, CampaignInfo], slug: str | None) -> str | None:
    info = None if slug is None else campaigns.get(slug)
    return info.name if info is not None else slug


def digest_charts(
    weekly: pd.DataFrame, digest: Digest, campaigns: Mapping[str, CampaignInfo]
) -> tuple[Chart, ...]:
    """The digest's two charts for `digest.week` and the weeks before it: the trend of
    `trend_kpi(digest)` with every target of that KPI, and total cost against revenue."""
    return tuple(
        spec.drawn(draw(spec.drawing)) for spec in digest_chart_specs(weekly, digest, campaigns)
    )


def digest_chart_specs(
    weekly: pd.DataFrame, digest: Digest, campaigns: Mapping[str, CampaignInfo]
) -> tuple[ChartSpec, ...]:
    """digest_charts before drawing: their names, titles, alt texts and Drawings."""
    locale, currency, until = digest.locale, digest.currency, digest.week.start
    kpi, _ = trend_kpi(digest)
    money_campaigns, suffix = dict(campaigns), ""
    if digest.mixed_currencies:
        # Money is never added (or drawn on one axis) across currencies: the charts of money
        # show the campaigns in one currency — a campaign target's, else the biggest spender's.
        owned = [x.campaign for x in digest.targets if x.kpi == kpi and x.campaign]
        slug = owned[0] if owned else digest.campaigns[0].slug
        currency = next((c.currency for c in digest.campaigns if c.slug == slug), None) or (
            digest.campaigns[0].currency or currency
        )
        money_campaigns = {
            s: info
            for s, info in campaigns.items()
            if (info.currency or digest.currency) == currency
        }
        suffix = f" ({currency})"
    trend_campaigns = money_campaigns if REGISTRY[kpi].unit == "currency" else campaigns
    lines = [
        TargetLine(target.value, target.op, target.campaign,
                   _name_of(campaigns, target.campaign))
        for target in digest.targets
        if target.kpi == kpi and (target.campaign is None or target.campaign in trend_campaigns)
    ]  # fmt: skip
    trend = trend_data(weekly, kpi, trend_campaigns, until=until, targets=lines)
    money = spend_revenue_data(weekly, list(money_campaigns), until=until)
    label = t(f"kpi.{kpi}.label", locale)
    return (
        ChartSpec(f"trend-{kpi}-{until.isoformat()}.png",
                  t("chart.trend.title", locale, kpi=label, weeks=len(trend.weeks)),
                  trend_alt_text(trend, locale, currency), ("trend", trend, locale, currency)),
        ChartSpec(f"cost-revenue-{until.isoformat()}.png",
                  t("chart.cost_revenue.title", locale) + suffix,
                  spend_revenue_alt_text(money, locale, currency),
                  ("cost_revenue", money, locale, currency)),
    )  # fmt: skip
