"""The Home tab's state per person: who opened it (locale, page, when it was last
published, whether it changed since), the campaigns they do not follow, the charts already
uploaded (hash of the data → Slack file id), and each platform's data freshness.

Every method takes ``team_id`` first and scopes its query by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, Select, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import AlertEvent, Campaign, ChartFile, DailyMetric, HomeUnfollow, HomeUser
from storage.rows import aware_or_none, rowcount, utcnow


@dataclass(frozen=True, slots=True)
class HomeUserRec:
    team_id: str
    user_id: str
    locale: str
    page: int
    dirty: bool
    published_at: dt.datetime | None
    seen_event_id: int


@dataclass(frozen=True, slots=True)
class Freshness:
    """One platform's data: the last day with metrics and the last import that touched a
    campaign with data on it."""

    platform: str
    data_through: dt.date
    imported_at: dt.datetime | None


def _rec(row: HomeUser) -> HomeUserRec:
    return HomeUserRec(
        row.team_id,
        row.user_id,
        row.locale,
        row.page,
        bool(row.dirty),
        aware_or_none(row.published_at),
        row.seen_event_id,
    )


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class HomeRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- people who opened Home ----------------------------------------------------------

    def opened(self, team_id: str, user_id: str, locale: str) -> HomeUserRec:
        """Record that `user_id` opened Home (in `locale`); the stored row."""
        for _ in range(2):  # a concurrent first open may win the insert: then update
            try:
                with Session(self._engine) as session, session.begin():
                    row = session.scalar(self._user(team_id, user_id))
                    if row is None:
                        row = HomeUser(
                            team_id=team_id, user_id=user_id, locale=locale, page=0,
                            dirty=False, seen_event_id=0,
                        )  # fmt: skip
                        session.add(row)
                    else:
                        row.locale = locale
                    session.flush()
                    return _rec(row)
            except IntegrityError:
                continue
        raise RuntimeError(f"could not record Home of {user_id} in {team_id}")

    def get_user(self, team_id: str, user_id: str) -> HomeUserRec | None:
        with Session(self._engine) as session:
            row = session.scalar(self._user(team_id, user_id))
            return None if row is None else _rec(row)

    def set_page(self, team_id: str, user_id: str, page: int) -> None:
        self._set(team_id, user_id, page=max(page, 0))

    def mark_published(
        self, team_id: str, user_id: str, at: dt.datetime, seen_event_id: int
    ) -> None:
        self._set(team_id, user_id, published_at=at, dirty=False, seen_event_id=seen_event_id)

    def mark_dirty(self, team_id: str) -> int:
        """Every Home of the workspace shows something that changed; how many."""
        stmt = update(HomeUser).where(HomeUser.team_id == team_id).values(dirty=True)
        with self._engine.begin() as conn:
            return rowcount(conn.execute(stmt))

    def list_users(self) -> list[HomeUserRec]:
        """Everyone who opened Home, of every workspace (the rebuild job)."""
        with Session(self._engine) as session:
            rows = session.scalars(select(HomeUser).order_by(HomeUser.id))
            return [_rec(row) for row in rows]

    def newest_event_id(self, team_id: str) -> int:
        query = select(func.max(AlertEvent.id)).where(AlertEvent.team_id == team_id)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    # -- following -------------------------------------------------------------------------

    def unfollowed(self, team_id: str, user_id: str) -> set[int]:
        """The campaign ids `user_id` does not follow."""
        query = select(HomeUnfollow.campaign_id).where(
            HomeUnfollow.team_id == team_id, HomeUnfollow.user_id == user_id
        )
        with self._engine.connect() as conn:
            return {int(cid) for cid in conn.execute(query).scalars()}

    def follow(self, team_id: str, user_id: str, campaign_id: int) -> None:
        stmt = delete(HomeUnfollow).where(
            HomeUnfollow.team_id == team_id,
            HomeUnfollow.user_id == user_id,
            HomeUnfollow.campaign_id == campaign_id,
        )
        with self._engine.begin() as conn:
            conn.execute(stmt)

    def unfollow(self, team_id: str, user_id: str, campaign_id: int) -> bool:
        """Stop following a campaign of the workspace; False when it is not one of its."""
        with Session(self._engine) as session, session.begin():
            owner = session.scalar(select(Campaign.team_id).where(Campaign.id == campaign_id))
            if owner != team_id:
                return False
            if campaign_id in self.unfollowed(team_id, user_id):
                return True
            session.add(HomeUnfollow(team_id=team_id, user_id=user_id, campaign_id=campaign_id))
            return True

    # -- charts uploaded once ------------------------------------------------------------

    def chart_file(self, team_id: str, key: str, data_hash: str) -> str | None:
        """The Slack file id of the chart `key` when it was uploaded for exactly this data."""
        query = select(ChartFile.file_id).where(
            ChartFile.team_id == team_id, ChartFile.key == key, ChartFile.data_hash == data_hash
        )
        with self._engine.connect() as conn:
            found = conn.execute(query).scalar()
            return None if found is None else str(found)

    def store_chart_file(self, team_id: str, key: str, data_hash: str, file_id: str) -> None:
        with Session(self._engine) as session, session.begin():
            row = session.scalar(
                select(ChartFile).where(ChartFile.team_id == team_id, ChartFile.key == key)
            )
            if row is None:
                session.add(
                    ChartFile(team_id=team_id, key=key, data_hash=data_hash, file_id=file_id)
                )
            else:
                row.data_hash, row.file_id, row.created_at = data_hash, file_id, utcnow()

    # -- data freshness --------------------------------------------------------------------

    def freshness(self, team_id: str, campaign_ids: Sequence[int] | None = None) -> list[Freshness]:
        """Per platform: the last day with metrics and the newest import of a campaign with
        data on that platform, by platform name."""
        latest = func.max(func.coalesce(DailyMetric.day_end, DailyMetric.day))
        query = (
            select(DailyMetric.platform, latest, func.max(Campaign.last_import_at))
            .join(Campaign, Campaign.id == DailyMetric.campaign_id)
            .where(Campaign.team_id == team_id, Campaign.archived_at.is_(None))
            .group_by(DailyMetric.platform)
            .order_by(DailyMetric.platform)
        )
        if campaign_ids is not None:
            query = query.where(Campaign.id.in_(list(campaign_ids)))
        with self._engine.connect() as conn:
            return [
                Freshness(str(p), _date(day), aware_or_none(at))
                for p, day, at in conn.execute(query)
            ]

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _user(team_id: str, user_id: str) -> Select[HomeUser]:
        return select(HomeUser).where(HomeUser.team_id == team_id, HomeUser.user_id == user_id)

    def _set(self, team_id: str, user_id: str, **values: object) -> None:
        stmt = (
            update(HomeUser)
            .where(HomeUser.team_id == team_id, HomeUser.user_id == user_id)
            .values(**values)
        )
        with self._engine.begin() as conn:
            conn.execute(stmt)
