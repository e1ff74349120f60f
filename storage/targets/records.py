"""Targets and alert events as handed out by TargetRepository."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.models import AlertEvent, Target
from storage.rows import aware, aware_or_none


@dataclass(frozen=True, slots=True)
class TargetRec:
    """A stored target. Datetimes are timezone-aware UTC on every database."""

    id: int
    team_id: str
    campaign_id: int | None  # None = all campaigns of the workspace
    kpi: str
    op: str
    value: float
    deadline: dt.date
    window_days: int
    channel_id: str
    created_by: str | None
    state: str
    last_value: float | None
    last_checked_at: dt.datetime | None
    thread_ts: str | None
    snoozed_until: dt.datetime | None
    acknowledged_by: str | None
    created_at: dt.datetime
    kind: str = "target"  # or "watch" (storage.targets.repo: add_watch)

    def snoozed_at(self, now: dt.datetime) -> bool:
        """True while a snooze set on this target has not run out at ``now`` (aware)."""
        return self.snoozed_until is not None and now < self.snoozed_until


@dataclass(frozen=True, slots=True)
class AlertEventRec:
    """One stored state change, with the target's KPI and campaign for the history list."""

    id: int
    team_id: str
    target_id: int
    seq: int
    from_state: str
    to_state: str
    value: float | None
    window_start: dt.date | None
    window_end: dt.date | None
    message_ts: str | None
    created_at: dt.datetime
    kpi: str
    campaign_id: int | None
    #: the alert's delivery: claimed | failed | posted | dead | done (nothing to tell)
    status: str = "done"
    attempts: int = 0
    as_of: dt.date | None = None
    error: str | None = None


def target_rec(row: Target) -> TargetRec:
    created = aware(row.created_at)
    return TargetRec(
        id=row.id,
        team_id=row.team_id,
        campaign_id=row.campaign_id,
        kpi=row.kpi,
        op=row.op,
        value=float(row.value),
        deadline=row.deadline,
        window_days=row.window_days,
        channel_id=row.channel_id,
        created_by=row.created_by,
        state=row.state,
        last_value=None if row.last_value is None else float(row.last_value),
        last_checked_at=aware_or_none(row.last_checked_at),
        thread_ts=row.thread_ts,
        snoozed_until=aware_or_none(row.snoozed_until),
        acknowledged_by=row.acknowledged_by,
        created_at=created,
        kind=row.kind,
    )


def event_rec(event: AlertEvent, kpi: str, campaign_id: int | None) -> AlertEventRec:
    created = aware(event.created_at)
    return AlertEventRec(
        id=event.id,
        team_id=event.team_id,
        target_id=event.target_id,
        seq=event.seq,
        from_state=event.from_state,
        to_state=event.to_state,
        value=event.value,
        window_start=event.window_start,
        window_end=event.window_end,
        message_ts=event.message_ts,
        created_at=created,
        kpi=kpi,
        campaign_id=campaign_id,
        status=event.status,
        attempts=event.attempts,
        as_of=event.as_of,
        error=event.error,
    )
