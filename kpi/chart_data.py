"""What the digest charts show, apart from how they are drawn: the weekly series behind each
chart (from sums, per week), their labels, and the same content as alt text in words for
screen readers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from kpi.formatting import fmt_date, fmt_money, fmt_value
from kpi.i18n import t
from kpi.registry import REGISTRY, compute
from kpi.weeks import CampaignInfo, totals_by_week

WEEKS = 8
#: Two full stops (an abbreviation's and a sentence's), not an ellipsis.
_ONE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
MAX_LINES = 8


FULL_WEEK = 7


@dataclass(frozen=True, slots=True)
class Series:
    """One campaign's line: its name and the KPI per week (None = n/a that week); `days`
    per week how many days hold data (None: not known, taken as a full week)."""

    slug: str
    name: str
    values: tuple[float | None, ...]
    days: tuple[int | None, ...] = ()

    def partial(self, i: int) -> bool:
        """True when week `i` holds data on fewer than 7 days (a campaign's first or last
        week): its value is not comparable with a full week's."""
        days = self.days[i] if i < len(self.days) else None
        return days is not None and days < FULL_WEEK


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A target drawn on a trend chart: `slug` and `name` of its campaign (None: every
    campaign), `op` ">=" or "<=", `value` in the KPI's unit."""

    value: float
    op: str = ">="
    slug: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class TrendData:
    """What a trend chart shows: the KPI per week for the top campaigns by ad spend over
    the shown weeks; `hidden` more campaigns are left out (said in a note); `targets` of
    this KPI, each drawn in its campaign's colour."""

    kpi: str
    weeks: tuple[dt.date, ...]
    series: tuple[Series, ...]
    hidden: int = 0
    targets: tuple[TargetLine, ...] = ()


def _weeks(weekly: pd.DataFrame, until: dt.date | None, count: int) -> tuple[dt.date, ...]:
    if until is None:
        if not len(weekly):
            return ()
        until = max(pd.Timestamp(d).date() for d in weekly["week_start"])
    last = until - dt.timedelta(days=until.weekday())
    return tuple(last - dt.timedelta(weeks=back) for back in range(count - 1, -1, -1))


def _days(weekly: pd.DataFrame, key: str = "campaign") -> dict[tuple[str, dt.date], int]:
    """(campaign, week) -> days with data, when the frame says (weekly_from_daily's `days`)."""
    if "days" not in weekly.columns or not len(weekly):
        return {}
    keys, weeks, days = (weekly[c].tolist() for c in (key, "week_start", "days"))
    rows = zip(keys, weeks, days, strict=True)
    return {(str(k), pd.Timestamp(w).date()): int(n) for k, w, n in rows}


def trend_data(
    weekly: pd.DataFrame,
    kpi: str,
    campaigns: Mapping[str, CampaignInfo],
    *,
    until: dt.date | None = None,
    weeks: int = WEEKS,
    target_value: float | None = None,
    target_op: str = ">=",
    targets: Sequence[TargetLine] = (),
    max_lines: int = MAX_LINES,
) -> TrendData:
    """The KPI (registry name) per week, for the `weeks` weeks ending with the week of
    `until` (default: the newest week in the frame), each week's value from its sums, and
    how many days each week holds. `target_value` (with `target_op`) is a target for every
    campaign; `targets` any number more."""
    shown = _weeks(weekly, until, weeks)
    table = totals_by_week(weekly)
    days = _days(weekly)
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
            tuple(days.get((slug, w)) for w in shown),
        )
        for slug in top
    )
    lines = tuple(targets)
    if target_value is not None:
        lines = (TargetLine(target_value, target_op), *lines)
    return TrendData(kpi, shown, series, len(with_data) - len(top), lines)


@dataclass(frozen=True, slots=True)
class SpendRevenueData:
    """Per week over the campaigns of the frame: ad spend, total cost (ad spend plus tools,
    staff, agency, content: what ROI is over) and revenue (None = not reported); `days`
    per week the most days any campaign has data on (under 7: a partial week)."""

    weeks: tuple[dt.date, ...]
    spend: tuple[float | None, ...]
    revenue: tuple[float | None, ...]
    cost: tuple[float | None, ...] = ()
    days: tuple[int | None, ...] = ()

    def total_cost(self, i: int) -> float | None:
        return self.cost[i] if i < len(self.cost) else self.spend[i]

    def roi(self, i: int) -> float | None:
        """(revenue - total cost) / total cost x 100 of week `i`, None when not computable."""
        cost, revenue = self.total_cost(i), self.revenue[i]
        if not cost or revenue is None:
            return None
        return (revenue - cost) / cost * 100

    def partial(self, i: int) -> bool:
        days = self.days[i] if i < len(self.days) else None
        return days is not None and days < FULL_WEEK


def spend_revenue_data(
    weekly: pd.DataFrame,
    campaigns: Sequence[str] | None = None,
    *,
    until: dt.date | None = None,
    weeks: int = WEEKS,
) -> SpendRevenueData:
    """Per week the sum over `campaigns` (default: every campaign in the frame) of ad spend,
    total cost and revenue; None for a week where none reported it."""
    shown = _weeks(weekly, until, weeks)
    frame = weekly if campaigns is None else weekly[weekly["campaign"].isin(list(campaigns))]
    table = totals_by_week(frame)
    days = _days(frame)

    def total(counter: str, week: dt.date) -> float | None:
        values = [
            v for (_, w), tot in table.items() if w == week and (v := tot.get(counter)) is not None
        ]
        return sum(values) if values else None

    def cost(week: dt.date) -> float | None:
        parts = [tot for (_, w), tot in table.items() if w == week]
        if not parts or all(p.get("spend") is None and not p.costs for p in parts):
            return None
        return sum(p.total_cost for p in parts)

    def most_days(week: dt.date) -> int | None:
        found = [n for (_, w), n in days.items() if w == week]
        return max(found) if found else None

    return SpendRevenueData(
        shown,
        tuple(total("spend", w) for w in shown),
        tuple(total("revenue", w) for w in shown),
        tuple(cost(w) for w in shown),
        tuple(most_days(w) for w in shown),
    )


def week_label(day: dt.date, locale: str) -> str:
    """A week on a chart's axis, day and month: "5 Oct", "5 okt."."""
    return fmt_date(day, locale, this_year=day.year)


def target_label(kpi: str, target: TargetLine, locale: str, currency: str) -> str:
    """ "Target ≥ 3.0 %" (every campaign) or "Target Summer Sale ≥ 6.0 %"."""
    value = fmt_value(target.value, REGISTRY[kpi].unit, locale, currency)
    op = target.op.replace(">=", "≥").replace("<=", "≤")
    if target.name is not None:
        return t("chart.target.campaign", locale, campaign=target.name, op=op, value=value)
    return t("chart.target", locale, op=op, value=value)


def one_stop(text: str) -> str:
    """A date's abbreviation stop ends its sentence too: "… tot en met 23 nov. Vorige week",
    not "23 nov.. Vorige week" (an ellipsis stays)."""
    return _ONE_STOP.sub(".", text)


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
    parts += [target_label(data.kpi, line, locale, currency) + "." for line in data.targets]
    partial = sorted({w for s in data.series for i, w in enumerate(data.weeks) if s.partial(i)})
    if partial:
        weeks = ", ".join(week_label(w, locale) for w in partial)
        parts.append(t("chart.partial.alt", locale, weeks=weeks))
    if data.hidden:
        parts.append(t("chart.others", locale, count=data.hidden))
    return one_stop(" ".join(parts))


def spend_revenue_alt_text(data: SpendRevenueData, locale: str, currency: str) -> str:
    """The cost/revenue chart in words: weeks covered, the last week's and the total's
    total cost (with the ad spend in it), revenue and ROI."""

    def money(x: float | None) -> str:
        return fmt_value(x, "currency", locale, currency)

    n = len(data.weeks)
    cost_total = sum(v for i in range(n) if (v := data.total_cost(i)) is not None)
    spend_total = sum(v for v in data.spend if v is not None)
    revenue_total = sum(v for v in data.revenue if v is not None)
    text = t(
        "chart.cost_revenue.alt",
        locale,
        first=week_label(data.weeks[0], locale) if data.weeks else "",
        last=week_label(data.weeks[-1], locale) if data.weeks else "",
        cost=money(data.total_cost(n - 1) if n else None),
        spend=money(data.spend[-1] if data.spend else None),
        revenue=money(data.revenue[-1] if data.revenue else None),
        roi=fmt_value(data.roi(n - 1) if n else None, "percent", locale, currency),
        total_cost=fmt_money(cost_total, currency, locale),
        total_spend=fmt_money(spend_total, currency, locale),
        total_revenue=fmt_money(revenue_total, currency, locale),
    )
    partial = [week_label(w, locale) for i, w in enumerate(data.weeks) if data.partial(i)]
    if partial:
        text += " " + t("chart.partial.alt", locale, weeks=", ".join(partial))
    return one_stop(text)


def alt_text(data: TrendData | SpendRevenueData, locale: str, currency: str) -> str:
    """The alt text of either chart's data (see `trend_alt_text`, `spend_revenue_alt_text`)."""
    if isinstance(data, TrendData):
        return trend_alt_text(data, locale, currency)
    return spend_revenue_alt_text(data, locale, currency)
