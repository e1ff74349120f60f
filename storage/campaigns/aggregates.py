"""KPI totals summed in SQL over the (campaign_id, day) index, scoped to one workspace.
Never loads a campaign's history into memory. `campaign_ids=None` means every campaign of
the workspace that is not archived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Literal, TypeVar

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select

from kpi.counters import COST_CATEGORIES, COUNTERS, DECIMAL_COUNTERS, MONEY_COUNTERS
from kpi.reach import (
    REACH_PARTNERS,
    REACH_SPLIT_COLUMNS,
    ROWS_WITHOUT_REACH,
    WITH_REACH,
)
from storage.campaigns.summary_source import span_of, spans_by_campaign
from storage.models import Campaign, Cost, DailyMetric

SUMS = [func.sum(getattr(DailyMetric, c)).label(c) for c in COUNTERS]
# The counters are mapped from kpi.counters.COUNTERS, so the type checker cannot see them.
REACH: ColumnElement[Any] = DailyMetric.__table__.c["reach"]
_ANY_PARTNER = func.coalesce(*(getattr(DailyMetric, c) for c in REACH_PARTNERS)).is_not(None)
# Beside each day's sums: the reach partners of the rows that report reach, and the rows with
# data but no reach, so a ratio over reach built from the frame stays like for like.
REACH_SPLIT = [
    *(
        func.sum(case((REACH.is_not(None), getattr(DailyMetric, c)), else_=None)).label(column)
        for c, column in WITH_REACH.items()
    ),
    func.sum(case((and_(REACH.is_(None), _ANY_PARTNER), 1), else_=0)).label(ROWS_WITHOUT_REACH),
]


def scope(
    team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> ColumnElement[bool]:
    """Rows of this workspace (and these campaigns) whose first day lies in [start, end]."""
    conditions = [Campaign.team_id == team_id, DailyMetric.day.between(start, end)]
    conditions.append(_chosen(campaign_ids, DailyMetric.campaign_id))
    return and_(*conditions)


def _chosen(campaign_ids: Sequence[int] | None, column: Any) -> ColumnElement[bool]:
    """These campaigns, or (None) every campaign that is not archived (Campaign is joined)."""
    if campaign_ids is None:
        return Campaign.archived_at.is_(None)
    chosen: ColumnElement[bool] = column.in_(campaign_ids)
    return chosen


S = TypeVar("S", bound=Select[*tuple[Any, ...]])


def _metrics(select_: S) -> S:
    return select_.select_from(DailyMetric).join(Campaign, Campaign.id == DailyMetric.campaign_id)


def _scale(counter: str) -> int | None:
    """Decimal places a decimal counter keeps (None: whole numbers)."""
    if counter in MONEY_COUNTERS:
        return 4
    return 6 if counter in DECIMAL_COUNTERS else None


SCALES = {c: _scale(c) for c in COUNTERS}


def counter_value(counter: str, value: Any) -> float | None:
    """A summed counter as a float: decimal counters rounded to their column's places, so a
    sum is the same number whichever order SQLite added its floats in (PostgreSQL's
    NUMERIC sums are exact already)."""
    if value is None:
        return None
    places = SCALES[counter]
    return float(value) if places is None else round(float(value), places)


def _sums(row: Any) -> dict[str, float | None]:
    return {c: counter_value(c, row._mapping[c]) for c in COUNTERS}


def cost_sums(
    conn: Connection, team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> tuple[dict[str, float], float]:
    """(amount per category, staff hours) of the costs table in [start, end]."""
    conditions = [Campaign.team_id == team_id, Cost.day.between(start, end)]
    conditions.append(_chosen(campaign_ids, Cost.campaign_id))
    query = (
        select(Cost.category, func.sum(Cost.amount), func.sum(Cost.hours))
        .select_from(Cost)
        .join(Campaign, Campaign.id == Cost.campaign_id)
        .where(and_(*conditions))
        .group_by(Cost.category)
    )
    amounts: dict[str, float] = {}
    hours = 0.0
    for category, amount, category_hours in conn.execute(query):
        amounts[category] = float(amount or 0)
        if category == "staff":
            hours += float(category_hours or 0)
    return amounts, hours


def data_range(
    conn: Connection, team_id: str, campaign_ids: Sequence[int] | None
) -> tuple[dt.date, dt.date] | None:
    first, last = conn.execute(span_of(team_id, campaign_ids)).one()
    if first is None:
        return None
    return _date(first), _date(last)


def data_ranges(conn: Connection, team_id: str) -> dict[int, tuple[dt.date, dt.date]]:
    """First and last day with data of every campaign of the workspace, in one query."""
    query = spans_by_campaign(team_id)
    return {cid: (_date(first), _date(last)) for cid, first, last in conn.execute(query)}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def daily_frame(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    by: Literal["campaign", "platform"] | None = None,
    with_costs: bool = False,
    counters: Collection[str] | None = None,
) -> pd.DataFrame:
    """One row per day (and campaign slug or platform) with every counter summed in SQL
    (only `counters` when given, and the reach split only with reach: each sum the
    database adds costs time per row). `with_costs` adds `cost_<category>` columns and
    `staff_hours` (per day, not split by platform)."""
    keys: list[Any] = [DailyMetric.day]
    if by == "campaign":
        keys.append(Campaign.slug.label("campaign"))
    elif by == "platform":
        keys.append(DailyMetric.platform)
    names = [c for c in COUNTERS if counters is None or c in counters]
    split = counters is None or "reach" in counters
    sums = [s for c, s in zip(COUNTERS, SUMS, strict=True) if c in names]
    query = (
        _metrics(select(*keys, *sums, *(REACH_SPLIT if split else ())))
        .where(scope(team_id, campaign_ids, start, end))
        .group_by(*keys)
        .order_by(*keys)
    )
    read = [*names, *(REACH_SPLIT_COLUMNS if split else ())]
    frame = pd.DataFrame(conn.execute(query).all(), columns=["day", *([by] if by else []), *read])
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    for c in read:
        if frame[c].dtype != "float64":  # (float64 already: as is, the frame stays one block)
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    if with_costs and by != "platform":
        frame = _add_costs(conn, frame, team_id, campaign_ids, start, end, by)
    return frame


def _add_costs(
    conn: Connection,
    frame: pd.DataFrame,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    by: str | None,
) -> pd.DataFrame:
    conditions = [Campaign.team_id == team_id, Cost.day.between(start, end)]
    conditions.append(_chosen(campaign_ids, Cost.campaign_id))
    keys: list[Any] = [Cost.day] + ([Campaign.slug.label("campaign")] if by == "campaign" else [])
    query = (
        select(*keys, Cost.category, func.sum(Cost.amount), func.sum(Cost.hours))
        .select_from(Cost)
        .join(Campaign, Campaign.id == Cost.campaign_id)
        .where(and_(*conditions))
        .group_by(*keys, Cost.category)
    )
    index = ["day", *(["campaign"] if by == "campaign" else [])]
    return merge_costs(frame, conn.execute(query).all(), index)


#: The cost columns a daily frame carries: one per category, and the staff hours.
COST_COLUMNS = [*(f"cost_{c}" for c in COST_CATEGORIES), "staff_hours"]


def merge_costs(frame: pd.DataFrame, rows: Sequence[Any], index: list[str]) -> pd.DataFrame:
    """`frame` with COST_COLUMNS from `rows` (the `index` keys, category, summed amount,
    summed hours per key and category): 0 where a key has none; a key with costs and no
    metrics gets a row of its own. Sorted by `index`."""
    costs = pd.DataFrame(rows, columns=[*index, "category", "amount", "hours"])
    for column in COST_COLUMNS:
        frame[column] = 0.0
    if costs.empty:
        return frame
    costs["day"] = pd.to_datetime(costs["day"]).dt.date
    costs["amount"] = costs["amount"].astype("float64")
    costs["hours"] = pd.to_numeric(costs["hours"], errors="coerce").fillna(0.0)
    wide = costs.pivot_table(index=index, columns="category", values="amount", aggfunc="sum")
    wide.columns = [f"cost_{c}" for c in wide.columns]
    hours = costs[costs["category"] == "staff"].groupby(index)["hours"].sum().rename("staff_hours")
    extra = wide.join(hours, how="outer").fillna(0.0).reset_index()
    merged = frame.drop(columns=[*wide.columns, "staff_hours"]).merge(extra, on=index, how="outer")
    for column in COST_COLUMNS:
        merged[column] = merged[column].fillna(0.0) if column in merged else 0.0
    return merged.sort_values(index).reset_index(drop=True)
