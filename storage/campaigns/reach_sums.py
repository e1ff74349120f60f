"""Reach over a period, by its rules (see `reach_of`), from the reach part of every campaign
x platform cell of the period (read with the counters in one grouped query,
storage.campaigns.grid) and the rows covering exactly the period.

Per (campaign, platform): a row covering exactly [start, end] (a period total, or the one
day asked) holds the de-duplicated reach and is used alone; otherwise the rows' reach is
added up, which counts a person once per row (day) it was reached on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from kpi.reach import REACH_PARTNERS, ReachBasis
from storage.campaigns.summary_source import chosen_ids
from storage.models import DailyMetric

REACH: ColumnElement[Any] = DailyMetric.__table__.c["reach"]
Reach = tuple[float, ReachBasis, dict[str, float | None]]


@dataclass(frozen=True, slots=True)
class Part:
    """One campaign x platform's rows over the period, summed."""

    campaign_id: int
    platform: str
    reach_rows: int
    reach: Any
    without: int
    partners: tuple[Any, ...]


def exact_reach(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None,
) -> dict[tuple[int, str], float]:
    """(campaign, platform) -> the reach of its row covering exactly [start, end]."""
    query = select(DailyMetric.campaign_id, DailyMetric.platform, REACH).where(
        DailyMetric.campaign_id.in_(chosen_ids(team_id, campaign_ids)),
        DailyMetric.day == start,
        func.coalesce(DailyMetric.day_end, DailyMetric.day) == end,
        REACH.is_not(None),
    )
    if platform is not None:
        query = query.where(DailyMetric.platform == platform)
    return {(cid, name): float(value) for cid, name, value in conn.execute(query)}


def reach_of(parts: list[Part], exact: dict[tuple[int, str], float]) -> Reach | None:
    """Per (campaign, platform): the row covering exactly the period alone, else the rows'
    reach added up; with which platforms report reach and the reach partners summed over
    only the rows that report it. None when no row reported reach."""
    total, count, summed = 0.0, 0, False
    for part in parts:
        if part.reach_rows > 0:
            count += 1
            if (part.campaign_id, part.platform) in exact:
                total += exact[part.campaign_id, part.platform]
            else:
                total += float(part.reach)
                summed = summed or part.reach_rows > 1
    if not count:
        return None
    with_reach: dict[str, int] = {}
    without: dict[str, int] = {}
    sums: dict[str, float | None] = dict.fromkeys(REACH_PARTNERS)
    for part in parts:
        with_reach[part.platform] = with_reach.get(part.platform, 0) + part.reach_rows
        without[part.platform] = without.get(part.platform, 0) + part.without
        for c, value in zip(REACH_PARTNERS, part.partners, strict=True):
            if value is not None:
                sums[c] = (sums[c] or 0.0) + float(value)
    reporting = {name for name, n in with_reach.items() if n}
    silent = {name for name, n in without.items() if n and not with_reach[name]}
    partial = any(without.values())
    campaigns = frozenset(part.campaign_id for part in parts if part.reach_rows > 0)
    basis = ReachBasis(count, summed, partial, frozenset(reporting), frozenset(silent), campaigns)
    return total, basis, sums
