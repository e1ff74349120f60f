"""The "unusual" flags of the Home tab: per campaign on the page, its key KPIs on the last
day with metrics judged against the range its own history makes usual (kpi.unusual: STL
weekday pattern, robust spread, quiet without enough history or volume). A flag reads
"ROI ▲ better" / "CPA ▲ worse"; the judging itself is kpi.unusual's."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd

from bot.home.data import HomeData
from bot.services import Services
from bot.texts import t
from kpi.registry import REGISTRY
from kpi.unusual import HISTORY_DAYS, judge_last

log = logging.getLogger(__name__)

#: The KPIs judged per campaign, besides its sparkline's.
JUDGED: tuple[str, ...] = ("cpa", "ctr", "engagement_rate", "roi")


def unusual_flags(services: Services, data: HomeData) -> dict[int, list[str]]:
    """Campaign id → labels of its KPIs outside their usual range on the last day with
    metrics ("ROI ▼ worse"). Empty when nothing is unusual (or nothing can be said)."""
    if data.digest is None or data.week is None or not data.cards:
        return {}
    last = data.digest.metrics_through or data.week.end
    start = last - dt.timedelta(days=HISTORY_DAYS + 1)
    ids = [card.campaign.id for card in data.cards if card.section is not None]
    if not ids:
        return {}
    try:
        daily = services.repo.daily_frame(data.team_id, ids, start, last, by="campaign")
    except Exception:  # flags are extra: Home is published without them
        log.exception("unusual flags of %s not read", data.team_id)
        return {}
    flags: dict[int, list[str]] = {}
    for card in data.cards:
        if card.section is None or not len(daily):
            continue
        mine = daily[daily["campaign"] == card.campaign.slug]
        if not len(mine) or pd.Timestamp(mine["day"].max()).date() < last:
            continue
        names = dict.fromkeys([card.spark.kpi] if card.spark else [])
        names.update(dict.fromkeys(JUDGED))
        for name in names:
            verdict = judge_last(REGISTRY[name], mine, last, card.campaign.ltv_per_customer)
            if verdict.unusual:
                high = verdict.status == "high"
                better = high == (REGISTRY[name].direction == "higher")
                word = t("change.better" if better else "change.worse", data.locale)
                label = t(f"kpi.{name}.label", data.locale)
                flags.setdefault(card.campaign.id, []).append(
                    f"{label} {'▲' if high else '▼'} {word}"
                )
    return flags
