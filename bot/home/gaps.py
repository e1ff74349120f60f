"""The Home tab's "no data since" flags: the followed campaigns on the page whose data is
late (bot.selfmon), each as the line a card shows, in the person's language."""

from __future__ import annotations

from bot.home.data import HomeData
from bot.selfmon.gaps import campaign_gaps
from bot.selfmon.lines import gap_line
from bot.services import Services


def gap_notes(services: Services, data: HomeData) -> dict[int, str]:
    """Campaign id → ":warning: No data since 24 Nov (nothing for 25–27 Nov) —
    the last import was …" for the cards of the page whose data is late."""
    ids = [card.campaign.id for card in data.cards]
    if not ids:
        return {}
    zone = services.repo.ensure_workspace(data.team_id).timezone
    gaps = campaign_gaps(services, data.team_id, data.today, ids)
    return {
        g.campaign.id: gap_line(g, zone, data.locale, named=False, this_year=data.today.year)
        for g in gaps
    }
