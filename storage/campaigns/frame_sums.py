"""SQLite: a chunk's rows summed per summary bucket (campaign × grain × bucket × platform)
from its columns with numpy, and added to metric_summaries (storage.campaigns.deltas says
when adding is exact). The sums are those `summaries.summed` makes in SQL: rows, first and
last day, rows with reach and rows with a reach partner but no reach, each reported
counter (NULL when no row of the bucket reports it; counts summed as int64, exact; money
as float, as SQLite keeps it) and the partners summed over the rows with reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np
from sqlalchemy import Connection

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH
from storage.campaigns import summaries
from storage.campaigns.deltas import COLUMNS, add_sql
from storage.campaigns.frame_rows import FrameRows


def add_frame(
    conn: Connection, rows: FrameRows, ids: Mapping[str, int], campaign_ids: Collection[int]
) -> None:
    """The chunk's rows of these campaigns, summed per bucket, added to their buckets."""
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
    """Summary rows of the rows of these campaigns (a FrameRows row has no day_end; days
    as ISO text): the columns, then the rows. Only the counters the rows report are
    columns (binding a None costs sqlite3 far more than a number)."""
    campaigns, slugs = rows.coded("campaigns")
    cid = np.array([ids[s] for s in slugs.tolist()], dtype=np.int64)[campaigns]
    keep = np.isin(cid, np.fromiter(campaign_ids, dtype=np.int64))
    day_codes, day_values = rows.coded("days")
    platform, platforms = rows.coded("platforms")
    cid, day, platform = cid[keep], day_codes[keep], platform[keep]
    numbers = {c: rows.counters.array(c)[keep] for c in COUNTERS if c in rows.counters}
    reach = numbers.get("reach")
    has_reach = ~np.isnan(reach) if reach is not None else np.zeros(len(cid), dtype=bool)
    partners = [c for c in REACH_PARTNERS if c in numbers]
    partner = np.zeros(len(cid), dtype=bool)
    for c in partners:
        partner |= ~np.isnan(numbers[c])
    summed = dict(numbers)
    if reach is not None:  # without reach the partners' with-reach sums stay NULL
        summed.update({WITH_REACH[c]: np.where(has_reach, numbers[c], np.nan) for c in partners})
    per_row = {"reach_rows": has_reach, ROWS_WITHOUT_REACH: ~has_reach & partner}
    days = [dt.date.fromisoformat(d) for d in day_values.tolist()]
    names = [c for c in COLUMNS if c in ("campaign_id", "grain", "bucket", "platform", "rows",
             "first_day", "last_day", *per_row, *summed)]  # fmt: skip
    out: list[tuple[Any, ...]] = []
    if not len(cid):
        return names, out
    for grain in summaries.GRAINS:
        starts = np.array([summaries.bucket_of(grain, d).isoformat() for d in days], dtype=object)
        bucket_codes, buckets = _factorized(starts)
        key = (cid * (len(buckets) + 1) + bucket_codes[day]) * (len(platforms) + 1) + platform
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        edges = np.flatnonzero(np.concatenate(([True], sorted_key[1:] != sorted_key[:-1])))
        head = order[edges]  # each group's first row: its campaign, bucket and platform
        ordinal = np.argsort(np.argsort(day_values.astype(str)))[day][order]  # days by date
        columns: dict[str, list[Any]] = {
            "campaign_id": cid[head].tolist(),
            "grain": [grain] * len(edges),
            "bucket": buckets[bucket_codes[day[head]]].tolist(),
            "platform": platforms[platform[head]].tolist(),
            "rows": np.diff(np.append(edges, len(order))).tolist(),
            "first_day": _day_at(np.minimum.reduceat(ordinal, edges), day_values),
            "last_day": _day_at(np.maximum.reduceat(ordinal, edges), day_values),
        }
        for name, flags in per_row.items():
            columns[name] = np.add.reduceat(flags[order].astype(np.int64), edges).tolist()
        for name, values in summed.items():
            columns[name] = _sums(name, values[order], edges)
        out += zip(*(columns[c] for c in names), strict=True)
    return names, out


def _factorized(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of a small object array."""
    distinct, codes = np.unique(values.astype(str), return_inverse=True)
    return codes.astype(np.int64), distinct.astype(object)


def _day_at(ordinals: np.ndarray, day_values: np.ndarray) -> list[str]:
    """The ISO days of these ordinals (a day's rank among the chunk's days by date)."""
    by_date = day_values[np.argsort(day_values.astype(str))]
    listed: list[str] = by_date[ordinals].tolist()
    return listed


def _sums(name: str, values: np.ndarray, edges: np.ndarray) -> list[Any]:
    """Each group's sum of the values it reports (None when it reports none): counts as
    int64, money as float."""
    missing = np.isnan(values)
    filled = np.where(missing, 0.0, values)
    if name.removeprefix("with_reach_") in DECIMAL_COUNTERS:
        sums: np.ndarray = np.add.reduceat(filled, edges)
    else:
        sums = np.add.reduceat(filled.astype(np.int64), edges)
    reported = np.add.reduceat(~missing, edges) > 0
    if reported.all():
        listed: list[Any] = sums.tolist()
        return listed
    out = sums.astype(object)
    out[~reported] = None
    listed = out.tolist()
    return listed
