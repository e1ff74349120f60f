"""Summary buckets added to, not summed again, for an import written chunk by chunk.

Summing a bucket again from the daily rows (storage.campaigns.summaries.refresh) is exact
but reads every row of it; for a million new rows that costs more than writing them. So a
chunk's campaigns are split in two. A campaign whose stored rows grew by exactly the
chunk's rows of it overwrote nothing: the chunk's own sums per bucket are added to the
buckets (`ON CONFLICT … DO UPDATE` adding each column; a bucket not there yet is inserted),
which is what summing them again would give. Any other campaign (a key of it was stored
already, whether the row changed or not) is left to `refresh` at the end of the import.

The sums of the chunk are those `summaries.summed` makes: on PostgreSQL in SQL over the
staged rows (typed as daily_metrics, so NUMERIC sums are exact), on SQLite from the chunk's
columns with pandas (counts as int64, exact; money as float, as SQLite keeps it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Table, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH
from storage.campaigns import summaries
from storage.campaigns.frame_rows import FrameRows
from storage.models import DailyMetric

_KEY = ("campaign_id", "grain", "bucket", "platform")
_ADDED = ("rows", "reach_rows", ROWS_WITHOUT_REACH)
_BASE = (*_ADDED, "first_day", "last_day")
_SUMS = (*COUNTERS, *WITH_REACH.values())
#: Every column a summary row is written with, in this order.
COLUMNS = (*_KEY, "rows", "first_day", "last_day", "reach_rows", ROWS_WITHOUT_REACH, *_SUMS)
_DAILY = DailyMetric.__table__.c


def chunk_counts(rows: FrameRows, ids: Mapping[str, int]) -> dict[int, int]:
    """How many of the chunk's rows each campaign (by id) has."""
    return {ids[slug]: n for slug, n in Counter(rows.campaigns).items()}


def stored_counts(conn: Connection, campaign_ids: Collection[int]) -> dict[int, int]:
    """How many daily rows each of these campaigns has stored (read off the unique index)."""
    if not campaign_ids:
        return {}
    query = (
        select(_DAILY["campaign_id"], func.count())
        .where(_DAILY["campaign_id"].in_(sorted(campaign_ids)))
        .group_by(_DAILY["campaign_id"])
    )
    return {int(cid): int(n) for cid, n in conn.execute(query)}


def only_new(
    before: Mapping[int, int], after: Mapping[int, int], chunk: Mapping[int, int]
) -> set[int]:
    """The campaigns every row of which the chunk inserted (none overwrote a stored key)."""
    return {c for c, n in chunk.items() if after.get(c, 0) - before.get(c, 0) == n}


def _sets(dialect: str) -> dict[str, str]:
    """The ON CONFLICT assignments that add the new bucket's sums to the stored one (a
    counter NULL on one side keeps the other's; NULL on both stays NULL)."""
    low, high = ("min", "max") if dialect == "sqlite" else ("least", "greatest")
    table, new = "metric_summaries", "excluded"
    sets: dict[str, str] = {c: f"{table}.{c} + {new}.{c}" for c in _ADDED}
    sets["first_day"] = f"{low}({table}.first_day, {new}.first_day)"
    sets["last_day"] = f"{high}({table}.last_day, {new}.last_day)"
    for c in _SUMS:
        sets[c] = f"COALESCE({table}.{c} + {new}.{c}, {table}.{c}, {new}.{c})"
    return sets


def add_staged(
    conn: Connection, staged: Table, campaign_ids: Collection[int], counters: Collection[str]
) -> None:
    """PostgreSQL: the staged rows of these campaigns, summed per bucket in SQL, added (only
    the `counters` the rows report: the others stay as stored)."""
    if not campaign_ids:
        return
    every = _sets("postgresql")
    for grain in summaries.GRAINS:
        rows = summaries.summed("postgresql", grain, staged, counters).where(
            staged.c.campaign_id.in_(sorted(campaign_ids))
        )
        names = [c.name for c in rows.selected_columns]
        sets: dict[str, Any] = {c: literal_column(every[c]) for c in names if c in every}
        statement = pg_insert(summaries.SUMMARY).from_select(names, rows)
        conn.execute(statement.on_conflict_do_update(index_elements=list(_KEY), set_=sets))


def add_sql(dialect: str, columns: Sequence[str]) -> str:
    """The statement `add_frame` runs for each summary row of these `columns` (SQLite's
    placeholders; a column left out is NULL in a new bucket and kept in a stored one)."""
    every = _sets(dialect)
    sets = ", ".join(f"{c} = {every[c]}" for c in columns if c in every)
    return (
        f"INSERT INTO metric_summaries ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {sets}"
    )


def add_frame(
    conn: Connection, rows: FrameRows, ids: Mapping[str, int], campaign_ids: Collection[int]
) -> None:
    """SQLite: the chunk's rows of these campaigns, summed per bucket with pandas, added."""
    if not campaign_ids or not len(rows):
        return
    columns, values = frame_sums(rows, ids, campaign_ids)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.executemany(add_sql("sqlite", columns), values)
    finally:
        cursor.close()


def frame_sums(
    rows: FrameRows, ids: Mapping[str, int], campaign_ids: Collection[int]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Summary rows of the rows of these campaigns, as `summaries.summed` would sum them (a
    FrameRows row has no day_end; days as ISO text): the columns, then the rows. Only the
    counters the rows report are columns (binding a None costs sqlite3 far more than a
    number)."""
    codes, slugs = pd.factorize(np.asarray(rows.campaigns, dtype=object))
    cid = np.array([ids[s] for s in slugs], dtype=np.int64)[codes]
    keep = np.isin(cid, np.fromiter(campaign_ids, dtype=np.int64))
    days, day_names = pd.factorize(np.asarray(rows.days, dtype=object), sort=True)
    platform, platforms = pd.factorize(np.asarray(rows.platforms, dtype=object))
    frame = pd.DataFrame({"c": cid, "p": platform, "d": days})
    for name, values in rows.counters.items():
        frame[name] = pd.array(values, dtype="Float64" if name in DECIMAL_COUNTERS else "Int64")
    frame = frame[keep]
    reported = [c for c in COUNTERS if c in rows.counters]
    has_reach = frame["reach"].notna() if "reach" in frame else pd.Series(False, index=frame.index)
    partners = [c for c in REACH_PARTNERS if c in frame]
    partner = frame[partners].notna().any(axis=1) if partners else has_reach & False
    frame["_reach_rows"] = has_reach.astype(np.int64)
    frame["_without"] = (~has_reach & partner).astype(np.int64)
    with_reach = partners if "reach" in frame else []  # no reach: those sums stay NULL
    for c in with_reach:
        frame[WITH_REACH[c]] = frame[c].where(has_reach)
    summed = [*reported, *(WITH_REACH[c] for c in with_reach)]
    first_days = [dt.date.fromisoformat(d) for d in day_names]
    names = [c for c in COLUMNS if c in (*_KEY, *_BASE, *summed)]
    out: list[tuple[Any, ...]] = []
    for grain in summaries.GRAINS:
        starts = [summaries.bucket_of(grain, d).isoformat() for d in first_days]
        bucket, bucket_names = pd.factorize(np.asarray(starts, dtype=object))
        frame["b"] = bucket[frame["d"].to_numpy()]
        groups = frame.groupby(["c", "b", "p"], sort=False)
        base = groups.agg(
            rows=("d", "size"), first=("d", "min"), last=("d", "max"),
            reach_rows=("_reach_rows", "sum"), without=("_without", "sum"),
        )  # fmt: skip
        sums = groups[summed].sum(min_count=1) if summed else None
        keys = base.index.to_frame(index=False)
        columns: dict[str, list[Any]] = {
            "campaign_id": keys["c"].tolist(),
            "bucket": bucket_names[keys["b"].to_numpy()].tolist(),
            "platform": platforms[keys["p"].to_numpy()].tolist(),
            "rows": base["rows"].tolist(),
            "first_day": day_names[base["first"].to_numpy()].tolist(),
            "last_day": day_names[base["last"].to_numpy()].tolist(),
            "reach_rows": base["reach_rows"].tolist(),
            ROWS_WITHOUT_REACH: base["without"].tolist(),
        }
        for c in summed:
            assert sums is not None
            column = sums[c]
            columns[c] = column.astype(object).where(column.notna(), None).tolist()
        columns["grain"] = [grain] * len(base)
        out += zip(*(columns[c] for c in names), strict=True)
    return names, out
