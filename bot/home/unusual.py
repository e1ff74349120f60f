"""The "unusual" flags of the Home tab: per campaign on the page, its key KPIs on the last
day with metrics judged against the range its own history makes usual (kpi.unusual: STL
weekday pattern, robust spread, quiet without enough history or volume). A flag is the
line a reply shows (bot.unusual.lines: "Unusual: ROI 100.0 % on 2 Dec 2026 — expected
280.0 %–320.0 % (worse than usual)").

Home's card also shows the week's change against the week before, and the two can point
different ways: the change compares the week's days with the same days of the week before,
the flag one day (or the week's typical day) with what its own history — trend and weekday
pattern — makes usual. A CPA can be better than last week and still worse than usual (last
week was unusually bad), or the other way round. Where they disagree the flag says what
each compares, so the card never reads "better" and "worse" for one KPI without why."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd

from bot.home.data import Card, HomeData
from bot.services import Services
from bot.texts import t
from bot.unusual.lines import unusual_line
from kpi.formatting import fmt_date, fmt_date_range
from kpi.registry import REGISTRY
from kpi.unusual import HISTORY_DAYS, Verdict, judge_last

log = logging.getLogger(__name__)

#: The KPIs judged per campaign, besides its sparkline's.
JUDGED: tuple[str, ...] = ("cpa", "ctr", "engagement_rate", "roi")


def _week_differs(card: Card, name: str, better: bool, verdict: Verdict, locale: str) -> str:
    """What each compares, when the card's week change of `name` says the opposite of the
    flag (better against worse); "" when they agree or the card shows no change of it."""
    section = card.section
    line = next((x for x in section.lines if x.kpi.name == name), None) if section else None
    change = line.change if line is not None else None
    if change is None or change.better is None or change.better == better:
        return ""
    day = verdict.day
    when = (
        fmt_date(day, locale)
        if verdict.window <= 1
        else fmt_date_range(day - dt.timedelta(days=verdict.window - 1), day, locale)
    )
    week = t("change.better" if change.better else "change.worse", locale)
    return " " + t("home.unusual.differs", locale, week=week, when=when)


def unusual_flags(services: Services, data: HomeData) -> dict[int, list[str]]:
    """Campaign id → the lines of its KPIs outside their usual range on the last day with
    metrics, as replies word them, with what each compares where the card's week change
    points the other way. Empty when nothing is unusual (or nothing can be said)."""
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
                kpi = REGISTRY[name]
                better = (verdict.status == "high") == (kpi.direction == "higher")
                line = unusual_line(kpi, verdict, data.locale, card.currency)
                line += _week_differs(card, name, better, verdict, data.locale)
                flags.setdefault(card.campaign.id, []).append(line)
    return flags
