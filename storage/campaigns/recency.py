"""How recent each campaign's data is: its last two days with data (what kpi.stale needs to
say whether a running campaign's data is late) and the platforms it is synced from.
Part of storage.repository.Repository."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, func, or_, select

from storage.models import Campaign, DailyMetric, PlatformCampaign


@dataclass(frozen=True, slots=True)
class LastDays:
    """A campaign's last day with data and the last day before it (None: none since
    ``since``), and the platforms a connection syncs it from (empty: imported by hand)."""

    campaign_id: int
    last_day: dt.date
    day_before: dt.date | None
    synced: frozenset[str]


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class RecencyMethods:
    engine: Engine

    def last_days(self, team_id: str, since: dt.date) -> list[LastDays]:
        """Every campaign of the workspace that is not archived and has data ending on or
        after ``since``: its last two days with data (a row covering several days counts
        on its last), by campaign id."""
        ends = func.coalesce(DailyMetric.day_end, DailyMetric.day)
        query = (
            select(DailyMetric.campaign_id, ends)
            .join(Campaign, Campaign.id == DailyMetric.campaign_id)
            .where(
                Campaign.team_id == team_id,
                Campaign.archived_at.is_(None),
                or_(DailyMetric.day >= since, DailyMetric.day_end >= since),
            )
            .group_by(DailyMetric.campaign_id, ends)
        )
        synced_q = select(PlatformCampaign.campaign_id, PlatformCampaign.platform).where(
            PlatformCampaign.team_id == team_id
        )
        days: dict[int, set[dt.date]] = defaultdict(set)
        synced: dict[int, set[str]] = defaultdict(set)
        with self.engine.connect() as conn:
            for campaign_id, day in conn.execute(query):
                days[int(campaign_id)].add(_date(day))
            for campaign_id, platform in conn.execute(synced_q):
                synced[int(campaign_id)].add(str(platform))
        found = []
        for campaign_id, seen in sorted(days.items()):
            ordered = sorted(seen)
            found.append(
                LastDays(
                    campaign_id,
                    ordered[-1],
                    ordered[-2] if len(ordered) > 1 else None,
                    frozenset(synced.get(campaign_id, ())),
                )
            )
        return found
