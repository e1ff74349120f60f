"""The scheduler's lead: one replica at a time on PostgreSQL, taken over when the leader's
connection ends; always this process on SQLite."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Engine

from storage.db import make_engine
from storage.leader import Leadership, lock_key


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_lock_key_is_stable_and_a_signed_bigint() -> None:
    key = lock_key("kpibot-scheduler")
    assert key == lock_key("kpibot-scheduler") and key != lock_key("kpibot-other")
    assert -(2**63) <= key < 2**63


def test_one_replica_leads_and_another_takes_over_when_its_connection_ends(
    engine: Engine,
) -> None:
    if engine.dialect.name != "postgresql":
        first = Leadership(engine)
        assert first.held and first.check()  # SQLite: one process, it always leads
        return
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    first, second = Leadership(engine), Leadership(other_engine)
    try:
        assert not first.held and not second.held  # nobody leads before asking
        assert first.check() is True
        assert second.check() is False  # the lock is taken
        assert first.check() is True and second.check() is False  # and stays so
        first.release()  # the leader's session ends (exit, crash, kill: the same for PG)
        assert second.check() is True
        assert first.check() is False
    finally:
        first.release()
        second.release()
        other_engine.dispose()


def test_a_leader_whose_session_is_killed_notices_and_another_takes_over(
    engine: Engine,
) -> None:
    if engine.dialect.name != "postgresql":
        return
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    first, second = Leadership(engine), Leadership(other_engine)
    try:
        assert first.check()
        with other_engine.connect() as conn:  # the database ends the leader's session
            key = lock_key("kpibot-scheduler")
            killed = conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND granted AND database = (SELECT oid FROM pg_database"
                    " WHERE datname = current_database())"
                    " AND classid::bigint = :high AND objid::bigint = :low"
                ),
                {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF},
            ).all()
            conn.commit()
        assert killed == [(True,)]
        # the server ends the killed session (and frees its lock) a moment later
        assert eventually(second.check)
        assert first.check() is False  # its connection broke: it stops leading
    finally:
        first.release()
        second.release()
        other_engine.dispose()
