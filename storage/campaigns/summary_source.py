"""The rows a period's aggregate reads: whole summary buckets inside the period, daily rows
at its ragged edges. Both have the same columns (the counters, `reach_rows`, the reach
partners of rows with reach, `rows_without_reach`), so a SUM over the union equals the SUM
over the daily rows of the period, exactly: a row is in one bucket per grain, and the
buckets and days chosen never overlap.

A period of N days reads at most ~N/30 month buckets, 8 week buckets and 12 days per
campaign and platform, instead of N days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select, union_all

from kpi.counters import COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH
from storage.campaigns.summaries import SUMMARY, bucket_after, bucket_of
from storage.models import Campaign, DailyMetric

_D = DailyMetric.__table__.c
Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Pieces:
    """[start, end] cut into bucket ranges (first bucket, last bucket) and day ranges."""

    months: list[Span]
    weeks: list[Span]
    days: list[Span]


def _whole(grain: str, start: dt.date, end: dt.date) -> tuple[Span | None, list[Span]]:
    """The buckets of `grain` lying wholly in [start, end] as (first, last bucket), and the
    day ranges left over before and after them."""
    first = bucket_of(grain, start)
    if first < start:
        first = bucket_after(grain, first)
    last = bucket_of(grain, end)
    if bucket_after(grain, last) - dt.timedelta(days=1) > end:
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


def pieces(start: dt.date, end: dt.date) -> Pieces:
    months, rest = _whole("m", start, end)
    weeks: list[Span] = []
    days: list[Span] = []
    for a, b in rest:
        found, left = _whole("w", a, b)
        if found:
            weeks.append(found)
        days += left
    return Pieces([months] if months else [], weeks, days)


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
) -> Any:
    """A subquery of the chosen campaigns' rows over [start, end] (on one platform when
    given): summary buckets and edge days, to be summed."""
    cut = pieces(start, end)
    ids = chosen_ids(team_id, campaign_ids)
    s = SUMMARY.c
    # One member per range: an OR of ranges would make SQLite scan instead of search.
    parts: list[Select[Any]] = []
    for grain, spans in (("m", cut.months), ("w", cut.weeks)):
        for a, b in spans:
            where = and_(s.campaign_id.in_(ids), s.grain == grain, s.bucket.between(a, b))
            if platform is not None:
                where = and_(where, s.platform == platform)
            parts.append(_summary(where))
    for a, b in cut.days:
        where = and_(_D["campaign_id"].in_(ids), _D["day"].between(a, b))
        if platform is not None:
            where = and_(where, _D["platform"] == platform)
        parts.append(_daily(where))
    if len(parts) == 1:
        return parts[0].subquery("rows")
    return union_all(*parts).subquery("rows")


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
