"""One sync of one connection: take its lease (one replica at a time), settle the window —
the look-back (Meta 28 days …) to yesterday in the account's time zone, from further back
when the first sync backfills or an earlier one stopped short — fetch it in chunks, store
each chunk in one transaction (storage.sync_store), record how it ended, and run the steps
that follow an import (the target check), and note what the platform says of the token's
expiry (bot.sync.expiry). A token the platform rejects stops the
connection until it is connected again; any other failure is retried an hour later. The
lease is kept by a heartbeat while the sync waits on the platform (bot.sync.lease); if
another process took it over all the same, the sync stops without storing another window."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.services import Services
from bot.sync.expiry import told_expiry
from bot.sync.lease import Heartbeat
from bot.sync.sources import source_for
from storage.connections import LEASE, ConnectionRec
from storage.errors import CurrencyMismatch, LeaseLost, PlatformError, TokenRejected, VaultError
from storage.rows import utcnow
from storage.sync.source import Source
from storage.sync_store import Restated, store_window

log = logging.getLogger(__name__)
#: Days per request and per transaction; a look-back window is one chunk.
CHUNK_DAYS = 90
RETRY_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Progress:
    done_days: int
    total_days: int
    rows: int


@dataclass
class SyncReport:
    connection: ConnectionRec
    since: dt.date | None = None
    until: dt.date | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    restated: list[Restated] = field(default_factory=list)
    removed: int = 0  # rows the platform no longer returns
    #: i18n key, its arguments and the platform's own words, when the sync failed
    error: tuple[str, dict[str, object], str] | None = None
    stopped: bool = False  # the token was rejected: no more syncs until connected again
    busy: bool = False  # another replica holds the lease: nothing was done
    nothing: bool = False  # the window is empty (already synced through yesterday)
    lost: bool = False  # another process took the lease over mid-sync: this one stopped

    @property
    def ok(self) -> bool:
        return self.error is None and not self.busy and not self.lost


def owner() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def yesterday(services: Services, conn: ConnectionRec) -> dt.date:
    tz = conn.timezone or services.repo.ensure_workspace(conn.team_id).timezone
    return services.settings.today_in(tz) - dt.timedelta(days=1)


def window(
    services: Services, conn: ConnectionRec, source: Source, since: dt.date | None
) -> tuple[dt.date, dt.date]:
    until = yesterday(services, conn)
    if since is None:
        back = until - dt.timedelta(days=source.lookback_days - 1)
        if conn.synced_through is None:
            days = max(services.settings.sync_backfill_days, source.lookback_days)
            since = until - dt.timedelta(days=days - 1)
        else:
            since = min(back, conn.synced_through + dt.timedelta(days=1))
    return since, until


def chunks(since: dt.date, until: dt.date, size: int = CHUNK_DAYS) -> list[tuple[dt.date, dt.date]]:
    found = []
    start = since
    while start <= until:
        end = min(until, start + dt.timedelta(days=size - 1))
        found.append((start, end))
        start = end + dt.timedelta(days=1)
    return found


def next_run(services: Services, conn: ConnectionRec, now: dt.datetime) -> dt.datetime:
    """Tomorrow at KPIBOT_SYNC_HOUR in the account's time zone, plus this connection's own
    jitter (up to an hour, the same on every replica) so connections do not start at once."""
    zone = ZoneInfo(conn.timezone or "UTC")
    local = now.astimezone(zone)
    day = local.date() + dt.timedelta(days=1)
    at = dt.datetime.combine(day, dt.time(services.settings.sync_hour), tzinfo=zone)
    jitter = dt.timedelta(seconds=(conn.id * 7919) % 3600)
    return (at + jitter).astimezone(dt.UTC)


def _error(
    exc: PlatformError | VaultError | CurrencyMismatch,
) -> tuple[str, dict[str, object], str]:
    if isinstance(exc, PlatformError):
        return exc.key, dict(exc.args_), exc.detail
    if isinstance(exc, CurrencyMismatch):
        args: dict[str, object] = {
            "campaign": exc.campaign,
            "stored": exc.stored,
            "reported": exc.reported,
        }
        return "sync.error.currency", args, ""
    return "sync.error.vault", {}, str(exc)


def sync_connection(
    services: Services,
    conn: ConnectionRec,
    *,
    since: dt.date | None = None,
    progress: Callable[[Progress], None] | None = None,
    source: Source | None = None,
    lease: dt.timedelta = LEASE,
    heartbeat: float | None = None,
) -> SyncReport:
    """`lease` and `heartbeat` (seconds between renewals; a fifth of the lease when None)
    are shortened only by tests."""
    report = SyncReport(conn)
    store = services.connections
    me = owner()
    if not store.take_lease(conn.id, me, lease=lease):
        report.busy = True
        return report
    try:
        with Heartbeat(store, conn.id, me, lease, heartbeat) as beat:
            _run(services, conn, report, source, since, progress, (me, lease), beat)
    except LeaseLost:
        report.lost = True
        log.warning("sync of connection %s stopped: another process took it over", conn.id)
    except TokenRejected as exc:
        report.error, report.stopped = _error(exc), True
        store.record(conn.id, status="stopped", error=_stored(report), stopped=exc.key)
    except (PlatformError, VaultError, CurrencyMismatch) as exc:
        report.error = _error(exc)
        log.warning("sync of connection %s failed: %s", conn.id, report.error[0])
        store.record(
            conn.id, status="failed", error=_stored(report), next_run_at=utcnow() + RETRY_AFTER
        )
    finally:
        store.release(conn.id, me)
    if report.inserted or report.updated or report.removed:
        for step in services.features.after_import:  # e.g. the target check
            step(services, conn.team_id)
    return report


def _run(
    services: Services,
    conn: ConnectionRec,
    report: SyncReport,
    source: Source | None,
    since: dt.date | None,
    progress: Callable[[Progress], None] | None,
    lease: tuple[str, dt.timedelta],
    beat: Heartbeat,
) -> None:
    """The sync itself, while `beat` keeps the lease; LeaseLost as soon as it is lost."""
    store = services.connections
    source = source or source_for(services, conn)
    report.since, report.until = window(services, conn, source, since)
    parts = chunks(report.since, report.until)
    report.nothing = not parts
    total = sum((b - a).days + 1 for a, b in parts)
    done = 0
    services.repo.ensure_workspace(conn.team_id)
    for first, last in parts:
        rows = source.fetch(first, last)
        if beat.lost.is_set():
            raise LeaseLost(conn.id)
        result = store_window(
            services.engine, conn.team_id, source.platform, source.row_platform, rows,
            window=(first, last), connection_id=conn.id, lease=lease,
        )  # fmt: skip
        report.rows += result.rows
        report.inserted += result.inserted
        report.updated += result.updated
        report.removed += result.removed
        report.restated.extend(result.restated)
        done += (last - first).days + 1
        store.record(conn.id, status="running", synced_through=last)
        if progress is not None:
            progress(Progress(done, total, report.rows))
    asked, expires_at = told_expiry(source)
    if beat.lost.is_set() or not store.renew_lease(conn.id, *lease):
        raise LeaseLost(conn.id)
    if asked:
        store.note_expiry(conn.id, expires_at)
    store.record(conn.id, status="ok", next_run_at=next_run(services, conn, utcnow()))


def _stored(report: SyncReport) -> str | None:
    if report.error is None:
        return None
    key, args, detail = report.error
    return json.dumps({"key": key, "args": {k: str(v) for k, v in args.items()}, "detail": detail})
