# ruff: noqa: F811  (the fixtures services and meta come from test_runner)
"""The sync lease is kept while the platform is slow (Meta's report polling, retry backoff)
and a sync whose lease was taken over stops without committing the window it fetched —
on SQLite and PostgreSQL, with a lease of seconds instead of 15 minutes. The slow platform
is the loopback fake Meta behind a source that waits before each fetch (as a long report
run or a backoff does); the waits are real, the lease is real rows in `connections`."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence

from sqlalchemy import select

from bot.services import Services
from bot.sync import texts
from bot.sync.runner import SyncReport, sync_connection
from bot.sync.sources import make_source
from storage.models import Connection
from storage.sync.source import AccountInfo, Source
from storage.sync_store import SyncedRow
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.bot.sync.test_runner import (  # noqa: F401 (fixtures meta, services)
    ACT,
    EXPECTED,
    TEAM,
    connect,
    meta,
    services,
    stored,
)
from tests.fake_meta import FakeMeta

LEASE = dt.timedelta(seconds=3)


class SlowPlatform:
    """The fake Meta, with `wait()` run before each fetch (the time a report run takes)."""

    def __init__(self, inner: Source, wait: Callable[[], None]) -> None:
        self.inner, self.wait = inner, wait
        self.platform, self.row_platform = inner.platform, inner.row_platform
        self.lookback_days = inner.lookback_days

    def check(self) -> AccountInfo:
        return self.inner.check()

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]:
        self.wait()
        return self.inner.fetch(since, until)

    def token_expiry(self) -> dt.datetime | None:
        return self.inner.token_expiry()


def run(services: Services, conn_id: int, wait: Callable[[], None], beat: float) -> SyncReport:
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None
    inner = make_source(services.settings, "meta", ACT, {"token": "EAAB-test-token"},
                        sleep=lambda s: None)  # fmt: skip
    return sync_connection(
        services, conn, source=SlowPlatform(inner, wait), lease=LEASE, heartbeat=beat
    )


def holder(services: Services, conn_id: int) -> str | None:
    with services.engine.connect() as db:
        return db.execute(select(Connection.lease_owner).where(Connection.id == conn_id)).scalar()


def test_a_slow_platform_keeps_the_lease(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    claims: list[bool] = []

    def slow() -> None:
        # 4 s in, the 3 s lease taken at the start would have run out without the heartbeat
        # (renewing every 0.3 s): a second replica asking now must be refused.
        time.sleep(4.0)
        claims.append(services.connections.take_lease(conn_id, "other-replica", lease=LEASE))
        time.sleep(1.0)

    report = run(services, conn_id, slow, beat=0.3)
    assert claims == [False]
    assert report.ok and not report.lost
    assert stored(services) == EXPECTED  # the window was stored (values in test_runner)
    assert holder(services, conn_id) is None  # released at the end
    assert services.connections.take_lease(conn_id, "other-replica", lease=LEASE)


def test_a_renewal_after_a_takeover_stops_the_sync(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)

    def taken_over() -> None:
        # Another replica takes the connection (as if our lease had run out, an hour on);
        # the next heartbeat (every 0.2 s) finds the lease lost before the fetch returns.
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        assert services.connections.take_lease(conn_id, "other-replica", now=later, lease=LEASE)
        time.sleep(1.5)

    report = run(services, conn_id, taken_over, beat=0.2)
    assert report.lost and not report.ok and report.error is None
    assert stored(services) == {}  # the fetched window was not stored
    assert holder(services, conn_id) == "other-replica"  # its lease is left alone
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.synced_through is None and conn.last_status != "ok"
    assert texts.report_lines(report, "en") == [
        "Meta *Acme*: another kpibot process took this sync over, so this one stopped; "
        "every part it finished is saved, nothing half-done."
    ]
    assert texts.report_lines(report, "nl")[0].startswith(
        "Meta *Acme*: een ander kpibot-proces heeft deze synchronisatie overgenomen"
    )


def test_a_takeover_between_beats_commits_nothing(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)

    def taken_over() -> None:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        assert services.connections.take_lease(conn_id, "other-replica", now=later, lease=LEASE)

    # No heartbeat comes (one an hour): the window's own transaction finds the lease gone.
    report = run(services, conn_id, taken_over, beat=3600.0)
    assert report.lost
    assert stored(services) == {}
    assert holder(services, conn_id) == "other-replica"
