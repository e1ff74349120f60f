"""A campaign's weeks: the weekly frame (one row per campaign or platform and week, summed),
its Totals per week, what a campaign is besides its numbers, and one campaign's week of
KPIs against the week before. The digest (kpi.digest), its insights (kpi.insights) and the
charts (kpi.chart_data) are built from these.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from kpi.counters import COST_CATEGORIES, COUNTERS
from kpi.metric import Change, Kpi, KpiResult
from kpi.reach import REACH_SPLIT_COLUMNS, split_of_sums
from kpi.totals import Totals

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


def _nan_to_none(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]  # a pandas cell: a number or NaN
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
    counters += [c for c in REACH_SPLIT_COLUMNS if c in frame.columns]
    extras = [c for c in (*COST_COLUMNS, "staff_hours") if c in frame.columns]
    for column in (*counters, *extras):
        # float64 already (as storage reads them): left as is, which keeps the frame's
        # columns in one block and this, run for every digest of a tick, fast
        if frame[column].dtype != "float64":
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
    if not len(weekly):
        return found
    counters = [c for c in COUNTERS if c in weekly.columns]
    costs = [c for c in COST_COLUMNS if c in weekly.columns]
    split = [c for c in REACH_SPLIT_COLUMNS if c in weekly.columns]
    staff = ["staff_hours"] if "staff_hours" in weekly.columns else []
    # column by column into plain Python values (what to_dict("records") gives, without
    # its per-cell boxing: this runs for every digest of a tick)
    wanted = list(dict.fromkeys([key, "week_start", *counters, *split, *costs, *staff]))
    columns = {c: weekly[c].tolist() for c in wanted}
    for i in range(len(weekly)):
        row = {c: values[i] for c, values in columns.items()}
        name = str(row[key])
        start = pd.Timestamp(row["week_start"]).date()
        sums = {c: _nan_to_none(row[c]) for c in (*counters, *split)}
        basis, with_reach = split_of_sums(sums)
        found[name, start] = Totals(
            counters={c: sums[c] for c in counters},
            costs={c[5:]: v for c in costs if (v := _nan_to_none(row[c]) or 0.0)},
            staff_hours=_nan_to_none(row.get("staff_hours")) or 0.0,
            days=7,
            ltv_per_customer=(ltv or {}).get(name),
            reach_basis=basis,
            with_reach=with_reach,
        )
    return found
