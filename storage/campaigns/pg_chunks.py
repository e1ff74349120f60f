"""PostgreSQL: an import's chunks written by one worker thread while the next chunk is read
and checked.

Almost all of a chunk's write on PostgreSQL is server time — the COPY into the staging
table, the INSERT … SELECT … ON CONFLICT (with daily_metrics' foreign-key check per row),
the grouped summary sums — during which psycopg waits without holding the GIL. So
`BulkUpsert` formats a chunk's COPY text, hands it to `ChunkWriter` and returns, and the
next chunk is parsed and checked meanwhile.

At most one chunk is in flight, and the connection is used by one thread at a time: every
other use of it (campaigns created, the final counts, commit, rollback) waits for the chunk
in flight first (`settle`). The writes stay in the import's one transaction; an error in
the worker is raised by the next `settle`, so the import fails as before and is rolled
back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from sqlalchemy import Connection, Table

from storage.campaigns import deltas, upsert

#: A chunk of 200,000 rows has some 30,000 week buckets: about 75 MB of sums to group.
WORK_MEM = "96MB"


@dataclass(frozen=True)
class Written:
    """One chunk written: the rows inserted or changed, the campaigns a stored key of which
    it hit (their buckets are summed again at the end) and the chunk's days."""

    changed: int
    resum: frozenset[int]
    first: dt.date
    last: dt.date


class ChunkWriter:
    """`submit` a chunk, `settle` before anything else uses the connection, `close` at the
    end (whatever happened)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpibot-import")
        self._pending: Future[Written] | None = None

    def submit(
        self,
        blocks: list[bytes],
        counters: Sequence[str],
        chunk: dict[int, int],
        span: tuple[dt.date, dt.date],
    ) -> None:
        """Start writing a chunk: its COPY text `blocks`, the counters it reports, its rows
        per campaign id (`deltas.chunk_counts`) and its first and last day."""
        assert self._pending is None, "settle() the chunk in flight first"
        self._pending = self._pool.submit(write_chunk, self.conn, blocks, counters, chunk, span)

    def settle(self) -> Written | None:
        """Wait for the chunk in flight (raising its error); None when there is none."""
        pending, self._pending = self._pending, None
        return None if pending is None else pending.result()

    def close(self) -> None:
        """Wait for the chunk in flight without raising (the import is over either way) and
        stop the thread."""
        pending, self._pending = self._pending, None
        if pending is not None:
            wait([pending])
        self._pool.shutdown()


def write_chunk(
    conn: Connection,
    blocks: list[bytes],
    counters: Sequence[str],
    chunk: dict[int, int],
    span: tuple[dt.date, dt.date],
) -> Written:
    """Upsert one chunk through the staging table; the campaigns that only gained rows get
    the chunk's sums added to their buckets (storage.campaigns.deltas)."""
    # The summary sums group a chunk in memory (a hash) instead of sorting it on disk, as
    # the default 4 MB would; for this transaction only.
    conn.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
    before = deltas.stored_counts(conn, chunk)
    resum: set[int] = set()

    def add_sums(staged: Table) -> None:
        new = deltas.only_new(before, deltas.stored_counts(conn, chunk), chunk)
        deltas.add_staged(conn, staged, new, counters)
        resum.update(chunk.keys() - new)

    changed = upsert.copy_staged(conn, blocks, counters, add_sums)
    return Written(changed, frozenset(resum), *span)
