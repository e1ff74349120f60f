"""Platform connections: add, list, remove, the sealed credentials, the sync state, and the
lease that keeps one replica at a time syncing a connection. Every method takes the
workspace (`team_id`) first, except the scheduler's `due` and the lease, which work on ids
the scheduler just read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Connection
from storage.rows import aware_or_none, rowcount, utcnow

#: How long a sync may hold a connection before another replica may take it over (a
#: process that died mid-sync); a running sync renews it after every chunk.
LEASE = dt.timedelta(minutes=15)
#: Two expiries this close are the same token's (see `note_expiry`).
SAME_EXPIRY = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class ConnectionRec:
    """A connection without its credentials (those only through `sealed_secret`)."""

    id: int
    team_id: str
    platform: str
    account_id: str
    account_name: str | None
    currency: str | None
    timezone: str | None
    channel_id: str | None
    api_url: str | None
    config: Mapping[str, Any]
    synced_through: dt.date | None
    last_sync_at: dt.datetime | None
    last_status: str | None
    last_error: str | None
    next_run_at: dt.datetime | None
    stopped: str | None
    #: when the stored token stops working (None: never, or the platform does not say)
    token_expires_at: dt.datetime | None = None
    #: the expiry the channel was warned about (equal to token_expires_at once warned)
    expiry_warned_for: dt.datetime | None = None


def _rec(row: Connection) -> ConnectionRec:
    return ConnectionRec(
        id=row.id, team_id=row.team_id, platform=row.platform, account_id=row.account_id,
        account_name=row.account_name, currency=row.currency, timezone=row.timezone,
        channel_id=row.channel_id, api_url=row.api_url, config=dict(row.config or {}),
        synced_through=row.synced_through, last_sync_at=aware_or_none(row.last_sync_at),
        last_status=row.last_status, last_error=row.last_error,
        next_run_at=aware_or_none(row.next_run_at), stopped=row.stopped,
        token_expires_at=aware_or_none(row.token_expires_at),
        expiry_warned_for=aware_or_none(row.expiry_warned_for),
    )  # fmt: skip


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Stored in UTC to the second, so an expiry read back compares equal to the one told."""
    return None if value is None else value.astimezone(dt.UTC).replace(microsecond=0)


class Connections:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self,
        team_id: str,
        platform: str,
        account_id: str,
        sealed: str,
        *,
        account_name: str | None,
        currency: str | None,
        timezone: str | None,
        channel_id: str | None,
        api_url: str | None,
        config: Mapping[str, Any] | None = None,
        created_by: str | None = None,
        token_expires_at: dt.datetime | None = None,
    ) -> ConnectionRec:
        """Add the connection, or replace the credentials and details of the same account
        (connecting again after a revoked token resumes it, keeping what was synced). A new
        token brings its own expiry and may be warned about again."""
        with Session(self.engine) as session, session.begin():
            row = session.scalars(
                select(Connection).where(
                    Connection.team_id == team_id,
                    Connection.platform == platform,
                    Connection.account_id == account_id,
                )
            ).first()
            if row is None:
                row = Connection(team_id=team_id, platform=platform, account_id=account_id)
                session.add(row)
            row.secret = sealed
            row.account_name, row.currency, row.timezone = account_name, currency, timezone
            row.channel_id = channel_id or row.channel_id
            row.api_url, row.config, row.created_by = api_url, dict(config or {}), created_by
            row.stopped = None
            row.token_expires_at, row.expiry_warned_for = _utc(token_expires_at), None
            row.next_run_at = utcnow()  # the first sync (the backfill) is due at once
            session.flush()
            return _rec(row)

    def of_team(self, team_id: str, platform: str | None = None) -> list[ConnectionRec]:
        query = select(Connection).where(Connection.team_id == team_id)
        if platform:
            query = query.where(Connection.platform == platform)
        with Session(self.engine) as session:
            rows = session.scalars(query.order_by(Connection.platform, Connection.account_id))
            return [_rec(row) for row in rows]

    def get(self, team_id: str, connection_id: int) -> ConnectionRec | None:
        with Session(self.engine) as session:
            row = session.get(Connection, connection_id)
            return _rec(row) if row is not None and row.team_id == team_id else None

    def sealed_secret(self, team_id: str, connection_id: int) -> str | None:
        with Session(self.engine) as session:
            row = session.get(Connection, connection_id)
            return row.secret if row is not None and row.team_id == team_id else None

    def remove(self, team_id: str, connection_id: int) -> bool:
        with Session(self.engine) as session, session.begin():
            result = session.execute(
                delete(Connection).where(
                    Connection.team_id == team_id, Connection.id == connection_id
                )
            )
            return rowcount(result) == 1

    def due(self, now: dt.datetime) -> list[ConnectionRec]:
        """Connections of every workspace whose next run has come and that are not stopped."""
        query = select(Connection).where(
            Connection.stopped.is_(None),
            Connection.next_run_at.is_not(None),
            Connection.next_run_at <= now,
        )
        with Session(self.engine) as session:
            return [_rec(row) for row in session.scalars(query.order_by(Connection.next_run_at))]

    def reseal(self, team_id: str, ids: list[int], reseal: Callable[[str], str]) -> int:
        """Every credential of these connections sealed again (key rotation)."""
        with Session(self.engine) as session, session.begin():
            query = select(Connection).where(Connection.team_id == team_id, Connection.id.in_(ids))
            rows = list(session.scalars(query))
            for row in rows:
                row.secret = reseal(row.secret)
            return len(rows)

    # -- the token's expiry ------------------------------------------------------------------
    def note_expiry(self, connection_id: int, expires_at: dt.datetime | None) -> None:
        """What the platform said at a sync about the stored token's expiry (None: never).
        An expiry within SAME_EXPIRY of the stored one is the same token's (LinkedIn tells
        it as seconds from now, so it moves by the time a request takes) and is kept, so
        the token is not warned about twice."""
        new = _utc(expires_at)
        with Session(self.engine) as session, session.begin():
            row = session.get(Connection, connection_id)
            if row is None:
                return
            old = aware_or_none(row.token_expires_at)
            if old is None or new is None or abs(old - new) > SAME_EXPIRY:
                row.token_expires_at = new

    def expiring(self, before: dt.datetime) -> list[ConnectionRec]:
        """Connections of every workspace, not stopped, whose token expires before `before`
        and whose channel was not yet warned about that expiry."""
        query = select(Connection).where(
            Connection.stopped.is_(None),
            Connection.token_expires_at.is_not(None),
            Connection.token_expires_at < before,
            or_(
                Connection.expiry_warned_for.is_(None),
                Connection.expiry_warned_for != Connection.token_expires_at,
            ),
        )
        with Session(self.engine) as session:
            return [_rec(row) for row in session.scalars(query.order_by(Connection.id))]

    def claim_warning(self, connection_id: int, expires_at: dt.datetime) -> bool:
        """True for exactly one caller per (connection, expiry): one conditional UPDATE, so
        two replicas (or two ticks) never both warn."""
        expires = _utc(expires_at)
        with Session(self.engine) as session, session.begin():
            result = session.execute(
                update(Connection)
                .where(
                    Connection.id == connection_id,
                    Connection.token_expires_at == expires,
                    or_(
                        Connection.expiry_warned_for.is_(None),
                        Connection.expiry_warned_for != expires,
                    ),
                )
                .values(expiry_warned_for=expires)
            )
            return rowcount(result) == 1

    # -- the lease ---------------------------------------------------------------------------
    def take_lease(
        self,
        connection_id: int,
        owner: str,
        now: dt.datetime | None = None,
        lease: dt.timedelta = LEASE,
    ) -> bool:
        """True when this owner now holds the connection (nobody held it, or a lease ran
        out); one conditional UPDATE, so of two replicas exactly one wins."""
        now = now or utcnow()
        with Session(self.engine) as session, session.begin():
            result = session.execute(
                update(Connection)
                .where(
                    Connection.id == connection_id,
                    or_(Connection.lease_until.is_(None), Connection.lease_until < now),
                )
                .values(lease_owner=owner, lease_until=now + lease)
            )
            return rowcount(result) == 1

    def renew_lease(self, connection_id: int, owner: str, lease: dt.timedelta = LEASE) -> bool:
        """Extend the lease if this owner still holds it; False when another took it over."""
        with Session(self.engine) as session, session.begin():
            return renew_in(session, connection_id, owner, lease)

    def release(self, connection_id: int, owner: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(Connection)
                .where(Connection.id == connection_id, Connection.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
            )

    # -- sync state --------------------------------------------------------------------------
    def record(
        self,
        connection_id: int,
        *,
        status: str,
        error: str | None = None,
        synced_through: dt.date | None = None,
        next_run_at: dt.datetime | None = None,
        stopped: str | None = None,
    ) -> None:
        """What a sync ended with; `synced_through` only moves forward."""
        with Session(self.engine) as session, session.begin():
            row = session.get(Connection, connection_id)
            if row is None:
                return
            row.last_status, row.last_error, row.last_sync_at = status, error, utcnow()
            if synced_through and (
                row.synced_through is None or synced_through > row.synced_through
            ):
                row.synced_through = synced_through
            if next_run_at is not None:
                row.next_run_at = next_run_at
            if stopped is not None:
                row.stopped = stopped


def renew_in(session: Session, connection_id: int, owner: str, lease: dt.timedelta = LEASE) -> bool:
    """The lease extended inside the caller's transaction, only while `owner` holds it (on
    PostgreSQL the row stays locked until that transaction ends, so nobody takes it over
    meanwhile; SQLite locks the whole database for a writer)."""
    result = session.execute(
        update(Connection)
        .where(Connection.id == connection_id, Connection.lease_owner == owner)
        .values(lease_until=utcnow() + lease)
    )
    return rowcount(result) == 1
