"""The running campaigns of a workspace whose data is late (kpi.stale) as of its today,
with what a person needs to act: when it was last imported, or how its last sync ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services import Services
from kpi.stale import Gap, data_gap, oldest_day_read
from storage.campaigns.records import CampaignRec
from storage.connections import ConnectionRec


@dataclass(frozen=True)
class CampaignGap:
    """A late campaign: its gap, its last import, and (synced campaigns) the connection of
    its platforms that synced last (None: imported or logged by hand)."""

    campaign: CampaignRec
    gap: Gap
    imported_at: dt.datetime | None
    connection: ConnectionRec | None


def _latest(found: Sequence[ConnectionRec]) -> ConnectionRec | None:
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return max(found, key=lambda c: c.last_sync_at or epoch, default=None)


def campaign_gaps(
    services: Services, team_id: str, today: dt.date, campaign_ids: Sequence[int] | None = None
) -> list[CampaignGap]:
    """Every running campaign of `team_id` (only `campaign_ids` when given) missing
    KPIBOT_STALE_DAYS days or more of data as of `today`, the longest gap first."""
    n = services.settings.stale_days
    if n < 1:
        return []
    wanted = None if campaign_ids is None else set(campaign_ids)
    recs = {c.id: c for c in services.repo.list_campaigns(team_id)}
    connections: list[ConnectionRec] | None = None
    found = []
    for days in services.repo.last_days(team_id, oldest_day_read(today, n)):
        rec = recs.get(days.campaign_id)
        if rec is None or (wanted is not None and rec.id not in wanted):
            continue
        gap = data_gap(days.last_day, days.day_before, rec.end_date, today, n)
        if gap is None:
            continue
        connection = None
        if days.synced:
            if connections is None:
                connections = services.connections.of_team(team_id)
            connection = _latest([c for c in connections if c.platform in days.synced])
        found.append(CampaignGap(rec, gap, rec.last_import_at, connection))
    found.sort(key=lambda g: (-g.gap.days, g.campaign.slug))
    return found
