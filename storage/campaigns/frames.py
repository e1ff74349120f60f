"""Many campaigns' daily frames from one grouped query: what `aggregates.daily_frame` gives
for each campaign alone (one row per day with data or costs, the counters and reach split
summed in SQL, `cost_<category>` and `staff_hours`), read for a set of campaigns at once.

The sums are the same SQL SUMs over the same rows as each campaign's own `daily_frame`
(grouped by campaign and day instead of by day for one campaign), so each campaign's frame
holds the same numbers; its rows over a shorter period are what reading that period gives
(a day's row never depends on the period read)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, func, select

from kpi.counters import COUNTERS
from kpi.frame_totals import FrameColumns, columns_of
from kpi.reach import REACH_SPLIT_COLUMNS
from storage.campaigns.aggregates import REACH_SPLIT, SUMS, merge_costs, scope
from storage.models import Campaign, Cost, DailyMetric


def daily_columns(
    conn: Connection, team_id: str, campaign_ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, FrameColumns]:
    """Campaign id -> the columns (kpi.frame_totals.columns_of) of ``daily_frame(conn,
    team_id, [id], start, end, with_costs=True)`` for every campaign of ``campaign_ids``
    that has a row (data or costs) in [start, end]."""
    if not campaign_ids:
        return {}
    keys: list[Any] = [DailyMetric.campaign_id, DailyMetric.day]
    query = (
        select(*keys, *SUMS, *REACH_SPLIT)
        .select_from(DailyMetric)
        .join(Campaign, Campaign.id == DailyMetric.campaign_id)
        .where(scope(team_id, campaign_ids, start, end))
        .group_by(*keys)
        .order_by(*keys)
    )
    columns = ["campaign_id", "day", *COUNTERS, *REACH_SPLIT_COLUMNS]
    frame = pd.DataFrame(conn.execute(query).all(), columns=columns)
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    for c in (*COUNTERS, *REACH_SPLIT_COLUMNS):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame = _with_costs(conn, frame, team_id, campaign_ids, start, end)
    # Sorted by campaign and day: each campaign's rows are one run, cut by position from
    # the columns taken out of the frame once.
    ids = frame["campaign_id"].to_numpy()
    every = columns_of(frame)
    cuts = [0, *(i for i in range(1, len(ids)) if ids[i] != ids[i - 1]), len(ids)]
    return {int(ids[a]): every.rows(slice(a, b)) for a, b in itertools.pairwise(cuts) if b > a}


def _with_costs(
    conn: Connection,
    frame: pd.DataFrame,
    team_id: str,
    campaign_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
) -> pd.DataFrame:
    """The frame with each (campaign, day)'s costs per category and staff hours; a day with
    costs and no data gets a row of its own (as `aggregates._add_costs`)."""
    conditions = [
        Campaign.team_id == team_id,
        Cost.day.between(start, end),
        Cost.campaign_id.in_(campaign_ids),
    ]
    query = (
        select(
            Cost.campaign_id, Cost.day, Cost.category, func.sum(Cost.amount), func.sum(Cost.hours)
        )
        .select_from(Cost)
        .join(Campaign, Campaign.id == Cost.campaign_id)
        .where(and_(*conditions))
        .group_by(Cost.campaign_id, Cost.day, Cost.category)
    )
    return merge_costs(frame, conn.execute(query).all(), ["campaign_id", "day"])
