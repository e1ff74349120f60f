"""State changes of targets and the alerts they raise (issue 4), part of TargetRepository.

The alert claim: ``claim_transition`` moves a target from the state the caller saw to the
new one with a conditional UPDATE (``... WHERE state = :expected``) and records the change
under the unique ``(target_id, seq)``, in one transaction. Of two checks that race for the
same change exactly one gets the event back; the other gets None and must not post.

The alert a change raises is a lease too (like a digest delivery): the event is ``claimed``
with ``claimed_at`` until its message is recorded (``posted``). One whose process died
(still ``claimed`` LEASE later) or whose post failed (``failed``, RETRY_AFTER later) is
taken over by the next check with ``claim_undelivered`` — again a conditional UPDATE, so
one check posts it. After MAX_ATTEMPTS, or when the channel is gone, it is ``dead``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Engine, Row, and_, bindparam, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import AlertEvent, Target
from storage.rows import rowcount, utcnow
from storage.targets.records import AlertEventRec, event_rec

#: An alert claimed this long ago and not posted is taken for lost (its process died).
LEASE = dt.timedelta(minutes=5)
#: The wait before a failed alert is tried again (the next check, in practice).
RETRY_AFTER = dt.timedelta(minutes=1)
#: Attempts before an alert is given up (dead) and its creator told.
MAX_ATTEMPTS = 5
MAX_ERROR = 2000


class AlertMethods:
    _engine: Engine

    # -- checks and the alert claim --------------------------------------------------------

    def record_check(self, team_id: str, target_id: int, value: float | None) -> bool:
        """Store the last evaluated value and when it was checked, without a state change."""
        stmt = (
            update(Target)
            .where(Target.id == target_id, Target.team_id == team_id)
            .values(last_value=value, last_checked_at=utcnow())
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1

    def record_checks(self, team_id: str, values: Mapping[int, float | None]) -> None:
        """`record_check` for many targets of one workspace in one transaction (a check
        tick stores every unchanged target's value at once; a target of another workspace
        or one deleted meanwhile is left alone)."""
        if not values:
            return
        stmt = (
            update(Target)
            .where(Target.id == bindparam("b_target"), Target.team_id == team_id)
            .values(last_value=bindparam("b_value"), last_checked_at=utcnow())
        )
        rows = [{"b_target": tid, "b_value": value} for tid, value in values.items()]
        with self._engine.begin() as conn:
            conn.execute(stmt, rows)

    def claim_transition(
        self,
        team_id: str,
        target_id: int,
        expected_state: str,
        new_state: str,
        value: float | None,
        window: tuple[dt.date, dt.date] | None,
        *,
        notify: bool = True,
        as_of: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> AlertEventRec | None:
        """Move the target from ``expected_state`` to ``new_state`` and record the event.

        Returns the event for the caller that made the change, None when the target is no
        longer in ``expected_state`` (another check got there first, or it was deleted).
        The acknowledgement of the previous alert is cleared: a new state needs a new look.
        ``notify``: the change raises an alert, claimed by the caller from ``now`` (post
        it, then record_message_ts or mark_event_failed); otherwise the event is "done".
        ``as_of``: the day the change was judged on (a retry judges on it again).
        """
        if expected_state == new_state:
            raise ValueError(f"not a state change: {expected_state!r} -> {new_state!r}")
        now = (now or utcnow()).astimezone(dt.UTC)
        claim = (
            update(Target)
            .where(
                Target.id == target_id,
                Target.team_id == team_id,
                Target.state == expected_state,
            )
            .values(state=new_state, last_value=value, last_checked_at=now, acknowledged_by=None)
        )
        try:
            with Session(self._engine) as session, session.begin():
                if rowcount(session.execute(claim)) != 1:
                    return None
                target = session.execute(
                    select(Target.kpi, Target.campaign_id).where(Target.id == target_id)
                ).one()
                last = session.scalar(
                    select(func.max(AlertEvent.seq)).where(AlertEvent.target_id == target_id)
                )
                event = AlertEvent(
                    team_id=team_id,
                    target_id=target_id,
                    seq=(last or 0) + 1,
                    from_state=expected_state,
                    to_state=new_state,
                    value=value,
                    window_start=window[0] if window else None,
                    window_end=window[1] if window else None,
                    created_at=now,
                    status="claimed" if notify else "done",
                    claimed_at=now if notify else None,
                    attempts=1 if notify else 0,
                    as_of=as_of,
                )
                session.add(event)
                session.flush()
                return event_rec(event, target.kpi, target.campaign_id)
        except IntegrityError:
            # (target_id, seq) taken: a concurrent claim won; the transaction rolled back.
            return None

    def record_message_ts(self, team_id: str, event_id: int, ts: str) -> bool:
        """Store the posted message's ts on the event; the first alert's ts becomes the
        target's ``thread_ts`` (later updates are posted in that thread)."""
        with Session(self._engine) as session, session.begin():
            event = session.scalar(
                select(AlertEvent).where(AlertEvent.id == event_id, AlertEvent.team_id == team_id)
            )
            if event is None:
                return False
            event.message_ts = ts
            event.status = "posted"
            event.error = None
            session.execute(
                update(Target)
                .where(Target.id == event.target_id, Target.thread_ts.is_(None))
                .values(thread_ts=ts)
            )
            return True

    def mark_event_failed(
        self, team_id: str, event_id: int, error: str, *, retry: bool = True
    ) -> bool:
        """The alert of this event was not posted: ``failed`` (a later check tries again)
        or, with ``retry=False``, ``dead`` (given up)."""
        stmt = (
            update(AlertEvent)
            .where(
                AlertEvent.id == event_id,
                AlertEvent.team_id == team_id,
                AlertEvent.status == "claimed",
            )
            .values(status="failed" if retry else "dead", error=error[:MAX_ERROR])
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1

    def claim_undelivered(
        self,
        team_id: str,
        *,
        now: dt.datetime | None = None,
        target_id: int | None = None,
        lease: dt.timedelta = LEASE,
        retry_after: dt.timedelta = RETRY_AFTER,
        kind: str = "target",
    ) -> list[AlertEventRec]:
        """Take over the workspace's alerts that were claimed and never posted: failed at
        least ``retry_after`` ago, or claimed at least ``lease`` ago (the process died).
        Each is won by one caller (a conditional UPDATE); the winner posts it. Oldest
        first; the attempt count of each goes up by one. Only alerts of ``kind`` rows
        (targets, or watches): each check posts its own."""
        now = (now or utcnow()).astimezone(dt.UTC)
        stale = or_(
            and_(AlertEvent.status == "failed", AlertEvent.claimed_at <= now - retry_after),
            and_(AlertEvent.status == "claimed", AlertEvent.claimed_at <= now - lease),
        )
        of_kind = select(Target.id).where(Target.team_id == team_id, Target.kind == kind)
        query = (
            select(AlertEvent.id, AlertEvent.status, AlertEvent.attempts)
            .where(AlertEvent.team_id == team_id, stale, AlertEvent.target_id.in_(of_kind))
            .order_by(AlertEvent.id)
        )
        if target_id is not None:
            query = query.where(AlertEvent.target_id == target_id)
        won: list[AlertEventRec] = []
        with self._engine.connect() as conn:
            candidates = list(conn.execute(query))
        for event_id, status, attempts in candidates:
            # (status, attempts) changes with every claim, failure and takeover
            take = (
                update(AlertEvent)
                .where(
                    AlertEvent.id == event_id,
                    AlertEvent.status == status,
                    AlertEvent.attempts == attempts,
                    stale,
                )
                .values(status="claimed", claimed_at=now, attempts=AlertEvent.attempts + 1)
            )
            with Session(self._engine) as session, session.begin():
                if rowcount(session.execute(take)) != 1:
                    continue  # another check took it first
                event = session.get_one(AlertEvent, event_id)
                target = session.execute(
                    select(Target.kpi, Target.campaign_id).where(Target.id == event.target_id)
                ).one()
                won.append(event_rec(event, target.kpi, target.campaign_id))
        return won

    def list_events(
        self, team_id: str, campaign_id: int | None = None, limit: int = 20, kind: str = "target"
    ) -> list[AlertEventRec]:
        """The workspace's state changes, newest first (of one campaign's targets if given;
        of its watches with ``kind="watch"``)."""
        query = (
            select(AlertEvent, Target.kpi, Target.campaign_id)
            .join(Target, Target.id == AlertEvent.target_id)
            .where(AlertEvent.team_id == team_id, Target.team_id == team_id, Target.kind == kind)
            .order_by(AlertEvent.created_at.desc(), AlertEvent.id.desc())
            .limit(limit)
        )
        if campaign_id is not None:
            query = query.where(Target.campaign_id == campaign_id)
        with Session(self._engine) as session:
            rows: list[Row[AlertEvent, str, int | None]] = list(session.execute(query))
            return [event_rec(event, kpi, campaign) for event, kpi, campaign in rows]
