"""Subscriptions and deliveries as handed out by DigestRepository."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.models import Delivery, Subscription
from storage.rows import aware, aware_or_none


@dataclass(frozen=True, slots=True)
class SubscriptionRec:
    """A channel's digest schedule: `weekday` 0 = Monday, `time_of_day` "HH:MM" local time
    in `timezone` (IANA name), `campaigns` slugs (None = all campaigns)."""

    id: int
    team_id: str
    channel_id: str
    weekday: int
    time_of_day: str
    timezone: str
    campaigns: tuple[str, ...] | None
    paused: bool
    paused_reason: str | None
    created_by: str | None
    created_at: dt.datetime
    #: skip a week when nothing moved beyond noise
    quiet: bool = False
    #: add "you vs competitors" to the digest's thread
    competitors: bool = False


@dataclass(frozen=True, slots=True)
class DeliveryRec:
    """One claim: `status` claimed | sent | failed (may be retried) | dead (never retried)."""

    id: int
    subscription_id: int
    period_start: dt.date
    status: str
    message_ts: str | None
    error: str | None
    claimed_at: dt.datetime
    sent_at: dt.datetime | None
    #: the details in the headline's thread (or a quiet week's note), once out
    body_ts: str | None = None


def subscription_rec(row: Subscription) -> SubscriptionRec:
    return SubscriptionRec(
        id=row.id,
        team_id=row.team_id,
        channel_id=row.channel_id,
        weekday=row.weekday,
        time_of_day=row.time_of_day,
        timezone=row.timezone,
        campaigns=None if row.campaigns is None else tuple(row.campaigns),
        paused=bool(row.paused),
        paused_reason=row.paused_reason,
        created_by=row.created_by,
        created_at=aware(row.created_at),
        quiet=bool(row.quiet),
        competitors=bool(row.competitors),
    )


def delivery_rec(row: Delivery) -> DeliveryRec:
    return DeliveryRec(
        id=row.id,
        subscription_id=row.subscription_id,
        period_start=row.period_start,
        status=row.status,
        message_ts=row.message_ts,
        error=row.error,
        claimed_at=aware(row.claimed_at),
        sent_at=aware_or_none(row.sent_at),
        body_ts=row.body_ts,
    )
