"""SMART targets (issue 4) and watches: add, list, edit, delete, acknowledge, snooze. Every
method takes ``team_id`` first and scopes every query by it. The state changes and the alert
claim are storage.targets.alerts (AlertMethods), part of TargetRepository.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, Select, false, select
from sqlalchemy.orm import Session

from kpi.targets import FINAL, OPS
from storage.errors import CampaignNotInWorkspace
from storage.limits import fits_id
from storage.models import AlertEvent, Campaign, Target
from storage.rows import utcnow
from storage.targets.alerts import AlertMethods
from storage.targets.records import TargetRec, target_rec


def _check_fields(op: str | None, window_days: int | None) -> None:
    if op is not None and op not in OPS:
        raise ValueError(f"op must be one of {OPS}, not {op!r}")
    if window_days is not None and window_days < 1:
        raise ValueError(f"window_days must be at least 1, not {window_days}")


class TargetRepository(AlertMethods):
    """Targets and alert events of every workspace, one engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- targets -------------------------------------------------------------------------

    def add_target(
        self,
        team_id: str,
        *,
        campaign_id: int | None,
        kpi: str,
        op: str,
        value: float,
        deadline: dt.date,
        channel_id: str,
        window_days: int = 7,
        created_by: str | None = None,
    ) -> TargetRec:
        """Store a new target in state ``new``; raises CampaignNotInWorkspace for a campaign
        id of another workspace and ValueError for an unknown op or a window under 1 day."""
        _check_fields(op, window_days)
        with Session(self._engine) as session, session.begin():
            if campaign_id is not None:
                owner = session.scalar(select(Campaign.team_id).where(Campaign.id == campaign_id))
                if owner != team_id:
                    raise CampaignNotInWorkspace(team_id, campaign_id)
            row = Target(
                team_id=team_id,
                campaign_id=campaign_id,
                kpi=kpi,
                op=op,
                value=float(value),
                deadline=deadline,
                window_days=window_days,
                channel_id=channel_id,
                created_by=created_by,
                state="new",
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return target_rec(row)

    def list_targets(
        self, team_id: str, campaign_id: int | None = None, *, kind: str = "target"
    ) -> list[TargetRec]:
        """The workspace's targets (of one campaign when given), oldest first; with
        ``kind="watch"`` its watches instead."""
        query = (
            select(Target).where(Target.team_id == team_id, Target.kind == kind).order_by(Target.id)
        )
        if campaign_id is not None:
            query = query.where(Target.campaign_id == campaign_id)
        with Session(self._engine) as session:
            return [target_rec(row) for row in session.scalars(query)]

    def add_watch(
        self,
        team_id: str,
        *,
        campaign_id: int | None,
        kpi: str,
        channel_id: str,
        created_by: str | None = None,
    ) -> TargetRec | None:
        """Watch ``kpi`` of a campaign (None: every campaign) in ``channel_id``: a row of
        kind "watch" in state ``new`` (its op, value and deadline mean nothing). None when
        that campaign's KPI is already watched in that channel."""
        if campaign_id is not None:
            with Session(self._engine) as session:
                owner = session.scalar(select(Campaign.team_id).where(Campaign.id == campaign_id))
            if owner != team_id:
                raise CampaignNotInWorkspace(team_id, campaign_id)
        if self.find_watch(team_id, campaign_id, kpi, channel_id) is not None:
            return None
        with Session(self._engine) as session, session.begin():
            row = Target(
                team_id=team_id, campaign_id=campaign_id, kpi=kpi, op=">=", value=0.0,
                deadline=dt.date.max, window_days=1, channel_id=channel_id,
                created_by=created_by, state="new", created_at=utcnow(), kind="watch",
            )  # fmt: skip
            session.add(row)
            session.flush()
            return target_rec(row)

    def find_watch(
        self, team_id: str, campaign_id: int | None, kpi: str, channel_id: str | None = None
    ) -> TargetRec | None:
        """The watch of this campaign's (None: every campaign's) KPI, in ``channel_id`` when
        given; None when there is none."""
        campaign = (
            Target.campaign_id.is_(None)
            if campaign_id is None
            else Target.campaign_id == campaign_id
        )
        query = select(Target).where(
            Target.team_id == team_id, Target.kind == "watch", Target.kpi == kpi, campaign
        )
        if channel_id is not None:
            query = query.where(Target.channel_id == channel_id)
        with Session(self._engine) as session:
            row = session.scalars(query.order_by(Target.id)).first()
            return None if row is None else target_rec(row)

    def get_target(self, team_id: str, target_id: int) -> TargetRec | None:
        """The target, or None when it does not exist in this workspace."""
        with Session(self._engine) as session:
            row = session.scalar(self._one(team_id, target_id))
            return None if row is None else target_rec(row)

    def delete_target(self, team_id: str, target_id: int) -> bool:
        """Delete the target and its events; False when it is not in this workspace."""
        with Session(self._engine) as session, session.begin():
            row = session.scalar(self._one(team_id, target_id))
            if row is None:
                return False
            # Explicit, so it does not depend on SQLite's foreign keys being switched on.
            session.query(AlertEvent).filter(AlertEvent.target_id == target_id).delete()
            session.delete(row)
            return True

    def update_target(
        self,
        team_id: str,
        target_id: int,
        *,
        value: float | None = None,
        deadline: dt.date | None = None,
        window_days: int | None = None,
    ) -> TargetRec | None:
        """Edit value / deadline / window (None leaves a field as it is). The state stays, so
        an edit that fixes a breach reads as "recovered" at the next check; a target that was
        already met or missed starts afresh as ``new``. None when not in this workspace."""
        _check_fields(None, window_days)
        with Session(self._engine) as session, session.begin():
            row = session.scalar(self._one(team_id, target_id))
            if row is None:
                return None
            if value is not None:
                row.value = float(value)
            if deadline is not None:
                row.deadline = deadline
            if window_days is not None:
                row.window_days = window_days
            if row.state in FINAL:
                row.state = "new"
            session.flush()
            return target_rec(row)

    def acknowledge(self, team_id: str, target_id: int, user: str) -> TargetRec | None:
        """Record who acknowledged the current alert; None when not in this workspace."""
        return self._set(team_id, target_id, acknowledged_by=user)

    def snooze(self, team_id: str, target_id: int, until: dt.datetime) -> TargetRec | None:
        """Hold alerts of this target until ``until`` (aware datetime)."""
        if until.tzinfo is None:
            raise ValueError("snooze until needs a timezone-aware datetime")
        return self._set(team_id, target_id, snoozed_until=until.astimezone(dt.UTC))

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _one(team_id: str, target_id: int) -> Select[Target]:
        if not fits_id(target_id):  # 99999999999999999999 typed: no such target, no overflow
            return select(Target).where(false())
        return select(Target).where(Target.id == target_id, Target.team_id == team_id)

    def _set(self, team_id: str, target_id: int, **values: object) -> TargetRec | None:
        with Session(self._engine) as session, session.begin():
            row = session.scalar(self._one(team_id, target_id))
            if row is None:
                return None
            for name, value in values.items():
                setattr(row, name, value)
            session.flush()
            return target_rec(row)
