"""One import's writes, chunk by chunk, in one transaction: rows are upserted as each chunk
is read (campaign ids resolved once and kept); a chunk's campaigns that only gained new
rows get the chunk's sums added to their summary buckets (storage.campaigns.deltas), and
at the end the buckets of every campaign that had a row overwritten are summed again from
the rows (exact under overwrites), the campaigns are stamped, and the transaction is
committed — or rolled back, when the import is refused or only tried (dry run), leaving
the database as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import TracebackType

from sqlalchemy import Engine, Table, update
from sqlalchemy.orm import Session

from kpi.counters import MONEY_COUNTERS
from storage.campaigns import deltas, frame_sums, summaries, upsert
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.pg_chunks import ChunkWriter
from storage.campaigns.records import MetricRow, UpsertStats
from storage.campaigns.repo import ensure_campaigns
from storage.models import Campaign
from storage.rows import utcnow
from storage.workspaces import ensure_workspace


class BulkUpsert:
    """`with BulkUpsert(engine, team) as bulk: bulk.write(rows)...; bulk.finish(commit=…)`.
    Leaving the block without `finish` rolls everything back."""

    def __init__(self, engine: Engine, team_id: str, *, currency: str | None = None) -> None:
        self.team_id = team_id
        self.currency = currency
        self.default_currency = ensure_workspace(engine, team_id).currency
        self.session = Session(engine)
        self.conn = self.session.connection()
        self.ids: dict[str, int] = {}
        self.wanted: dict[str, tuple[str | None, str | None]] = {}
        self.counters: set[str] = set()
        self.rows = self.changed = 0
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        # Campaigns one of whose keys was stored before this import: their buckets over
        # [resum_first, resum_last] are summed again from the rows at the end (the other
        # campaigns' chunks added their own sums, storage.campaigns.deltas).
        self.resum: set[int] = set()
        self.resum_first: dt.date | None = None
        self.resum_last: dt.date | None = None
        self.before = upsert.count_rows(self.conn, team_id)
        # PostgreSQL writes a chunk while the next one is read (storage.campaigns.pg_chunks).
        pg = self.conn.dialect.name == "postgresql"
        self.writer = ChunkWriter(self.conn) if pg else None

    def __enter__(self) -> BulkUpsert:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.writer is not None:
            self.writer.close()  # the connection is free again
        self.session.close()  # rolls back whatever `finish` did not commit

    def write(self, rows: Sequence[MetricRow]) -> None:
        """Upsert these rows (creating their missing campaigns) inside the transaction."""
        new: dict[str, tuple[str | None, str | None]] = {}
        if isinstance(rows, FrameRows):
            names = rows.campaign_names()
            new = {s: (n, self.currency) for s, n in names.items() if s not in self.wanted}
        else:
            for row in rows:
                if row.campaign not in self.wanted and row.campaign not in new:
                    new[row.campaign] = (row.campaign_name, row.currency or self.currency)
        if new:
            self._drain()
            self.ids.update(ensure_campaigns(self.session, self.team_id, new))
            self.wanted.update(new)
        counters = upsert.counters_in(rows)
        self.counters.update(counters)
        first, last = upsert.day_span(rows)
        if first is None or last is None:
            return
        self.rows += len(rows)
        self.first = min(first, self.first or first)
        self.last = max(last, self.last or last)
        if isinstance(rows, FrameRows) and self.writer is not None:
            blocks = upsert.copy_blocks(rows, self.ids, counters)  # while the server works
            self._drain()
            self.writer.submit(blocks, counters, deltas.chunk_counts(rows, self.ids), (first, last))
            return
        self._drain()
        if not isinstance(rows, FrameRows):  # a few rows (a log, a sync): summed again
            written = upsert.write_rows(self.conn, rows, self.ids, counters)
            if written:
                self._resum({self.ids[row.campaign] for row in rows}, first, last)
            self.changed += written
            return
        chunk = deltas.chunk_counts(rows, self.ids)
        before = deltas.stored_counts(self.conn, chunk)

        def add_sums(staged: Table | None) -> None:
            new = deltas.only_new(before, deltas.stored_counts(self.conn, chunk), chunk)
            if staged is not None:
                deltas.add_staged(self.conn, staged, new, counters)
            else:
                frame_sums.add_frame(self.conn, rows, self.ids, new)
            self._resum(chunk.keys() - new, first, last)

        self.changed += upsert.write_rows(self.conn, rows, self.ids, counters, add_sums)

    def _drain(self) -> None:
        """Wait for the chunk PostgreSQL is writing, and count it in."""
        done = self.writer.settle() if self.writer is not None else None
        if done is not None:
            self.changed += done.changed
            self._resum(set(done.resum), done.first, done.last)

    def _resum(self, campaign_ids: set[int], first: dt.date, last: dt.date) -> None:
        """These campaigns' buckets over [first, last] are summed again at the end."""
        if campaign_ids:
            self.resum.update(campaign_ids)
            self.resum_first = min(first, self.resum_first or first)
            self.resum_last = max(last, self.resum_last or last)

    def finish(self, *, commit: bool) -> UpsertStats:
        """What the writes changed; committed (summaries summed again, campaigns stamped)
        when `commit`, else rolled back."""
        self._drain()
        after = upsert.count_rows(self.conn, self.team_id)
        if commit:
            self._settle()
            self.session.commit()
        else:
            self.session.rollback()
        inserted = after - self.before
        return UpsertStats(
            inserted,
            self.changed - inserted,
            tuple(sorted(self.ids)),
            self.first,
            self.last,
            self.rows - self.changed,
        )

    def _settle(self) -> None:
        ids = self.ids
        if self.resum and self.resum_first is not None and self.resum_last is not None:
            summaries.refresh(self.conn, self.resum, self.resum_first, self.resum_last)
        if not ids:
            return
        mine = (Campaign.team_id == self.team_id, Campaign.id.in_(ids.values()))
        self.session.execute(update(Campaign).where(*mine).values(last_import_at=utcnow()))
        # A campaign's currency is fixed when money is first stored for it: the file's,
        # else the workspace default (so changing the default later never relabels these
        # figures). Campaigns without money yet stay open.
        default = self.default_currency if MONEY_COUNTERS & self.counters else None
        by_currency: dict[str, list[int]] = {}
        for slug, (_name, code) in self.wanted.items():
            if currency := code or default:
                by_currency.setdefault(currency, []).append(ids[slug])
        for code, some in by_currency.items():
            self.session.execute(
                update(Campaign)
                .where(Campaign.id.in_(some), Campaign.currency.is_(None))
                .values(currency=code)
            )
