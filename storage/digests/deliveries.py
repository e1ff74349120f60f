"""Digest deliveries and the delivery claim that makes each digest go out once (issue 5),
part of DigestRepository. The claim, its retries and its lease are described in
storage.digests.repo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.digests.records import DeliveryRec, delivery_rec
from storage.models import Delivery, Subscription
from storage.rows import utcnow

#: The wait before a failed delivery may be claimed again.
RETRY_AFTER = dt.timedelta(minutes=10)
#: A claim not completed within this time is taken for lost (its process died).
LEASE = dt.timedelta(minutes=5)
#: Stored error texts are cut to this length.
MAX_ERROR = 2000


def team_subscriptions(team_id: str) -> Any:
    return select(Subscription.id).where(Subscription.team_id == team_id)


class DeliveryMethods:
    _engine: Engine

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
            Delivery.id == delivery_id, Delivery.subscription_id.in_(team_subscriptions(team_id))
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
                Delivery.subscription_id.in_(team_subscriptions(team_id)),
            )
            .order_by(Delivery.period_start.desc())
        )
        with Session(self._engine) as session:
            return [delivery_rec(row) for row in session.scalars(query)]

    def _mark(
        self, team_id: str, delivery_id: int, status_is: str | None = None, **values: object
    ) -> bool:
        stmt = (
            update(Delivery)
            .where(
                Delivery.id == delivery_id,
                Delivery.subscription_id.in_(team_subscriptions(team_id)),
            )
            .values(**values)
        )
        if status_is is not None:
            stmt = stmt.where(Delivery.status == status_is)
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1
