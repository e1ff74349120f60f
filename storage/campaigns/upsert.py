"""The import fast path: one INSERT ... ON CONFLICT DO UPDATE, executemany on the DBAPI
cursor, one transaction. Building ORM objects for a million rows would cost more than the
database work itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Insert, MetaData, Table, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from kpi.counters import COUNTERS
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.records import MetricRow
from storage.models import Base, Campaign, DailyMetric

BATCH = 50_000


def upsert_sql(dialect: str, counters: Sequence[str], *, day_end: bool = True) -> str:
    """A NULL in the new row means "not reported": the stored number is kept. Without
    `day_end` (files that hold no period totals) the column keeps its default, NULL. A row
    whose numbers are all as stored is not written (so the rows written, counted by the
    cursor, are the rows inserted or changed)."""
    mark = "?" if dialect == "sqlite" else "%s"
    differs = "IS NOT" if dialect == "sqlite" else "IS DISTINCT FROM"  # NULL-safe
    columns = ["campaign_id", "day", *(["day_end"] if day_end else []), "platform", *counters]
    updates = (["day_end = excluded.day_end"] if day_end else []) + [
        f"{c} = COALESCE(excluded.{c}, daily_metrics.{c})" for c in counters
    ]
    changed = ([f"excluded.day_end {differs} daily_metrics.day_end"] if day_end else []) + [
        f"(excluded.{c} IS NOT NULL AND excluded.{c} {differs} daily_metrics.{c})" for c in counters
    ]
    return (
        f"INSERT INTO daily_metrics ({', '.join(columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))}) "
        f"ON CONFLICT (campaign_id, day, platform) DO UPDATE SET {', '.join(updates)}"
        + (f" WHERE {' OR '.join(changed)}" if changed else " WHERE false")
    )


def counters_in(rows: Sequence[MetricRow]) -> list[str]:
    """The counters any row reports, in COUNTERS order: only these columns are written."""
    if isinstance(rows, FrameRows):
        return [c for c in COUNTERS if c in rows.counters]
    seen: set[str] = set()
    seen.update(*[row.counters for row in rows])  # one C-level pass over every row's keys
    return [c for c in COUNTERS if c in seen]


#: Called once FrameRows are upserted: with the table they were staged in (PostgreSQL,
#: still there) or None (SQLite, written straight from the columns).
AfterWrite = Callable[[Table | None], None]


def write_rows(
    conn: Connection,
    rows: Sequence[MetricRow],
    ids: dict[str, int],
    counters: Sequence[str],
    after: AfterWrite | None = None,
) -> int:
    """Upsert `rows` (campaign slugs resolved through `ids`) in batches of BATCH, inside the
    connection's transaction; the rows inserted or changed. This is the import's per-row
    cost: one comprehension, no per-row branches or method calls beyond reading the row.
    `after` (FrameRows only) runs once they are written."""
    if isinstance(rows, FrameRows):
        return _write_frame(conn, rows, ids, counters, after)
    sql = upsert_sql(conn.dialect.name, counters)
    days: dict[dt.date | None, Any] = {None: None}
    for row in rows:  # a few hundred distinct days per file: format each once
        days[row.day] = days[row.day_end] = None
    # SQLite keeps dates as ISO text (SQLAlchemy's format); psycopg takes date objects.
    as_text = conn.dialect.name == "sqlite"
    days = {d: (d.isoformat() if as_text else d) if d else None for d in days}
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    written = 0
    try:
        for first in range(0, len(rows), BATCH):
            cursor.executemany(sql, [
                (ids[r.campaign], days[r.day], days[r.day_end], r.platform,
                 *map(r.counters.get, counters))
                for r in rows[first : first + BATCH]
            ])  # fmt: skip
            written += max(cursor.rowcount, 0)
    finally:
        cursor.close()
    return written


def _write_frame(
    conn: Connection,
    rows: FrameRows,
    ids: dict[str, int],
    counters: Sequence[str],
    after: AfterWrite | None,
) -> int:
    """Column-held rows straight into tuples, batch by batch (PostgreSQL: COPY, see
    `_copy_frame`)."""
    if conn.dialect.name == "postgresql":
        return _copy_frame(conn, rows, ids, counters, after)
    sql = upsert_sql(conn.dialect.name, counters, day_end=False)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    as_text = conn.dialect.name == "sqlite"
    written = 0
    try:
        for first in range(0, len(rows), BATCH):
            stop = min(first + BATCH, len(rows))
            cursor.executemany(
                sql, rows.tuples(ids, counters, as_text=as_text, start=first, stop=stop)
            )
            written += max(cursor.rowcount, 0)
    finally:
        cursor.close()
    if after is not None:
        after(None)
    return written


#: Where PostgreSQL stages an import's chunk: daily_metrics' columns and types (so a number
#: is rounded to its column as it is copied in, and sums over the staged rows are the sums
#: of the rows as stored), no keys; dropped at the end of the chunk or the transaction.
STAGED = Table(
    "kpibot_incoming",
    MetaData(),
    *(Column(c.name, c.type) for c in DailyMetric.__table__.columns if c.name != "id"),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def _copy_frame(
    conn: Connection,
    rows: FrameRows,
    ids: dict[str, int],
    counters: Sequence[str],
    after: AfterWrite | None,
) -> int:
    """PostgreSQL: `copy_staged` of the rows' COPY text, formatted BATCH rows at a time."""
    return copy_staged(conn, copy_blocks(rows, ids, counters), counters, after)


def copy_blocks(rows: FrameRows, ids: Mapping[str, int], counters: Sequence[str]) -> list[bytes]:
    """The rows as COPY text (campaign_id, day, platform, *counters), BATCH rows a block (so
    the formatting's lists of strings stay small)."""
    return [
        rows.copy_text(ids, counters, start=first, stop=min(first + BATCH, len(rows)))
        for first in range(0, len(rows), BATCH)
    ]


def copy_staged(
    conn: Connection,
    blocks: Iterable[bytes],
    counters: Sequence[str],
    after: Callable[[Table], None] | None = None,
) -> int:
    """PostgreSQL: COPY the text `blocks` into a temporary table (STAGED), then one
    INSERT … SELECT … ON CONFLICT with the same rules as `upsert_sql` (a file never holds
    one key twice: the readers refuse repeats); the rows inserted or changed. `after` runs
    while the staged rows are still there."""
    names = ["campaign_id", "day", "platform", *counters]
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor: Any = raw.cursor()
    try:
        cursor.execute("DROP TABLE IF EXISTS kpibot_incoming")
        cursor.execute(str(CreateTable(STAGED).compile(dialect=conn.dialect)))
        with cursor.copy(f"COPY kpibot_incoming ({', '.join(names)}) FROM STDIN") as copy:
            for block in blocks:
                copy.write(block)
        values = upsert_sql("postgresql", counters, day_end=False)
        head, tail = values.split(" VALUES ", 1)
        conflict = tail[tail.index(" ON CONFLICT") :]
        cursor.execute(f"{head} SELECT {', '.join(names)} FROM kpibot_incoming{conflict}")
        written = max(cursor.rowcount, 0)
        if after is not None:
            after(STAGED)
        cursor.execute("DROP TABLE kpibot_incoming")
    finally:
        cursor.close()
    return int(written)


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
    if isinstance(rows, FrameRows):
        return rows.span()
    if not rows:
        return None, None
    first = min(row.day for row in rows)
    last = max(row.day_end or row.day for row in rows)
    return first, last
