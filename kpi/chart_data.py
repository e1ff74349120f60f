"""What the digest charts show, apart from how they are drawn: the weekly series behind each
chart (from sums, per week), their labels, and the same content as alt text in words for
screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_date

from kpi.digest import CampaignInfo, totals_by_week
from kpi.formatting import fmt_money, fmt_value
from kpi.i18n import t
from kpi.registry import REGISTRY, compute

WEEKS = 8
MAX_LINES = 8


@dataclass(frozen=True, slots=True)
class Series:
    """One campaign's line: its name and the KPI per week (None = n/a that week)."""

    slug: str
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class TrendData:
    """What a trend chart shows: the KPI per week for the top campaigns by ad spend over
    the shown weeks; `hidden` more campaigns are left out (said in a note)."""

    kpi: str
    weeks: tuple[dt.date, ...]
    series: tuple[Series, ...]
    hidden: int = 0
    target_value: float | None = None
    target_op: str = ">="
    target_campaign: str | None = None  # the campaign's name when the target is not for all


def _weeks(weekly: pd.DataFrame, until: dt.date | None, count: int) -> tuple[dt.date, ...]:
    if until is None:
        if not len(weekly):
            return ()
        until = max(pd.Timestamp(d).date() for d in weekly["week_start"])
    last = until - dt.timedelta(days=until.weekday())
    return tuple(last - dt.timedelta(weeks=back) for back in range(count - 1, -1, -1))


def trend_data(
    weekly: pd.DataFrame,
    kpi: str,
    campaigns: Mapping[str, CampaignInfo],
    *,
    until: dt.date | None = None,
    weeks: int = WEEKS,
    target_value: float | None = None,
    target_op: str = ">=",
    max_lines: int = MAX_LINES,
) -> TrendData:
    """The KPI (registry name) per week, for the `weeks` weeks ending with the week of
    `until` (default: the newest week in the frame), each week's value from its sums."""
    shown = _weeks(weekly, until, weeks)
    table = totals_by_week(weekly)
    spend = {
        slug: sum(table[slug, w].ad_spend for w in shown if (slug, w) in table)
        for slug in campaigns
    }
    with_data = [s for s in campaigns if any((s, w) in table for w in shown)]
    top = sorted(with_data, key=lambda s: (-spend[s], s))[:max_lines]
    series = tuple(
        Series(
            slug,
            campaigns[slug].name,
            tuple(
                compute(kpi, table[slug, w]).value if (slug, w) in table else None for w in shown
            ),
        )
        for slug in top
    )
    return TrendData(kpi, shown, series, len(with_data) - len(top), target_value, target_op)


@dataclass(frozen=True, slots=True)
class SpendRevenueData:
    """Ad spend and revenue per week over the campaigns of the frame (None = not reported)."""

    weeks: tuple[dt.date, ...]
    spend: tuple[float | None, ...]
    revenue: tuple[float | None, ...]


def spend_revenue_data(
    weekly: pd.DataFrame,
    campaigns: Sequence[str] | None = None,
    *,
    until: dt.date | None = None,
    weeks: int = WEEKS,
) -> SpendRevenueData:
    """Per week the sum over `campaigns` (default: every campaign in the frame) of ad spend
    and revenue; None for a week where none reported it."""
    shown = _weeks(weekly, until, weeks)
    frame = weekly if campaigns is None else weekly[weekly["campaign"].isin(list(campaigns))]
    table = totals_by_week(frame)

    def total(counter: str, week: dt.date) -> float | None:
        values = [
            v for (_, w), tot in table.items() if w == week and (v := tot.get(counter)) is not None
        ]
        return sum(values) if values else None

    return SpendRevenueData(
        shown, tuple(total("spend", w) for w in shown), tuple(total("revenue", w) for w in shown)
    )


def week_label(day: dt.date, locale: str) -> str:
    return str(format_date(day, "d MMM", locale=locale.replace("-", "_"))).replace(".", "")


def target_label(data: TrendData, locale: str, currency: str) -> str:
    unit = REGISTRY[data.kpi].unit
    value = fmt_value(data.target_value, unit, locale, currency)
    if data.target_campaign is not None:
        op = data.target_op.replace(">=", "≥").replace("<=", "≤")
        return t("chart.target.campaign", locale, campaign=data.target_campaign, op=op, value=value)
    return t("chart.target", locale, op=data.target_op.replace(">=", "≥").replace("<=", "≤"),
             value=value)  # fmt: skip


def trend_alt_text(data: TrendData, locale: str, currency: str) -> str:
    """The trend chart in words: what it plots, over which weeks, each campaign's first and
    last value, the target and how many campaigns are not shown."""
    kpi = REGISTRY[data.kpi]
    parts = [
        t(
            "chart.trend.alt",
            locale,
            kpi=t(f"kpi.{kpi.name}.label", locale),
            first=week_label(data.weeks[0], locale) if data.weeks else "",
            last=week_label(data.weeks[-1], locale) if data.weeks else "",
            count=len(data.series),
        )  # fmt: skip
    ]
    for series in data.series:
        known = [v for v in series.values if v is not None]
        first = fmt_value(known[0] if known else None, kpi.unit, locale, currency)
        last = fmt_value(series.values[-1] if series.values else None, kpi.unit, locale, currency)
        parts.append(t("chart.trend.alt.series", locale, campaign=series.name, first=first,
                       last=last))  # fmt: skip
    if data.target_value is not None:
        parts.append(target_label(data, locale, currency) + ".")
    if data.hidden:
        parts.append(t("chart.others", locale, count=data.hidden))
    return " ".join(parts)


def spend_revenue_alt_text(data: SpendRevenueData, locale: str, currency: str) -> str:
    """The spend/revenue chart in words: weeks covered, the last week's and the total's
    ad spend and revenue."""

    def money(x: float | None) -> str:
        return fmt_value(x, "currency", locale, currency)

    spend_total = sum(v for v in data.spend if v is not None)
    revenue_total = sum(v for v in data.revenue if v is not None)
    return t(
        "chart.spend_revenue.alt",
        locale,
        first=week_label(data.weeks[0], locale) if data.weeks else "",
        last=week_label(data.weeks[-1], locale) if data.weeks else "",
        spend=money(data.spend[-1] if data.spend else None),
        revenue=money(data.revenue[-1] if data.revenue else None),
        total_spend=fmt_money(spend_total, currency, locale),
        total_revenue=fmt_money(revenue_total, currency, locale),
    )


def alt_text(data: TrendData | SpendRevenueData, locale: str, currency: str) -> str:
    """The alt text of either chart's data (see `trend_alt_text`, `spend_revenue_alt_text`)."""
    if isinstance(data, TrendData):
        return trend_alt_text(data, locale, currency)
    return spend_revenue_alt_text(data, locale, currency)
