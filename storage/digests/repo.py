"""Digest subscriptions and the delivery claim that makes each digest go out once (issue 5).
The deliveries' methods are storage.digests.deliveries (DeliveryMethods), part of
DigestRepository.

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

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kpi.schedule import is_stored_time, is_timezone, is_weekday
from storage.digests.deliveries import MAX_ERROR, DeliveryMethods
from storage.digests.records import SubscriptionRec, subscription_rec
from storage.errors import InvalidSubscription, StorageError, UnknownWorkspace
from storage.models import Delivery, Subscription, Workspace


def _check(weekday: int, time_of_day: str, timezone: str) -> None:
    """The rules of kpi.schedule, refused as InvalidSubscription naming the field."""
    if not is_weekday(weekday):
        raise InvalidSubscription("weekday", weekday)
    if not is_stored_time(time_of_day):
        raise InvalidSubscription("time_of_day", time_of_day)
    if not is_timezone(timezone):
        raise InvalidSubscription("timezone", timezone)


class DigestRepository(DeliveryMethods):
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
        competitors: bool = False,
    ) -> SubscriptionRec:
        """Subscribe the channel (one subscription per channel): a second call updates the
        schedule and campaigns and resumes a paused subscription. `campaigns` None or empty
        means all; `quiet` skips weeks where nothing moved beyond noise; `competitors` adds "you
        vs competitors" to the thread. Raises
        InvalidSubscription, UnknownWorkspace."""
        _check(weekday, time_of_day, timezone)
        values = {
            "weekday": weekday,
            "time_of_day": time_of_day,
            "timezone": timezone,
            "campaigns": list(campaigns) if campaigns else None,
            "created_by": created_by,
            "quiet": quiet,
            "competitors": competitors,
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

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _channel(team_id: str, channel_id: str) -> Any:
        return select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
