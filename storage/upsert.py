"""The import fast path: one INSERT ... ON CONFLICT DO UPDATE, executemany on the DBAPI
cursor, one transaction. Building ORM objects for a million rows would cost more than the
database work itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Insert, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kpi.counters import COUNTERS
from storage.models import Base, Campaign, DailyMetric
from storage.records import MetricRow

BATCH = 50_000


def upsert_sql(dialect: str, counters: Sequence[str]) -> str:
    """A NULL in the new row means "not reported": the stored number is kept."""
    mark = "?" if dialect == "sqlite" else "%s"
    columns = ["campaign_id", "day", "day_end", "platform", *counters]
    updates = ["day_end = excluded.day_end"] + [
        f"{c} = COALESCE(excluded.{c}, daily_metrics.{c})" for c in counters
    ]
    return (
        f"INSERT INTO daily_metrics ({', '.join(columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))}) "
        f"ON CONFLICT (campaign_id, day, platform) DO UPDATE SET {', '.join(updates)}"
    )


def counters_in(rows: Iterable[MetricRow]) -> list[str]:
    seen: set[str] = set()
    for row in rows:
        seen.update(row.counters)
        if len(seen) == len(COUNTERS):
            break
    return [c for c in COUNTERS if c in seen]


def write_rows(
    conn: Connection, rows: Sequence[MetricRow], ids: dict[str, int], counters: Sequence[str]
) -> None:
    dialect = conn.dialect.name
    sql = upsert_sql(dialect, counters)
    as_text = dialect == "sqlite"  # SQLite keeps dates as ISO text (SQLAlchemy's format)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            values = row.counters
            day: Any = row.day.isoformat() if as_text else row.day
            end: Any = row.day_end
            if end is not None and as_text:
                end = end.isoformat()
            batch.append(
                (ids[row.campaign], day, end, row.platform, *[values.get(c) for c in counters])
            )
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    finally:
        cursor.close()


def count_rows(conn: Connection, team_id: str) -> int:
    """Rows the workspace holds: counted before and after an upsert, the difference is what
    it inserted (cheaper than asking the database row by row)."""
    query = (
        select(func.count())
        .select_from(DailyMetric)
        .join(Campaign, Campaign.id == DailyMetric.campaign_id)
        .where(Campaign.team_id == team_id)
    )
    return int(conn.execute(query).scalar_one())


def insert_ignoring(session: Session, model: type[Base], keys: Sequence[str]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO NOTHING in the session's dialect."""
    insert: Any = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement: Insert = insert(model).on_conflict_do_nothing(index_elements=list(keys))
    return statement


def day_span(rows: Sequence[MetricRow]) -> tuple[dt.date | None, dt.date | None]:
    if not rows:
        return None, None
    first = min(row.day for row in rows)
    last = max(row.day_end or row.day for row in rows)
    return first, last
