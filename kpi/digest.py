"""The weekly digest as numbers: per campaign the week's KPIs against the week before, the
targets and their states, and what stands out (kpi.insights). The bot renders it.

Input is a *weekly frame*: one row per (campaign slug, week) with the week's summed counters
and costs. `weekly_from_daily` makes one from `Repository.daily_frame(..., by="campaign",
with_costs=True)`. Sums first, ratios after: every KPI is computed from a week's sums.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import pandas as pd

from kpi.counters import COST_CATEGORIES, COUNTERS
from kpi.metric import Change, Kpi, KpiResult
from kpi.periods import Period
from kpi.registry import REGISTRY, change, compute
from kpi.totals import Totals

if TYPE_CHECKING:
    from kpi.insights import Insight

#: The KPIs of a campaign's section, in the order they are shown.
DIGEST_KPIS: tuple[str, ...] = ("spend", "revenue", "roi", "cpa", "engagement_rate", "ctr")
COST_COLUMNS: tuple[str, ...] = tuple(f"cost_{c}" for c in COST_CATEGORIES)
WeekKey = tuple[str, dt.date]


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    """What the digest needs to know about a campaign besides its numbers.

    `budget` is in the campaign's `currency`; with `start` and `end` it drives the spend-pace
    insight. `spent_to_date`: total cost from the campaign's start through the digest week,
    when the weekly frame does not reach back to the start (None: taken from the frame).
    """

    slug: str
    name: str
    goal: str | None = None
    budget: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    ltv_per_customer: float | None = None
    spent_to_date: float | None = None
    currency: str | None = None  # None: the digest's (workspace default)


class _CampaignLike(Protocol):
    # read-only members, so frozen dataclasses (storage's CampaignRec) match
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def goal(self) -> str | None: ...
    @property
    def budget(self) -> float | None: ...
    @property
    def start_date(self) -> dt.date | None: ...
    @property
    def end_date(self) -> dt.date | None: ...
    @property
    def ltv_per_customer(self) -> float | None: ...


def campaign_info(
    rec: _CampaignLike, spent_to_date: float | None = None, currency: str | None = None
) -> CampaignInfo:
    """A CampaignInfo from anything shaped like storage's CampaignRec; `currency` is the
    one its money is in."""
    return CampaignInfo(
        slug=rec.slug,
        name=rec.name,
        goal=rec.goal,
        budget=None if rec.budget is None else float(rec.budget),
        start=rec.start_date,
        end=rec.end_date,
        ltv_per_customer=None if rec.ltv_per_customer is None else float(rec.ltv_per_customer),
        spent_to_date=spent_to_date,
        currency=currency,
    )


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
class KpiLine:
    """One KPI of one campaign: this week, the week before and the change (None when
    either is n/a or, for non-percent KPIs, the week before was 0)."""

    kpi: Kpi
    current: KpiResult
    previous: KpiResult
    change: Change | None


@dataclass(frozen=True, slots=True)
class CampaignDigest:
    """A campaign's section (or the all-campaigns total, slug "*"). `current` / `previous`
    are the weeks' sums; `has_data` is False when neither week has a row. `currency`: the
    one its money is in (None: the digest's)."""

    slug: str
    name: str
    lines: tuple[KpiLine, ...]
    current: Totals
    previous: Totals
    has_data: bool
    currency: str | None = None

    def line(self, kpi: str) -> KpiLine:
        """The line of KPI `kpi` (a registry name in DIGEST_KPIS)."""
        return next(line for line in self.lines if line.kpi.name == kpi)


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
    overall_by_currency: tuple[CampaignDigest, ...] = ()

    @property
    def mixed_currencies(self) -> bool:
        """True when the campaigns shown are in more than one currency."""
        return len(self.overall_by_currency) > 1


def _nan_to_none(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def weekly_from_daily(daily: pd.DataFrame, key: str = "campaign") -> pd.DataFrame:
    """A weekly frame from a daily one (columns `day`, `key`, counters, optional cost_*
    and `staff_hours`): rows grouped by (`key`, Monday of `day`) and summed.

    The weekly frame: `key` (campaign slug, or platform), `week_start` (date, a Monday),
    `days` (how many days of that week have a row: under 7 is a partial week), every counter
    of kpi.counters.COUNTERS as float (NaN = no day of the week reported it),
    `cost_<category>` (0.0 when none) and `staff_hours` when the daily frame had them.
    """
    frame = daily.copy()
    days = [pd.Timestamp(d).date() for d in frame["day"]]
    frame["week_start"] = [d - dt.timedelta(days=d.weekday()) for d in days]
    counters = [c for c in COUNTERS if c in frame.columns]
    extras = [c for c in (*COST_COLUMNS, "staff_hours") if c in frame.columns]
    for column in (*counters, *extras):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    grouped = frame.groupby([key, "week_start"], sort=True)
    # min_count=1: a week where no day reported a counter stays NaN (not reported), not 0.
    out = grouped[counters].sum(min_count=1)
    if extras:
        out = out.join(grouped[extras].sum())
    out = out.join(grouped["day"].nunique().rename("days"))
    return out.reset_index()


def totals_by_week(
    weekly: pd.DataFrame,
    key: str = "campaign",
    ltv: Mapping[str, float | None] | None = None,
) -> dict[WeekKey, Totals]:
    """(`key` value, week_start) -> Totals of that row (7 days; NaN counters not reported)."""
    found: dict[WeekKey, Totals] = {}
    counters = [c for c in COUNTERS if c in weekly.columns]
    costs = [c for c in COST_COLUMNS if c in weekly.columns]
    for row in weekly.to_dict("records"):
        name = str(row[key])
        start = pd.Timestamp(row["week_start"]).date()
        found[name, start] = Totals(
            counters={c: _nan_to_none(row[c]) for c in counters},
            costs={c[5:]: v for c in costs if (v := _nan_to_none(row[c]) or 0.0)},
            staff_hours=_nan_to_none(row.get("staff_hours")) or 0.0,
            days=7,
            ltv_per_customer=(ltv or {}).get(name),
        )
    return found


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


def build_digest(
    weekly: pd.DataFrame,
    *,
    campaigns: Mapping[str, CampaignInfo],
    week: Period,
    targets: Sequence[TargetInfo] = (),
    locale: str,
    currency: str,
    platform_weekly: pd.DataFrame | None = None,
) -> Digest:
    """The digest of `week` (a Monday-Sunday Period) for the campaigns in `campaigns`.

    `weekly`: the weekly frame (see `weekly_from_daily`) of those campaigns, holding at least
    `week` and the week before (8+ weeks for the charts; rows after `week` are ignored).
    Per campaign: ad spend, revenue, ROI (over total cost), CPA (over ad spend), engagement
    rate and CTR, each with `kpi.registry.change` against the week before; a KPI whose
    denominator is 0 is n/a with its reason. `platform_weekly`: the same frame keyed by
    `platform` (all the digest's campaigns together), for the best/worst platform insight.
    """
    from kpi.insights import find_insights  # insights build on this module's types

    scoped = weekly[weekly["campaign"].isin(list(campaigns))] if len(weekly) else weekly
    by_week = totals_by_week(scoped, ltv={s: c.ltv_per_customer for s, c in campaigns.items()})
    previous_week = week.previous()
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
    )
