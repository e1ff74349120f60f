"""What kpibot tells once: a campaign's data gap to the channels of its targets, a target's
problem to its creator. Each is a row keyed per workspace (``gap:<campaign>:<last day>:
<channel>``, ``creator:<target>:<cause>``) whose unique (team_id, key) is the claim taken
before anything is posted — the alert claim's pattern (storage/targets/alerts.py): of two
replicas racing for the same notice exactly one gets it.

The claim is a lease: a notice ``claimed`` and not marked ``sent`` within LEASE (its process
died) or ``failed`` at least RETRY_AFTER ago is taken over by the next check with a
conditional UPDATE, until MAX_ATTEMPTS; one that can never be posted is ``dead``.
``forget`` drops a key's notices so the same cause is told again once it went away and
came back (a target evaluated again).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Engine, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from storage.models import Notice
from storage.rows import utcnow

#: A notice claimed this long ago and not sent is taken for lost (its process died).
LEASE = dt.timedelta(minutes=5)
#: The wait before a failed notice is tried again.
RETRY_AFTER = dt.timedelta(minutes=1)
#: Attempts before a notice is given up.
MAX_ATTEMPTS = 3
MAX_KEY = 200
MAX_ERROR = 2000


def _starts(prefix: str) -> ColumnElement[bool]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Notice.key.like(f"{escaped}%", escape="\\")


class Notices:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim(self, team_id: str, key: str, now: dt.datetime | None = None) -> bool:
        """True for the one caller that may post notice ``key`` now: the first to insert
        it, or the one that takes over a lost or failed attempt. False: told already, being
        told by another check, or given up."""
        if len(key) > MAX_KEY:
            raise ValueError(f"notice key longer than {MAX_KEY}: {key[:40]}…")
        now = (now or utcnow()).astimezone(dt.UTC)
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    insert(Notice).values(
                        team_id=team_id, key=key, status="claimed", claimed_at=now, attempts=1
                    )
                )
            return True
        except IntegrityError:
            pass  # told, or being told: take it over only when that attempt is lost
        stale = or_(
            and_(Notice.status == "failed", Notice.claimed_at <= now - RETRY_AFTER),
            and_(Notice.status == "claimed", Notice.claimed_at <= now - LEASE),
        )
        take = (
            update(Notice)
            .where(
                Notice.team_id == team_id,
                Notice.key == key,
                Notice.attempts < MAX_ATTEMPTS,
                stale,
            )
            .values(status="claimed", claimed_at=now, attempts=Notice.attempts + 1)
        )
        with self._engine.begin() as conn:
            return conn.execute(take).rowcount == 1

    def sent(self, team_id: str, key: str) -> None:
        """The claimed notice went out."""
        self._set(team_id, key, status="sent", error=None)

    def failed(self, team_id: str, key: str, error: str, *, retry: bool = True) -> None:
        """The claimed notice was not posted: a later check tries again (MAX_ATTEMPTS), or
        with ``retry=False`` never (``dead``: the channel is gone)."""
        self._set(team_id, key, status="failed" if retry else "dead", error=error[:MAX_ERROR])

    def forget(self, team_id: str, prefix: str) -> int:
        """Drop the notices whose key starts with ``prefix`` (the cause went away): told
        again when it comes back. Returns how many were dropped."""
        stmt = delete(Notice).where(Notice.team_id == team_id, _starts(prefix))
        with self._engine.begin() as conn:
            return int(conn.execute(stmt).rowcount or 0)

    def keys(self, team_id: str, prefix: str) -> list[str]:
        """The keys of the workspace's notices that start with ``prefix``, sorted."""
        query = select(Notice.key).where(Notice.team_id == team_id, _starts(prefix))
        with self._engine.connect() as conn:
            return sorted(str(k) for k in conn.execute(query).scalars())

    def status(self, team_id: str, key: str) -> str | None:
        """The notice's status (claimed | sent | failed | dead), None when never claimed."""
        query = select(Notice.status).where(Notice.team_id == team_id, Notice.key == key)
        with self._engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else str(found)

    def _set(self, team_id: str, key: str, **values: object) -> None:
        stmt = (
            update(Notice)
            .where(Notice.team_id == team_id, Notice.key == key, Notice.status == "claimed")
            .values(**values)
        )
        with self._engine.begin() as conn:
            conn.execute(stmt)
