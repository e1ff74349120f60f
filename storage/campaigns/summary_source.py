"""The rows a period's aggregate reads: whole summary buckets inside the period (years,
then months, then weeks), daily rows at its ragged edges. Both have the same columns (the
counters, `reach_rows`, the reach partners of rows with reach, `rows_without_reach`), so a
SUM over the union equals the SUM over the daily rows of the period, exactly: a row is in
one bucket per grain, and the buckets and days chosen never overlap.

A period of N days reads at most ~N/365 year buckets, 22 month buckets, 8 week buckets and
12 days per campaign and platform, instead of N days. When the scope's days with data are
known and the period reaches to (or past) an end of them, the bucket at that end is read
whole even though it reaches past the period: no row of the scope lies beyond, so it sums
the same rows ("to date" then reads whole years and months and no days at all).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
    union_all,
)

from kpi.counters import COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH
from storage.campaigns.summaries import SUMMARY, bucket_after, bucket_of
from storage.models import Campaign, DailyMetric

_D = DailyMetric.__table__.c
Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Pieces:
    """[start, end] cut into bucket ranges (first bucket, last bucket) and day ranges."""

    years: list[Span]
    months: list[Span]
    weeks: list[Span]
    days: list[Span]


def _whole(
    grain: str, start: dt.date, end: dt.date, open_start: bool = False, open_end: bool = False
) -> tuple[Span | None, list[Span]]:
    """The buckets of `grain` lying wholly in [start, end] as (first, last bucket), and the
    day ranges left over before and after them. `open_start` / `open_end`: no row lies
    before `start` / after `end`, so a bucket reaching past that end may be taken whole."""
    first = bucket_of(grain, start)
    if first < start and not open_start:
        first = bucket_after(grain, first)
    last = bucket_of(grain, end)
    if bucket_after(grain, last) - dt.timedelta(days=1) > end and not open_end:
        last = bucket_of(grain, last - dt.timedelta(days=1))
    if first > last:
        return None, [(start, end)]
    rest = []
    if start < first:
        rest.append((start, first - dt.timedelta(days=1)))
    after = bucket_after(grain, last)
    if after <= end:
        rest.append((after, end))
    return (first, last), rest


def pieces(start: dt.date, end: dt.date, data: Span | None = None) -> Pieces:
    """[start, end] cut into whole years, whole months, whole weeks and days. `data`: the
    scope's first and last day with data (every row's day lies in it), when known."""
    open_start = data is not None and start <= data[0]
    open_end = data is not None and end >= data[1]
    found: dict[str, list[Span]] = {"y": [], "m": [], "w": []}
    left = [(start, end)]
    for grain in ("y", "m", "w"):
        rest: list[Span] = []
        for a, b in left:
            whole, more = _whole(grain, a, b, open_start and a == start, open_end and b == end)
            if whole:
                found[grain].append(whole)
            rest += more
        left = rest
    return Pieces(found["y"], found["m"], found["w"], left)


def chosen_ids(team_id: str, campaign_ids: Sequence[int] | None) -> Select[tuple[int]]:
    """Ids of the workspace's chosen campaigns (None: every one not archived)."""
    query: Select[Any] = select(Campaign.id).where(Campaign.team_id == team_id)
    if campaign_ids is None:
        return query.where(Campaign.archived_at.is_(None))
    return query.where(Campaign.id.in_(campaign_ids))


def _daily(where: ColumnElement[bool]) -> Select[Any]:
    reach = _D["reach"]
    partner = func.coalesce(*(_D[c] for c in REACH_PARTNERS)).is_not(None)
    return select(
        _D["campaign_id"].label("campaign_id"),
        _D["platform"].label("platform"),
        *(_D[c].label(c) for c in COUNTERS),
        case((reach.is_not(None), 1), else_=0).label("reach_rows"),
        *(case((reach.is_not(None), _D[c]), else_=None).label(w) for c, w in WITH_REACH.items()),
        case((and_(reach.is_(None), partner), 1), else_=0).label(ROWS_WITHOUT_REACH),
    ).where(where)


def _summary(where: ColumnElement[bool]) -> Select[Any]:
    s = SUMMARY.c
    return select(
        s.campaign_id.label("campaign_id"),
        s.platform.label("platform"),
        *(s[c].label(c) for c in COUNTERS),
        s.reach_rows.label("reach_rows"),
        *(s[w].label(w) for w in WITH_REACH.values()),
        s[ROWS_WITHOUT_REACH].label(ROWS_WITHOUT_REACH),
    ).where(where)


def source(
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None = None,
    data: Span | None = None,
) -> tuple[Any, dict[str, Any]]:
    """A subquery of the chosen campaigns' rows over [start, end] (on one platform when
    given): summary buckets and edge days, to be summed; and the parameters to run it with.
    `data`: the chosen campaigns' first and last day with data, when known (see pieces).
    The subquery is built once per shape (how many ranges of each kind), so a reply's
    queries cost the database's time, not the building of statements."""
    cut = pieces(start, end, data)
    rows = _template(
        len(cut.years), len(cut.months), len(cut.weeks), len(cut.days),
        campaign_ids is None, platform is not None,
    )  # fmt: skip
    params: dict[str, Any] = {"team": team_id}
    if campaign_ids is not None:
        params["ids"] = list(campaign_ids)
    if platform is not None:
        params["platform"] = platform
    for kind, spans in (("y", cut.years), ("m", cut.months), ("w", cut.weeks), ("d", cut.days)):
        for i, (a, b) in enumerate(spans):
            params[f"{kind}{i}a"], params[f"{kind}{i}b"] = a, b
    return rows, params


@functools.lru_cache(maxsize=256)
def _template(
    years: int, months: int, weeks: int, days: int, every: bool, on_platform: bool
) -> Any:
    team = Campaign.team_id == bindparam("team")
    if every:
        ids = select(Campaign.id).where(team, Campaign.archived_at.is_(None))
    else:
        ids = select(Campaign.id).where(team, Campaign.id.in_(bindparam("ids", expanding=True)))
    s = SUMMARY.c
    # One member per range: an OR of ranges would make SQLite scan instead of search.
    parts: list[Select[Any]] = []
    for grain, count in (("y", years), ("m", months), ("w", weeks)):
        for i in range(count):
            span = s.bucket.between(_day(f"{grain}{i}a"), _day(f"{grain}{i}b"))
            where = and_(s.campaign_id.in_(ids), s.grain == grain, span)
            if on_platform:
                where = and_(where, s.platform == bindparam("platform"))
            parts.append(_summary(where))
    for i in range(days):
        where = and_(_D["campaign_id"].in_(ids), _D["day"].between(_day(f"d{i}a"), _day(f"d{i}b")))
        if on_platform:
            where = and_(where, _D["platform"] == bindparam("platform"))
        parts.append(_daily(where))
    rows = parts[0].subquery("rows") if len(parts) == 1 else union_all(*parts).subquery("rows")
    rows.c  # noqa: B018 -- the column proxies, built once with the template
    return rows


def _day(name: str) -> Any:
    return bindparam(name, type_=Date)


def span_of(team_id: str, campaign_ids: Sequence[int] | None) -> Select[Any]:
    """First and last day with data (a period-total row reaches to its day_end), from the
    month buckets: every row lies in exactly one."""
    s = SUMMARY.c
    return select(func.min(s.first_day), func.max(s.last_day)).where(
        s.campaign_id.in_(chosen_ids(team_id, campaign_ids)), s.grain == literal("m")
    )


def spans_by_campaign(team_id: str) -> Select[Any]:
    s = SUMMARY.c
    return (
        select(s.campaign_id, func.min(s.first_day), func.max(s.last_day))
        .where(s.campaign_id.in_(select(Campaign.id).where(Campaign.team_id == team_id)))
        .where(s.grain == "m")
        .group_by(s.campaign_id)
    )
