"""Keeping a sync's lease while it waits: Meta's async report runs (polled up to 30 minutes)
and retry backoff (up to 5 minutes a time) can outlast the 15-minute lease that the sync
renews after each stored chunk. A heartbeat thread renews it every few minutes while the
sync runs — only while this owner still holds it (a conditional UPDATE) — and notes when
another process has taken it over; the sync then stops before its next window is stored
(storage.sync_store renews the lease in that window's own transaction, so a window is never
half written by a process that lost it)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from types import TracebackType

from storage.connections import LEASE, Connections

log = logging.getLogger(__name__)


class Heartbeat:
    """Renews `owner`'s lease on a connection every `every` seconds (a fifth of the lease
    by default: three minutes of fifteen) until stopped; `lost` is set when a renewal finds
    the lease held by another process."""

    def __init__(
        self,
        store: Connections,
        connection_id: int,
        owner: str,
        lease: dt.timedelta = LEASE,
        every: float | None = None,
    ) -> None:
        self.store = store
        self.connection_id = connection_id
        self.owner = owner
        self.lease = lease
        self.every = every if every is not None else lease.total_seconds() / 5
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"sync-lease-{connection_id}", daemon=True
        )

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                held = self.store.renew_lease(self.connection_id, self.owner, self.lease)
            except Exception:  # the database away for a moment: try again next beat
                log.warning("renewing the sync lease of connection %s failed", self.connection_id)
                continue
            if not held:
                log.warning("connection %s: the sync lease was taken over", self.connection_id)
                self.lost.set()
                return

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
