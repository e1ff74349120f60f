"""Competitors and their observations (`CompetitorRepository`). Every method takes
``team_id`` first and scopes every query by it: one workspace never sees, notes on or
removes another's competitors.

Noting an observation again for the same competitor, platform and day updates the values
given and keeps the others (as `/kpi log` does for a campaign's day); a CSV's observations
are noted in one transaction, all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.competitors.records import (
    DEFAULT_DAYS,
    CompetitorRec,
    CompetitorView,
    NewObservation,
    Noted,
    NotedMany,
    Observation,
    competitor_key,
)
from storage.errors import StorageError, UnknownWorkspace
from storage.models import Campaign, Competitor, CompetitorObservation, DailyMetric, Workspace


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _rec(row: Competitor) -> CompetitorRec:
    return CompetitorRec(row.id, row.team_id, row.name)


def _observation(row: CompetitorObservation) -> Observation:
    rate = row.engagement_rate
    return Observation(
        platform=row.platform,
        day=row.day,
        followers=None if row.followers is None else int(row.followers),
        engagement_rate=None if rate is None else float(rate),
        posts=None if row.posts is None else int(row.posts),
        days=int(row.days),
    )


class CompetitorRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- reading ---------------------------------------------------------------------

    def find(self, team_id: str, name: str) -> CompetitorRec | None:
        """The workspace's competitor by name (case and spacing do not matter), or None."""
        query = select(Competitor).where(
            Competitor.team_id == team_id, Competitor.key == competitor_key(name)
        )
        with Session(self._engine) as session:
            row = session.scalar(query)
            return None if row is None else _rec(row)

    def competitors(self, team_id: str) -> list[CompetitorRec]:
        """Every competitor of the workspace, by name."""
        query = select(Competitor).where(Competitor.team_id == team_id).order_by(Competitor.key)
        with Session(self._engine) as session:
            return [_rec(row) for row in session.scalars(query)]

    def observations(
        self, team_id: str, competitor_id: int, platform: str | None = None
    ) -> list[Observation]:
        """The competitor's observations (of one platform when given), by platform and day."""
        query = select(CompetitorObservation).where(
            CompetitorObservation.team_id == team_id,
            CompetitorObservation.competitor_id == competitor_id,
        )
        if platform is not None:
            query = query.where(CompetitorObservation.platform == platform)
        query = query.order_by(CompetitorObservation.platform, CompetitorObservation.day)
        with Session(self._engine) as session:
            return [_observation(row) for row in session.scalars(query)]

    def overview(self, team_id: str) -> list[CompetitorView]:
        """Every competitor with its latest observation per platform, by name."""
        obs = CompetitorObservation
        with Session(self._engine) as session:
            latest = (
                select(obs.competitor_id, obs.platform, func.max(obs.day).label("day"))
                .where(obs.team_id == team_id)
                .group_by(obs.competitor_id, obs.platform)
                .subquery()
            )
            rows = session.scalars(
                select(obs)
                .join(
                    latest,
                    (obs.competitor_id == latest.c.competitor_id)
                    & (obs.platform == latest.c.platform)
                    & (obs.day == latest.c.day),
                )
                .where(obs.team_id == team_id)
                .order_by(obs.platform)
            ).all()
            counts = dict(
                session.execute(
                    select(obs.competitor_id, func.count())
                    .where(obs.team_id == team_id)
                    .group_by(obs.competitor_id)
                ).all()
            )
            by_competitor: dict[int, list[Observation]] = {}
            for row in rows:
                by_competitor.setdefault(row.competitor_id, []).append(_observation(row))
            return [
                CompetitorView(
                    rec, tuple(by_competitor.get(rec.id, ())), int(counts.get(rec.id, 0))
                )
                for rec in self.competitors(team_id)
            ]

    def my_span(self, team_id: str, platform: str) -> tuple[dt.date, dt.date] | None:
        """The first and last day with metrics on `platform` of the workspace's campaigns
        that are not archived ("you" when set against a competitor); None without any."""
        query = (
            select(
                func.min(DailyMetric.day),
                func.max(func.coalesce(DailyMetric.day_end, DailyMetric.day)),
            )
            .join(Campaign, Campaign.id == DailyMetric.campaign_id)
            .where(
                Campaign.team_id == team_id,
                Campaign.archived_at.is_(None),
                DailyMetric.platform == platform,
            )
        )
        with Session(self._engine) as session:
            first, last = session.execute(query).one()
            return None if first is None else (_day(first), _day(last))

    # -- writing ---------------------------------------------------------------------

    def note(self, team_id: str, new: NewObservation, created_by: str | None = None) -> Noted:
        """Note one observation (the competitor is added when new). Raises UnknownWorkspace."""
        for _ in range(2):  # a concurrent first note may win an insert: then update
            try:
                with Session(self._engine) as session, session.begin():
                    noted, _ = _note(session, team_id, new, created_by, {})
                    return noted
            except IntegrityError:
                continue
        raise StorageError(f"could not note {new.name!r} in {team_id}")

    def note_many(
        self, team_id: str, rows: Sequence[NewObservation], created_by: str | None = None
    ) -> NotedMany:
        """Note every observation in one transaction (all or none)."""
        for _ in range(2):
            try:
                with Session(self._engine) as session, session.begin():
                    known: dict[str, Competitor] = {}
                    added = updated = 0
                    new_names: list[str] = []
                    for row in rows:
                        noted, competitor_new = _note(session, team_id, row, created_by, known)
                        if competitor_new:
                            new_names.append(noted.competitor.name)
                        added += not noted.replaced
                        updated += noted.replaced
                    return NotedMany(added, updated, tuple(new_names))
            except IntegrityError:
                continue
        raise StorageError(f"could not note {len(rows)} observations in {team_id}")

    def remove(self, team_id: str, competitor_id: int) -> int | None:
        """Remove the competitor and every observation of it; how many observations went,
        None when the workspace has no such competitor."""
        with Session(self._engine) as session, session.begin():
            found = session.scalar(
                select(Competitor.id).where(
                    Competitor.team_id == team_id, Competitor.id == competitor_id
                )
            )
            if found is None:
                return None
            # explicit rather than ON DELETE CASCADE: SQLite cascades only with foreign keys on
            gone = session.execute(
                delete(CompetitorObservation).where(
                    CompetitorObservation.team_id == team_id,
                    CompetitorObservation.competitor_id == competitor_id,
                )
            )
            session.execute(delete(Competitor).where(Competitor.id == competitor_id))
            return int(getattr(gone, "rowcount", 0) or 0)


def _note(
    session: Session,
    team_id: str,
    new: NewObservation,
    created_by: str | None,
    known: dict[str, Competitor],
) -> tuple[Noted, bool]:
    """Note `new` in `session`; (what was noted, whether the competitor is new)."""
    key = competitor_key(new.name)
    competitor = known.get(key) or session.scalar(
        select(Competitor).where(Competitor.team_id == team_id, Competitor.key == key)
    )
    created = competitor is None
    if competitor is None:
        if session.get(Workspace, team_id) is None:
            raise UnknownWorkspace(team_id)
        name = " ".join(new.name.split())
        competitor = Competitor(team_id=team_id, key=key, name=name, created_by=created_by)
        session.add(competitor)
        session.flush()
    known[key] = competitor
    row = session.scalar(
        select(CompetitorObservation).where(
            CompetitorObservation.team_id == team_id,
            CompetitorObservation.competitor_id == competitor.id,
            CompetitorObservation.platform == new.platform,
            CompetitorObservation.day == new.day,
        )
    )
    replaced = row is not None
    if row is None:
        row = CompetitorObservation(
            team_id=team_id,
            competitor_id=competitor.id,
            platform=new.platform,
            day=new.day,
            days=new.days or DEFAULT_DAYS,
            created_by=created_by,
        )
        session.add(row)
    elif new.days is not None:
        row.days = new.days
    if new.followers is not None:
        row.followers = new.followers
    if new.engagement_rate is not None:
        row.engagement_rate = round(new.engagement_rate, 4)
    if new.posts is not None:
        row.posts = new.posts
    row.created_at = dt.datetime.now(dt.UTC)
    session.flush()
    return Noted(_rec(competitor), _observation(row), created, replaced), created
