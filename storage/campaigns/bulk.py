"""One import's writes, chunk by chunk, in one transaction: rows are upserted as each chunk
is read (campaign ids resolved once and kept), and at the end the summaries of every
touched campaign and bucket are summed again from the rows (exact under overwrites), the
campaigns are stamped, and the transaction is committed — or rolled back, when the import
is refused or only tried (dry run), leaving the database as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import TracebackType

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from kpi.counters import MONEY_COUNTERS
from storage.campaigns import summaries, upsert
from storage.campaigns.frame_rows import FrameRows
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
        self.before = upsert.count_rows(self.conn, team_id)

    def __enter__(self) -> BulkUpsert:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
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
            self.ids.update(ensure_campaigns(self.session, self.team_id, new))
            self.wanted.update(new)
        counters = upsert.counters_in(rows)
        self.counters.update(counters)
        self.changed += upsert.write_rows(self.conn, rows, self.ids, counters)
        self.rows += len(rows)
        first, last = upsert.day_span(rows)
        if first is not None and last is not None:
            self.first = min(first, self.first or first)
            self.last = max(last, self.last or last)

    def finish(self, *, commit: bool) -> UpsertStats:
        """What the writes changed; committed (summaries summed again, campaigns stamped)
        when `commit`, else rolled back."""
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
        if self.changed and self.first is not None and self.last is not None:
            summaries.refresh(self.conn, ids.values(), self.first, self.last)
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
