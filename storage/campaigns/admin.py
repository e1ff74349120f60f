"""Managing campaigns: what a campaign holds, rename, archive, merge into another, delete.
Part of storage.repository.Repository; every method takes the workspace first and touches
nothing of another workspace (an id of another workspace's campaign is "no such campaign").

Digest subscriptions name campaigns by slug (a JSON list), so rename, merge and delete
rewrite those lists too; a subscription whose only campaign is deleted is deleted with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, and_, delete, func, select, update
from sqlalchemy.orm import Session

from kpi.counters import COUNTERS
from storage.campaigns import summaries
from storage.campaigns.records import Footprint
from storage.errors import CampaignExists, UnknownCampaign
from storage.models import AlertEvent, Campaign, Cost, DailyMetric, Subscription, Target
from storage.rows import utcnow


def _owned(session: Session, team_id: str, campaign_id: int) -> Campaign:
    row = session.scalars(
        select(Campaign).where(Campaign.team_id == team_id, Campaign.id == campaign_id)
    ).first()
    if row is None:
        raise UnknownCampaign(team_id, str(campaign_id))
    return row


def _naming(session: Session, team_id: str, slug: str) -> Iterator[Subscription]:
    """The workspace's subscriptions whose campaign list names `slug`."""
    query = select(Subscription).where(Subscription.team_id == team_id)
    for sub in session.scalars(query):
        if sub.campaigns and slug.lower() in (s.lower() for s in sub.campaigns):
            yield sub


def _replace_slug(slugs: list[str], old: str, new: str | None) -> list[str]:
    """`old` replaced by `new` (or dropped when `new` is None), without duplicates."""
    out: list[str] = []
    for slug in slugs:
        if slug.lower() == old.lower():
            if new is None:
                continue
            slug = new
        if slug.lower() not in {s.lower() for s in out}:
            out.append(slug)
    return out


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _add(a: Any, b: Any) -> Any:
    if a is None:
        return b
    return a if b is None else a + b


class CampaignAdminMethods:
    engine: Engine

    def footprint(self, team_id: str, campaign_id: int, into_id: int | None = None) -> Footprint:
        """What deleting this campaign (or merging it into `into_id`) touches."""
        with Session(self.engine) as session:
            row = _owned(session, team_id, campaign_id)
            if into_id is not None:
                _owned(session, team_id, into_id)
            metrics = select(
                func.count(DailyMetric.id),
                func.min(DailyMetric.day),
                func.max(func.coalesce(DailyMetric.day_end, DailyMetric.day)),
            ).where(DailyMetric.campaign_id == campaign_id)
            rows, first, last = session.execute(metrics).one()
            costs = session.scalar(
                select(func.count(Cost.id)).where(Cost.campaign_id == campaign_id)
            )
            targets = session.scalar(
                select(func.count(Target.id)).where(
                    Target.team_id == team_id, Target.campaign_id == campaign_id
                )
            )
            overlap: int | None = 0
            if into_id is not None:
                other = DailyMetric.__table__.alias("other")
                overlap = session.scalar(
                    select(func.count())
                    .select_from(DailyMetric)
                    .join(
                        other,
                        and_(
                            other.c.campaign_id == into_id,
                            other.c.day == DailyMetric.day,
                            other.c.platform == DailyMetric.platform,
                        ),
                    )
                    .where(DailyMetric.campaign_id == campaign_id)
                )
            subs = sum(1 for _ in _naming(session, team_id, row.slug))
            return Footprint(
                int(rows), int(costs or 0), int(targets or 0), subs, _date(first), _date(last),
                int(overlap or 0),
            )  # fmt: skip

    def rename_campaign(
        self, team_id: str, campaign_id: int, slug: str, name: str | None = None
    ) -> tuple[str, str]:
        """New slug (and display name; a name that was the old slug follows the slug).
        Subscriptions follow. Returns (old slug, new slug); CampaignExists when taken."""
        with Session(self.engine) as session, session.begin():
            row = _owned(session, team_id, campaign_id)
            old = row.slug
            taken = session.scalar(
                select(Campaign.id).where(
                    Campaign.team_id == team_id, Campaign.slug == slug, Campaign.id != campaign_id
                )
            )
            if taken is not None:
                raise CampaignExists(team_id, slug)
            for sub in list(_naming(session, team_id, old)):
                sub.campaigns = _replace_slug(list(sub.campaigns or []), old, slug)
            if name is not None:
                row.name = name
            elif row.name == old:
                row.name = slug
            row.slug = slug
            return old, slug

    def archive_campaign(self, team_id: str, campaign_id: int, archived: bool = True) -> bool:
        """Archive (or bring back) a campaign; True when that changed anything."""
        with Session(self.engine) as session, session.begin():
            row = _owned(session, team_id, campaign_id)
            if (row.archived_at is not None) == archived:
                return False
            row.archived_at = utcnow() if archived else None
            return True

    def merge_campaigns(self, team_id: str, source_id: int, into_id: int) -> Footprint:
        """Move everything of `source_id` into `into_id` and delete `source_id`, in one
        transaction. Rows of the same day and platform in both are added counter by counter
        (a counter neither reported stays unreported). Returns what moved."""
        if source_id == into_id:
            raise ValueError("a campaign cannot be merged into itself")
        moved = self.footprint(team_id, source_id, into_id)
        with Session(self.engine) as session, session.begin():
            source = _owned(session, team_id, source_id)
            into = _owned(session, team_id, into_id)
            _merge_rows(session, source_id, into_id)
            _resum(session, source_id, into_id)
            session.execute(
                update(Cost).where(Cost.campaign_id == source_id).values(campaign_id=into_id)
            )
            session.execute(
                update(Target)
                .where(Target.team_id == team_id, Target.campaign_id == source_id)
                .values(campaign_id=into_id)
            )
            for sub in list(_naming(session, team_id, source.slug)):
                sub.campaigns = _replace_slug(list(sub.campaigns or []), source.slug, into.slug)
            session.delete(source)
        return moved

    def delete_campaign(self, team_id: str, campaign_id: int) -> Footprint:
        """Delete a campaign with its rows, costs, targets (and their alert history); it is
        taken out of digest subscriptions, and one that named only it is deleted. Returns
        what went."""
        gone = self.footprint(team_id, campaign_id)
        with Session(self.engine) as session, session.begin():
            row = _owned(session, team_id, campaign_id)
            targets = select(Target.id).where(
                Target.team_id == team_id, Target.campaign_id == campaign_id
            )
            session.execute(delete(AlertEvent).where(AlertEvent.target_id.in_(targets)))
            session.execute(
                delete(Target).where(Target.team_id == team_id, Target.campaign_id == campaign_id)
            )
            session.execute(delete(Cost).where(Cost.campaign_id == campaign_id))
            session.execute(delete(DailyMetric).where(DailyMetric.campaign_id == campaign_id))
            summaries.forget(session.connection(), [campaign_id])
            for sub in list(_naming(session, team_id, row.slug)):
                left = _replace_slug(list(sub.campaigns or []), row.slug, None)
                if left:
                    sub.campaigns = left
                else:
                    session.delete(sub)
            session.delete(row)
        return gone

    def metric_values(
        self, team_id: str, campaign_id: int, day: dt.date, platform: str
    ) -> dict[str, float] | None:
        """The counters stored on one (campaign, day, platform) row (reported ones only), or
        None when there is no such row in this workspace."""
        query = (
            select(DailyMetric)
            .join(Campaign, Campaign.id == DailyMetric.campaign_id)
            .where(
                Campaign.team_id == team_id,
                DailyMetric.campaign_id == campaign_id,
                DailyMetric.day == day,
                DailyMetric.platform == platform,
            )
        )
        with Session(self.engine) as session:
            row = session.scalars(query).first()
            if row is None:
                return None
            values = {c: getattr(row, c) for c in COUNTERS}
            return {c: float(v) for c, v in values.items() if v is not None}


def _resum(session: Session, source_id: int, into_id: int) -> None:
    """The summaries after a merge: the source's are gone, the target's summed again."""
    conn = session.connection()
    summaries.forget(conn, [source_id, into_id])
    span = select(func.min(DailyMetric.day), func.max(DailyMetric.day)).where(
        DailyMetric.campaign_id == into_id
    )
    first, last = conn.execute(span).one()
    if first is not None:
        summaries.refresh(conn, [into_id], _day(first), _day(last))


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _merge_rows(session: Session, source_id: int, into_id: int) -> None:
    into_rows = {
        (r.day, r.platform): r
        for r in session.scalars(select(DailyMetric).where(DailyMetric.campaign_id == into_id))
    }
    clashing = []
    for row in session.scalars(select(DailyMetric).where(DailyMetric.campaign_id == source_id)):
        target = into_rows.get((row.day, row.platform))
        if target is None:
            continue
        for counter in COUNTERS:
            setattr(target, counter, _add(getattr(target, counter), getattr(row, counter)))
        if target.day_end is None:
            target.day_end = row.day_end
        clashing.append(row.id)
    session.flush()
    if clashing:
        session.execute(delete(DailyMetric).where(DailyMetric.id.in_(clashing)))
    session.execute(
        update(DailyMetric).where(DailyMetric.campaign_id == source_id).values(campaign_id=into_id)
    )
