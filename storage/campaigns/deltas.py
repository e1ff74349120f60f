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
columns with numpy (storage.campaigns.frame_sums: counts as int64, exact; money as float,
as SQLite keeps it).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from kpi.counters import COUNTERS
from kpi.reach import ROWS_WITHOUT_REACH, WITH_REACH
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
    codes, slugs = rows.coded("campaigns")
    counts = np.bincount(codes, minlength=len(slugs)).tolist()
    return {ids[slug]: n for slug, n in zip(slugs.tolist(), counts, strict=True) if n}


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
