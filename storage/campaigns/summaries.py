"""Keeping metric_summaries (models.MetricSummary) equal to the daily rows they sum.

Every write to daily_metrics (an import, a `/kpi log`, a merge, a delete) calls `refresh`
in its own transaction with the campaigns and days it touched: the week, month and year
buckets holding those days are summed again from the rows, in SQL. Recomputing (rather than adding
differences) keeps a counter that no row reports NULL, and is exact for NUMERIC columns.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    case,
    cast,
    delete,
    func,
    literal,
    select,
)
from sqlalchemy.types import Date, String

from kpi.counters import COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH
from storage.models import DailyMetric, MetricSummary

#: "w": a week from Monday; "m": a calendar month; "y": a calendar year.
GRAINS = ("w", "m", "y")
_DAILY = DailyMetric.__table__.c
#: The table itself (the counters are mapped from COUNTERS, so columns are read by name).
SUMMARY: Table = typing.cast(Table, MetricSummary.__table__)


def bucket_of(grain: str, day: dt.date) -> dt.date:
    """The first day of the week ("w"), month ("m") or year ("y") holding `day`."""
    if grain == "w":
        return day - dt.timedelta(days=day.weekday())
    if grain == "y":
        return day.replace(month=1, day=1)
    return day.replace(day=1)


def bucket_after(grain: str, first: dt.date) -> dt.date:
    """The first day of the bucket after the one starting on `first`."""
    if grain == "w":
        return first + dt.timedelta(days=7)
    if grain == "y":
        return first.replace(year=first.year + 1)
    return (first + dt.timedelta(days=32)).replace(day=1)


def bucket_sql(dialect: str, grain: str, day: Any) -> ColumnElement[Any]:
    """`bucket_of` in SQL (SQLite keeps dates as ISO text)."""
    if dialect == "sqlite":
        modifiers = {"w": ("-6 days", "weekday 1"), "m": ("start of month",)}
        return func.date(day, *modifiers.get(grain, ("start of year",)))
    unit = {"w": "week", "m": "month"}.get(grain, "year")
    return cast(func.date_trunc(unit, day), Date)


def summed(
    dialect: str,
    grain: str,
    source: Table | None = None,
    counters: Collection[str] = COUNTERS,
) -> Any:
    """The summary rows of `grain` as a SELECT over daily_metrics (filtered by the caller),
    or over `source`, a table with daily_metrics' columns (an import's staged rows). Only
    `counters` are summed (the others are left out: NULL in a new summary row)."""
    src = _DAILY if source is None else source.c
    reach = src["reach"]
    partner = func.coalesce(*(src[c] for c in REACH_PARTNERS)).is_not(None)
    bucket = bucket_sql(dialect, grain, src["day"])
    columns: list[Any] = [
        src["campaign_id"].label("campaign_id"),
        literal(grain, String(1)).label("grain"),
        bucket.label("bucket"),
        src["platform"].label("platform"),
        func.count().label("rows"),
        func.min(src["day"]).label("first_day"),
        func.max(func.coalesce(src["day_end"], src["day"])).label("last_day"),
        func.count(reach).label("reach_rows"),
        func.sum(case((and_(reach.is_(None), partner), 1), else_=0)).label(ROWS_WITHOUT_REACH),
        *(func.sum(src[c]).label(c) for c in COUNTERS if c in counters),
        *(
            func.sum(case((reach.is_not(None), src[c]), else_=None)).label(column)
            for c, column in WITH_REACH.items()
            if c in counters and "reach" in counters
        ),
    ]
    return select(*columns).group_by(src["campaign_id"], bucket, src["platform"])


def refresh(conn: Connection, campaign_ids: Collection[int], first: dt.date, last: dt.date) -> None:
    """Sum again every bucket of these campaigns that holds a day in [first, last]."""
    if not campaign_ids:
        return
    dialect = conn.dialect.name
    ids = sorted(campaign_ids)
    for grain in GRAINS:
        lo, hi = bucket_of(grain, first), bucket_after(grain, bucket_of(grain, last))
        conn.execute(
            delete(SUMMARY).where(
                SUMMARY.c.campaign_id.in_(ids),
                SUMMARY.c.grain == grain,
                SUMMARY.c.bucket >= lo,
                SUMMARY.c.bucket < hi,
            )
        )
        rows = summed(dialect, grain).where(
            _DAILY["campaign_id"].in_(ids), _DAILY["day"] >= lo, _DAILY["day"] < hi
        )
        names = [c.name for c in rows.selected_columns]
        conn.execute(SUMMARY.insert().from_select(names, rows))


def refresh_all(conn: Connection) -> None:
    """Sum every bucket again from every row (the migration's backfill)."""
    dialect = conn.dialect.name
    conn.execute(delete(SUMMARY))
    for grain in GRAINS:
        rows = summed(dialect, grain)
        names = [c.name for c in rows.selected_columns]
        conn.execute(SUMMARY.insert().from_select(names, rows))


def forget(conn: Connection, campaign_ids: Collection[int]) -> None:
    """Drop the buckets of these campaigns (their rows are gone or moved)."""
    conn.execute(delete(SUMMARY).where(SUMMARY.c.campaign_id.in_(sorted(campaign_ids))))
