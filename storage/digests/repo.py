"""Digest subscriptions and the delivery claim that makes each digest go out once (issue 5).

Every method takes ``team_id`` first and scopes its query by it, except
``list_active_subscriptions`` (the scheduler's tick, across workspaces).

The claim: a row in ``deliveries`` unique on (subscription, period_start), inserted *before*
the digest is posted. Of two processes (replicas, a rerun, a restart) that try the same
period, the database lets exactly one insert; the other gets the IntegrityError and is told
None, so it does not post.

Retries: a delivery marked ``failed`` (a transient error: Slack 5xx, 429 beyond our retries,
a network error) may be claimed again once ``retry_after`` has passed since its last attempt;
the re-claim is a conditional UPDATE, so again only one process wins it. The scheduler only
claims while the period is due (``kpi.schedule.due_period``, within the grace period), so a
failing digest is retried for at most the grace period. A delivery marked ``dead`` (a
permanent error: the channel is gone, the bot was removed, the token revoked) is never
retried; pause the subscription too.

A claim is a lease: a delivery still ``claimed`` LEASE after it was taken (its process died
between claim and post, or between message and charts) may be claimed again, once, by the
next tick. Message and charts are one delivery: ``mark_posted`` records the message's ts
(and renews the lease) before the charts go up, and ``mark_sent`` completes it; a delivery
re-claimed with a message ts only needs its charts, so a rerun never posts the message
twice. The one window left is between Slack accepting the message and ``mark_posted``
(milliseconds): a process dying exactly there posts the message again after the lease.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kpi.schedule import is_stored_time, is_timezone, is_weekday
from storage.digests.records import DeliveryRec, SubscriptionRec, delivery_rec, subscription_rec
from storage.errors import InvalidSubscription, StorageError, UnknownWorkspace
from storage.models import Delivery, Subscription, Workspace
from storage.rows import utcnow

#: The wait before a failed delivery may be claimed again.
RETRY_AFTER = dt.timedelta(minutes=10)
#: A claim not completed within this time is taken for lost (its process died).
LEASE = dt.timedelta(minutes=5)
#: Stored error texts are cut to this length.
MAX_ERROR = 2000


def _check(weekday: int, time_of_day: str, timezone: str) -> None:
    """The rules of kpi.schedule, refused as InvalidSubscription naming the field."""
    if not is_weekday(weekday):
        raise InvalidSubscription("weekday", weekday)
    if not is_stored_time(time_of_day):
        raise InvalidSubscription("time_of_day", time_of_day)
    if not is_timezone(timezone):
        raise InvalidSubscription("timezone", timezone)


def _team_subscriptions(team_id: str) -> Any:
    return select(Subscription.id).where(Subscription.team_id == team_id)


class DigestRepository:
    """Subscriptions and deliveries of every workspace, one engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- subscriptions -----------------------------------------------------------------

    def subscribe(
        self,
        team_id: str,
        channel_id: str,
        weekday: int,
        time_of_day: str,
        timezone: str,
        campaigns: Sequence[str] | None = None,
        created_by: str | None = None,
        *,
        quiet: bool = False,
    ) -> SubscriptionRec:
        """Subscribe the channel (one subscription per channel): a second call updates the
        schedule and campaigns and resumes a paused subscription. `campaigns` None or empty
        means all; `quiet` skips weeks where nothing moved beyond noise. Raises
        InvalidSubscription, UnknownWorkspace."""
        _check(weekday, time_of_day, timezone)
        values = {
            "weekday": weekday,
            "time_of_day": time_of_day,
            "timezone": timezone,
            "campaigns": list(campaigns) if campaigns else None,
            "created_by": created_by,
            "quiet": quiet,
            "paused": False,
            "paused_reason": None,
        }
        for _ in range(2):  # a concurrent first subscribe may win the insert: then update
            try:
                with Session(self._engine) as session, session.begin():
                    if session.get(Workspace, team_id) is None:
                        raise UnknownWorkspace(team_id)
                    row = session.scalar(self._channel(team_id, channel_id))
                    if row is None:
                        row = Subscription(team_id=team_id, channel_id=channel_id, **values)
                        session.add(row)
                    else:
                        for name, value in values.items():
                            setattr(row, name, value)
                    session.flush()
                    return subscription_rec(row)
            except IntegrityError:
                continue
        raise StorageError(f"could not subscribe {channel_id} in {team_id}")

    def unsubscribe(self, team_id: str, channel_id: str) -> bool:
        """Remove the channel's subscription (and its delivery history); False if none."""
        with Session(self._engine) as session, session.begin():
            sub_id = session.scalar(
                select(Subscription.id).where(
                    Subscription.team_id == team_id, Subscription.channel_id == channel_id
                )
            )
            if sub_id is None:
                return False
            # explicit rather than ON DELETE CASCADE: SQLite cascades only with foreign keys on
            session.execute(delete(Delivery).where(Delivery.subscription_id == sub_id))
            session.execute(delete(Subscription).where(Subscription.id == sub_id))
            return True

    def get_subscription(self, team_id: str, channel_id: str) -> SubscriptionRec | None:
        """The channel's subscription, or None."""
        with Session(self._engine) as session:
            row = session.scalar(self._channel(team_id, channel_id))
            return None if row is None else subscription_rec(row)

    def list_subscriptions(self, team_id: str) -> list[SubscriptionRec]:
        """The workspace's subscriptions (paused ones too), by channel."""
        query = (
            select(Subscription)
            .where(Subscription.team_id == team_id)
            .order_by(Subscription.channel_id)
        )
        with Session(self._engine) as session:
            return [subscription_rec(row) for row in session.scalars(query)]

    def list_active_subscriptions(self) -> list[SubscriptionRec]:
        """Every subscription not paused, of every workspace (the scheduler's tick)."""
        query = select(Subscription).where(Subscription.paused.is_(False)).order_by(Subscription.id)
        with Session(self._engine) as session:
            return [subscription_rec(row) for row in session.scalars(query)]

    def pause(self, team_id: str, channel_id: str, reason: str) -> bool:
        """Stop the channel's digests (e.g. the bot was removed from it) with the reason;
        subscribing again resumes. False when the channel has no subscription."""
        stmt = (
            update(Subscription)
            .where(Subscription.team_id == team_id, Subscription.channel_id == channel_id)
            .values(paused=True, paused_reason=reason[:MAX_ERROR])
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1

    # -- deliveries --------------------------------------------------------------------

    def claim_delivery(
        self,
        team_id: str,
        subscription_id: int,
        period_start: dt.date,
        *,
        now: dt.datetime | None = None,
        retry_after: dt.timedelta = RETRY_AFTER,
        lease: dt.timedelta = LEASE,
    ) -> int | None:
        """Take the claim to post the digest of `period_start` (the week's Monday) for the
        subscription; the delivery id, or None when another process holds or held it (sent,
        dead, claimed less than `lease` ago, or failed less than `retry_after` ago) or the
        subscription is not in this workspace or is paused. Take it BEFORE posting; then
        mark_posted, mark_sent / mark_failed. A re-claimed delivery may carry the message_ts
        of a message already out (get_delivery): then only its charts are missing."""
        # UTC always: SQLite compares the stored text, which carries no offset
        now = (now or utcnow()).astimezone(dt.UTC)
        with Session(self._engine) as session:
            active = session.scalar(
                select(Subscription.id).where(
                    Subscription.id == subscription_id,
                    Subscription.team_id == team_id,
                    Subscription.paused.is_(False),
                )
            )
        if active is None:
            return None
        try:
            with self._engine.begin() as conn:
                result = conn.execute(
                    insert(Delivery).values(
                        subscription_id=subscription_id,
                        period_start=period_start,
                        status="claimed",
                        claimed_at=now,
                    )
                )
                key = result.inserted_primary_key
                assert key is not None
                return int(key[0])
        except IntegrityError:
            pass  # (subscription, period) already claimed: maybe failed, or its lease ran out
        retry = (
            update(Delivery)
            .where(
                Delivery.subscription_id == subscription_id,
                Delivery.period_start == period_start,
                or_(
                    and_(Delivery.status == "failed", Delivery.claimed_at <= now - retry_after),
                    and_(Delivery.status == "claimed", Delivery.claimed_at <= now - lease),
                ),
            )
            .values(status="claimed", claimed_at=now)
        )
        with self._engine.begin() as conn:
            if conn.execute(retry).rowcount != 1:
                return None
            claimed = conn.scalar(
                select(Delivery.id).where(
                    Delivery.subscription_id == subscription_id,
                    Delivery.period_start == period_start,
                )
            )
            return None if claimed is None else int(claimed)

    def mark_posted(self, team_id: str, delivery_id: int, ts: str) -> bool:
        """Record that the digest's message is out as `ts` (its charts not yet): a later
        claim of this delivery uploads the charts only. Renews the lease."""
        return self._mark(
            team_id, delivery_id, message_ts=ts, claimed_at=utcnow(), status_is="claimed"
        )

    def mark_body_posted(self, team_id: str, delivery_id: int, ts: str) -> bool:
        """Record that the details went into the headline's thread as `ts` (the charts not
        yet): a later claim uploads the charts only. Renews the lease."""
        return self._mark(
            team_id, delivery_id, body_ts=ts, claimed_at=utcnow(), status_is="claimed"
        )

    def mark_quiet(self, team_id: str, delivery_id: int, thread_ts: str | None, ts: str) -> bool:
        """Complete a quiet week: nothing was posted in the channel, the note `ts` went into
        the thread of the digest `thread_ts` (kept as the message the next note threads
        under)."""
        return self._mark(
            team_id, delivery_id, status="sent", sent_at=utcnow(), message_ts=thread_ts, body_ts=ts
        )

    def last_message_ts(self, team_id: str, subscription_id: int, before: dt.date) -> str | None:
        """The channel message of the newest delivery before `before` that has one (the
        thread a quiet week's note goes into)."""
        for delivery in self.list_deliveries(team_id, subscription_id):
            if delivery.period_start < before and delivery.message_ts:
                return delivery.message_ts
        return None

    def mark_sent(self, team_id: str, delivery_id: int, ts: str | None = None) -> bool:
        """Record that the digest is complete: message (as `ts`, if not recorded yet) and
        charts."""
        if ts is None:
            return self._mark(team_id, delivery_id, status="sent", sent_at=utcnow())
        return self._mark(team_id, delivery_id, status="sent", sent_at=utcnow(), message_ts=ts)

    def mark_failed(
        self, team_id: str, delivery_id: int, error: str, *, retry: bool = True
    ) -> bool:
        """Record that posting failed with `error` (kept, cut to MAX_ERROR characters).
        `retry=True` (transient errors): status "failed", claimable again after the retry
        wait while the period is still due. `retry=False` (channel_not_found, not_in_channel,
        is_archived, invalid_auth, account_inactive...): status "dead", never retried."""
        status = "failed" if retry else "dead"
        return self._mark(team_id, delivery_id, status=status, error=error[:MAX_ERROR])

    def get_delivery(self, team_id: str, delivery_id: int) -> DeliveryRec | None:
        """One delivery of the workspace, or None."""
        query = select(Delivery).where(
            Delivery.id == delivery_id, Delivery.subscription_id.in_(_team_subscriptions(team_id))
        )
        with Session(self._engine) as session:
            row = session.scalar(query)
            return None if row is None else delivery_rec(row)

    def list_deliveries(self, team_id: str, subscription_id: int) -> list[DeliveryRec]:
        """The subscription's deliveries, newest period first."""
        query = (
            select(Delivery)
            .where(
                Delivery.subscription_id == subscription_id,
                Delivery.subscription_id.in_(_team_subscriptions(team_id)),
            )
            .order_by(Delivery.period_start.desc())
        )
        with Session(self._engine) as session:
            return [delivery_rec(row) for row in session.scalars(query)]

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _channel(team_id: str, channel_id: str) -> Any:
        return select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )

    def _mark(
        self, team_id: str, delivery_id: int, status_is: str | None = None, **values: object
    ) -> bool:
        stmt = (
            update(Delivery)
            .where(
                Delivery.id == delivery_id,
                Delivery.subscription_id.in_(_team_subscriptions(team_id)),
            )
            .values(**values)
        )
        if status_is is not None:
            stmt = stmt.where(Delivery.status == status_is)
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1
