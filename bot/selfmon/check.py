"""The data-gap check: each running campaign whose data is late is told once to every
channel its targets (and watches) post in — "No data for campaign-x since 24 Nov …".

Once, across replicas and restarts: the notice ``gap:<campaign>:<last day>:<channel>`` is
claimed in the database before the post (storage.notices, the alert claim's pattern). The
key names the gap's last day with data, so data coming back and stopping again is a new
gap and is told again; the notices of a gap that closed are dropped by the next check
(forget_closed), so only open gaps keep theirs. A channel kpibot cannot post in is logged
(no traceback) and left; the other channels and campaigns are still told.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from bot.alerts.checker import as_of_day, make_poster
from bot.blocks.common import section
from bot.errors import ChannelGone, NoBotToken
from bot.posting import Poster
from bot.selfmon.gaps import CampaignGap, campaign_gaps
from bot.selfmon.lines import gap_line
from bot.services import Services

log = logging.getLogger(__name__)


@dataclass
class GapReport:
    """What a check found and did: gaps, posts made, posts that failed (team#campaign@C)."""

    gaps: int = 0
    posted: int = 0
    failed: list[str] = field(default_factory=list)


def gap_key(campaign_id: int, last_day: dt.date, channel: str) -> str:
    return f"gap:{campaign_id}:{last_day.isoformat()}:{channel}"


def forget_closed(services: Services, team_id: str, gaps: list[CampaignGap]) -> int:
    """Drop the gap notices of gaps that closed (data came again, or the campaign stopped
    being late): the notices of the open gaps are kept, so each is told once. Returns how
    many were dropped."""
    open_gaps = {f"gap:{g.campaign.id}:{g.gap.last_day.isoformat()}:" for g in gaps}
    dropped = 0
    for key in services.notices.keys(team_id, "gap:"):
        prefix = key[: key.rindex(":") + 1]
        if prefix not in open_gaps:
            dropped += services.notices.forget(team_id, key)
    return dropped


def check_gaps(
    services: Services,
    team_id: str | None = None,
    *,
    now: dt.datetime | None = None,
    poster: Poster | None = None,
) -> GapReport:
    """Tell the channels of late campaigns' targets, each gap once (see the module)."""
    now = now or dt.datetime.now(dt.UTC)
    report = GapReport()
    teams = [team_id] if team_id else [w.team_id for w in services.repo.list_workspaces()]
    for team in teams:
        ws = services.repo.ensure_workspace(team)
        today = as_of_day(services, ws.timezone, now)
        gaps = campaign_gaps(services, team, today)
        report.gaps += len(gaps)
        forget_closed(services, team, gaps)
        if not gaps:
            continue
        channels: dict[int, list[str]] = {}
        targets = services.targets.list_targets(team)
        for target in targets + services.targets.list_targets(team, kind="watch"):
            if target.campaign_id is not None:
                own = channels.setdefault(target.campaign_id, [])
                if target.channel_id not in own:
                    own.append(target.channel_id)
        try:
            team_poster = poster or make_poster(services, team)
        except NoBotToken as exc:
            log.info("data gaps of %s not told: %s", team, exc)
            continue
        for gap in gaps:
            text = gap_line(gap, ws.timezone, ws.locale, this_year=today.year)
            for channel in channels.get(gap.campaign.id, []):
                key = gap_key(gap.campaign.id, gap.gap.last_day, channel)
                if not services.notices.claim(team, key, now):
                    continue  # told already, or being told by another check
                try:
                    team_poster.post(channel, text=text, blocks=[section(text)])
                except Exception as exc:
                    where = f"{team}#{gap.campaign.slug}@{channel}"
                    error = exc.error if isinstance(exc, ChannelGone) else type(exc).__name__
                    log.warning("data gap of %s not posted: %s", where, error)
                    gone = isinstance(exc, ChannelGone)  # retried only when it may work
                    services.notices.failed(team, key, str(error), retry=not gone)
                    report.failed.append(where)
                    continue
                services.notices.sent(team, key)
                report.posted += 1
    return report


def check_quietly(services: Services) -> None:
    """The scheduler's check: never raises."""
    if not services.settings.bot_token and not services.settings.oauth:
        return
    try:
        report = check_gaps(services)
    except Exception:
        log.exception("data gap check failed")
        return
    if report.posted or report.failed:
        log.info(
            "data gaps: %s found, %s told, failed: %s", report.gaps, report.posted, report.failed
        )
    else:  # every tick, for who follows the scheduler (KPIBOT_LOG_LEVEL=DEBUG)
        log.debug("data gaps checked: %s found, none to tell", report.gaps)
