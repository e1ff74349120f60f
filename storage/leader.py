"""Which replica runs the scheduled work (alert checks, digest ticks, syncs).

Every `kpibot serve` replica on one PostgreSQL database competes for one session-level
advisory lock (`pg_try_advisory_lock`), held on a connection of its own for as long as the
replica lives. PostgreSQL frees the lock the moment that connection ends — a replica that
exits, crashes or is killed loses it at once — and the next `check()` of another replica
takes it over. A leader whose connection broke (network, database restart) finds out at its
next `check()` and stops leading. Two leaders can overlap for at most one check interval
after a partition; the claims in the database (alerts, digests) keep delivery exactly-once
even then. SQLite is one process by design: there this replica always leads."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

#: the lock every replica of one database competes for
SCHEDULER_LOCK = "kpibot-scheduler"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (advisory locks are keyed by bigint)."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def across_replicas(engine: Engine, name: str) -> Iterator[None]:
    """Run the block while holding the lock `name` across every replica of the database: on
    PostgreSQL a transaction-level advisory lock (`pg_advisory_xact_lock`), waited for and
    freed when the block ends — or when the holder's connection dies, so a killed replica
    never leaves it taken. What the block writes through other connections is committed
    before the lock is freed, so the next holder sees it. SQLite is one process: no lock
    here (callers still serialise their own threads)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
        yield


class Leadership:
    """Whether this process leads; `check()` keeps or takes the lead and says which."""

    def __init__(self, engine: Engine, name: str = SCHEDULER_LOCK) -> None:
        self._engine = engine
        self._key = lock_key(name)
        self._conn: Connection | None = None
        self._mutex = threading.Lock()
        self._shared = engine.dialect.name == "postgresql"
        self._held = not self._shared

    @property
    def held(self) -> bool:
        """True while this replica leads (always on SQLite)."""
        return self._held

    def check(self) -> bool:
        """Keep the lead (the lock's connection still answers) or try to take it."""
        if not self._shared:
            return True
        with self._mutex:
            was = self._held
            self._held = self._still_held() or self._take()
            if self._held != was:
                if self._held:
                    log.info("this replica now runs the scheduled jobs (leader)")
                else:
                    log.warning("this replica lost the lead: another one runs the scheduled jobs")
            return self._held

    def release(self) -> None:
        """Give the lead up (at shutdown), so another replica takes over at its next check."""
        with self._mutex:
            if self._conn is not None:
                try:  # at once, not when the server gets round to ending the session
                    self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
                except SQLAlchemyError:
                    log.debug("unlocking the lead", exc_info=True)
            self._close()
            self._held = not self._shared

    def _still_held(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:  # the connection is gone, and the lock with it
            log.warning("the leader's database connection broke", exc_info=True)
            self._close()
            return False

    def _take(self) -> bool:
        try:
            conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except SQLAlchemyError:
            log.warning("could not reach the database to take the lead", exc_info=True)
            return False
        try:
            got = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}).scalar()
            )
        except SQLAlchemyError:
            log.warning("could not ask for the lead", exc_info=True)
            got = False
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()  # the lock ends with the session, not in the pool
                self._conn.close()
            except SQLAlchemyError:
                log.debug("closing the leader's connection", exc_info=True)
            self._conn = None
