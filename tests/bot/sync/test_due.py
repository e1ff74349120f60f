"""The daily job and the steps after a sync: `run_due` syncs the connections whose next run
has come (and only those), moving their next run to tomorrow; a sync that changed numbers
runs the features' after-import steps (the target check), one that changed nothing does
not; a stopped connection is not synced by the job."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.feature import Feature, Features
from bot.services import Services
from bot.sync.feature import run_due
from storage.models import Connection
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.bot.sync.test_runner import TEAM, connect, meta, services, sync  # noqa: F401
from tests.fake_meta import FakeMeta


def _next_run(services: Services, conn_id: int, when: dt.datetime) -> None:  # noqa: F811
    with Session(services.engine) as session, session.begin():
        session.execute(update(Connection).where(Connection.id == conn_id).values(next_run_at=when))


def test_the_job_syncs_what_is_due_and_only_that(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
) -> None:
    conn_id = connect(services, meta)  # a new connection is due at once
    assert run_due(services) == 1
    after = services.connections.get(TEAM, conn_id)
    assert after is not None and after.last_status == "ok"
    assert after.next_run_at is not None and after.next_run_at > dt.datetime.now(dt.UTC)
    calls = len(meta.requests)
    assert run_due(services) == 0 and len(meta.requests) == calls  # not due again today
    _next_run(services, conn_id, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    assert run_due(services) == 1


def test_after_a_sync_that_changed_numbers_the_after_import_steps_run(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
) -> None:
    seen: list[str] = []
    probe = Feature(name="probe", after_import=lambda _services, team: seen.append(team))
    probed = dataclasses.replace(services, features=Features([probe]))
    conn_id = connect(probed, meta)
    sync(probed, conn_id)
    assert seen == [TEAM]
    sync(probed, conn_id)  # nothing changed: no check needed
    assert seen == [TEAM]


def test_a_stopped_connection_is_left_alone_by_the_job(
    services: Services,  # noqa: F811
    meta: FakeMeta,  # noqa: F811
) -> None:
    conn_id = connect(services, meta)
    with Session(services.engine) as session, session.begin():
        session.execute(
            update(Connection).where(Connection.id == conn_id).values(stopped="sync.error.token")
        )
    calls = len(meta.requests)  # the connect's check and debug_token
    assert run_due(services) == 0 and len(meta.requests) == calls
