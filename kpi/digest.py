"""The weekly digest as numbers: per campaign the week's KPIs against the week before, the
targets and their states, and what stands out (kpi.insights). The bot renders it.

Input is a *weekly frame*: one row per (campaign slug, week) with the week's summed counters
and costs. `weekly_from_daily` makes one from `Repository.daily_frame(..., by="campaign",
with_costs=True)`. Sums first, ratios after: every KPI is computed from a week's sums.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from kpi.insights import Insight, find_insights
from kpi.periods import Comparison, Period, like_for_like
from kpi.registry import REGISTRY, change, compute
from kpi.totals import Totals
from kpi.weeks import (
    COST_COLUMNS,
    CampaignDigest,
    CampaignInfo,
    KpiLine,
    WeekKey,
    campaign_info,
    totals_by_week,
    weekly_from_daily,
)

__all__ = [
    "COST_COLUMNS",
    "DIGEST_KPIS",
    "CampaignDigest",
    "CampaignInfo",
    "Digest",
    "KpiLine",
    "TargetInfo",
    "WeekKey",
    "build_digest",
    "lagging",
    "like_for_like_daily",
    "campaign_info",
    "totals_by_week",
    "weekly_from_daily",
]

#: The KPIs of a campaign's section, in the order they are shown.
DIGEST_KPIS: tuple[str, ...] = ("spend", "revenue", "roi", "cpa", "engagement_rate", "ctr")


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """A target as the digest lists it: `kpi` (registry name) `op` `value` by `deadline`,
    its stored `state` and `last_value` (KPI unit); `campaign` is a slug, None = all."""

    kpi: str
    op: Literal[">=", "<="]
    value: float
    state: str
    campaign: str | None = None
    deadline: dt.date | None = None
    last_value: float | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Digest:
    """The week's digest. `campaigns` with data in either week, highest ad spend first (so a
    renderer that must cut keeps the biggest); `quiet` the slugs with no data in either
    week; `overall` all campaigns together; `insights` ranked, at most five. `currency` is
    the campaigns' when they share one; when they are in several, `overall_by_currency`
    holds the all-campaigns sums per currency (money is never added across currencies)."""

    week: Period
    previous_week: Period
    locale: str
    currency: str
    campaigns: tuple[CampaignDigest, ...]
    overall: CampaignDigest
    quiet: tuple[str, ...] = ()
    targets: tuple[TargetInfo, ...] = ()
    insights: tuple[Insight, ...] = ()
    #: the last day with metrics when they end inside the week (then `previous_week` holds
    #: the same days of the week before: like for like, see kpi.periods.like_for_like)
    metrics_through: dt.date | None = None
    overall_by_currency: tuple[CampaignDigest, ...] = ()
    #: campaigns whose own metrics end inside the week while others' do not: each is
    #: compared with the same days of the week before (slug, its comparison)
    lagging: tuple[tuple[str, Comparison], ...] = ()

    @property
    def mixed_currencies(self) -> bool:
        """True when the campaigns shown are in more than one currency."""
        return len(self.overall_by_currency) > 1


def _section(
    slug: str,
    name: str,
    current: Totals | None,
    previous: Totals | None,
    currency: str | None = None,
) -> CampaignDigest:
    cur, prev = current or Totals.empty(), previous or Totals.empty()
    lines = []
    for kpi_name in DIGEST_KPIS:
        kpi = REGISTRY[kpi_name]
        now, before = compute(kpi, cur), compute(kpi, prev)
        lines.append(KpiLine(kpi, now, before, change(now, before)))
    has_data = current is not None or previous is not None
    return CampaignDigest(slug, name, tuple(lines), cur, prev, has_data, currency)


def _sum(parts: Sequence[Totals | None]) -> Totals | None:
    present = [p for p in parts if p is not None]
    if not present:
        return None
    total = present[0]
    for part in present[1:]:
        total = total + part
    return total


def lagging(daily: pd.DataFrame, week: Period, key: str = "campaign") -> dict[str, Comparison]:
    """Each `key` (campaign slug) whose metrics end inside `week`, with what its days are
    compared with (kpi.periods.like_for_like, seen the day after the week)."""
    last: dict[str, dt.date] = {}
    for name, value in zip(daily[key], daily["day"], strict=True):
        day = pd.Timestamp(value).date()
        if day <= week.end and (str(name) not in last or day > last[str(name)]):
            last[str(name)] = day
    after = week.end + dt.timedelta(days=1)
    found = {name: like_for_like(week, after, through) for name, through in last.items()}
    return {name: compared for name, compared in found.items() if compared.partial}


def like_for_like_daily(daily: pd.DataFrame, week: Period, key: str = "campaign") -> pd.DataFrame:
    """The daily rows a digest compares (columns `day` and `key`): for each `key` whose
    metrics end inside `week`, the week before keeps only as many of its days, decided by
    kpi.periods.like_for_like — a campaign whose numbers stop on Wednesday is compared
    Monday–Wednesday with Monday–Wednesday, whatever the other campaigns did. Rows of the
    week itself and of earlier weeks (the charts) are all kept."""
    if not len(daily):
        return daily
    days = [pd.Timestamp(d).date() for d in daily["day"]]
    names = [str(n) for n in daily[key]]
    cut = {name: compared.previous.end for name, compared in lagging(daily, week, key).items()}
    keep = [
        not (name in cut and cut[name] < day < week.start)
        for name, day in zip(names, days, strict=True)
    ]
    return daily[keep]


def build_digest(
    weekly: pd.DataFrame,
    *,
    campaigns: Mapping[str, CampaignInfo],
    week: Period,
    targets: Sequence[TargetInfo] = (),
    locale: str,
    currency: str,
    platform_weekly: pd.DataFrame | None = None,
    previous_week: Period | None = None,
    metrics_through: dt.date | None = None,
    lagging: Mapping[str, Comparison] | None = None,
) -> Digest:
    """The digest of `week` (a Monday-Sunday Period) for the campaigns in `campaigns`.

    `weekly`: the weekly frame (see `weekly_from_daily`) of those campaigns, holding at least
    `week` and the week before (8+ weeks for the charts; rows after `week` are ignored).
    Per campaign: ad spend, revenue, ROI (over total cost), CPA (over ad spend), engagement
    rate and CTR, each with `kpi.registry.change` against the week before; a KPI whose
    denominator is 0 is n/a with its reason. `platform_weekly`: the same frame keyed by
    `platform` (all the digest's campaigns together), for the best/worst platform insight.
    `previous_week`: what the week is compared with (default: the week before; the same
    days of it when the metrics end inside `week` — then `weekly` holds only those days of
    it, and `metrics_through` says where the metrics end).
    """
    scoped = weekly[weekly["campaign"].isin(list(campaigns))] if len(weekly) else weekly
    by_week = totals_by_week(scoped, ltv={s: c.ltv_per_customer for s, c in campaigns.items()})
    previous_week = previous_week or week.previous()
    sections = [
        _section(
            slug,
            info.name,
            by_week.get((slug, week.start)),
            by_week.get((slug, previous_week.start)),
            info.currency or currency,
        )
        for slug, info in campaigns.items()
    ]
    active = sorted(
        (s for s in sections if s.has_data), key=lambda s: (-s.current.ad_spend, s.slug)
    )

    def together(some: Sequence[CampaignDigest], code: str | None) -> CampaignDigest:
        return _section(
            "*",
            "*",
            _sum([by_week.get((s.slug, week.start)) for s in some]),
            _sum([by_week.get((s.slug, previous_week.start)) for s in some]),
            code,
        )

    codes = sorted({s.currency or currency for s in active})
    if len(codes) == 1:
        currency = codes[0]
    overall = together(active, currency if len(codes) <= 1 else None)
    per_currency = (
        tuple(together([s for s in active if s.currency == c], c) for c in codes)
        if len(codes) > 1
        else ()
    )
    insights = find_insights(
        scoped,
        campaigns=campaigns,
        week=week,
        sections=active,
        platform_weekly=platform_weekly,
    )
    return Digest(
        week=week,
        previous_week=previous_week,
        locale=locale,
        currency=currency,
        campaigns=tuple(active),
        overall=overall,
        quiet=tuple(sorted(s.slug for s in sections if not s.has_data)),
        targets=tuple(targets),
        insights=tuple(insights),
        overall_by_currency=per_currency,
        metrics_through=metrics_through,
        lagging=tuple(
            (slug, compared)
            for slug, compared in sorted((lagging or {}).items())
            if slug in campaigns and compared.metrics_through != metrics_through
        ),
    )
