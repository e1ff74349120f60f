"""The target check: evaluate every target, and post a message only on a state change.

The change is claimed in the database first (TargetRepository.claim_transition, a
conditional UPDATE): of two checks racing for it exactly one gets the event and posts; the
other gets None and stays silent. So the channel hears of a change at most once — if the
post itself fails after the claim, it is logged, not retried. The first alert of a target
starts a thread; later alerts go into it. A snoozed target is evaluated but nothing is
claimed until the snooze runs out, so the stored state stays what the channel was told.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.alerts.blocks import AlertView, alert_blocks, alert_text
from bot.alerts.data import cause_of, judge, spec_of, targets_repo
from bot.posting import PACER, ChannelGone, Poster
from bot.services import Services
from bot.slack_client import make_client
from kpi.i18n import t
from kpi.money import uses_money
from kpi.registry import lookup
from kpi.targets import FINAL, next_state, transition
from storage.records import WorkspaceRec
from storage.target_records import TargetRec

log = logging.getLogger(__name__)

#: One pace per process: one message a second per channel across every check.


class NoBotToken(Exception):
    """Alerts cannot be posted: SLACK_BOT_TOKEN is not set."""


@dataclass
class CheckReport:
    """What a check did: targets evaluated, state changes claimed, messages posted."""

    checked: int = 0
    changes: int = 0
    posted: int = 0
    failed: list[str] = field(default_factory=list)


def make_poster(services: Services) -> Poster:
    token = services.settings.bot_token
    if not token:
        raise NoBotToken("SLACK_BOT_TOKEN is not set, so alerts cannot be posted.")
    return Poster(make_client(token, services.settings.api_url), PACER)


def _as_of(services: Services, tz: str, now: dt.datetime) -> dt.date:
    if services.settings.today is not None:
        return services.settings.today
    return now.astimezone(ZoneInfo(tz)).date()


def check_targets(
    services: Services,
    team_id: str | None = None,
    *,
    now: dt.datetime | None = None,
    target_id: int | None = None,
    poster: Poster | None = None,
) -> CheckReport:
    """Check every target of ``team_id`` (every workspace when None; only ``target_id`` when
    given) as of the workspace's today, posting the alerts their state changes raise."""
    now = now or dt.datetime.now(dt.UTC)
    poster = poster or make_poster(services)
    report = CheckReport()
    teams = [team_id] if team_id else [w.team_id for w in services.repo.list_workspaces()]
    repo = targets_repo(services)
    for team in teams:
        ws = services.repo.ensure_workspace(team)
        as_of = _as_of(services, ws.timezone, now)
        targets = repo.list_targets(team)
        for target in targets:
            if target_id is not None and target.id != target_id:
                continue
            if target.state in FINAL:
                continue
            try:
                _check_one(services, target, ws, as_of, now, poster, report)
            except Exception:
                # One broken target must not keep the others from being checked.
                log.exception("checking target %s of %s failed", target.id, team)
                report.failed.append(f"{team}#{target.id}")
    return report


def _check_one(
    services: Services,
    target: TargetRec,
    ws: WorkspaceRec,
    as_of: dt.date,
    now: dt.datetime,
    poster: Poster,
    report: CheckReport,
) -> None:
    repo = targets_repo(services)
    codes = {c.currency for c in services.repo.list_campaigns(target.team_id) if c.currency}
    if target.campaign_id is None and len(codes) > 1 and uses_money(lookup(target.kpi)):
        # Money of all campaigns is now in several currencies: a sum of A$ and £ would be
        # judged. Left as it is, never alerted on; `/kpi targets` still lists it.
        log.info("target %s: all-campaigns money target over %s not checked", target.id, codes)
        return
    evaluation, daily, scope = judge(services, target, as_of, ws.timezone)
    report.checked += 1
    new_state = next_state(target.state, evaluation)
    if new_state == target.state or target.snoozed_at(now):
        repo.record_check(target.team_id, target.id, evaluation.value)
        return
    window = None
    if evaluation.window_start and evaluation.window_end:
        window = (evaluation.window_start, evaluation.window_end)
    event = repo.claim_transition(
        target.team_id, target.id, target.state, new_state, evaluation.value, window
    )
    if event is None:
        return  # another check claimed this change and posts it
    report.changes += 1
    alert = transition(target.state, evaluation)
    if alert is None:
        return  # e.g. new -> ok: stored, nothing to tell
    kpi = lookup(target.kpi)
    view = AlertView(
        target_id=target.id,
        campaign=scope.campaign.slug if scope.campaign else t("targets.all_campaigns", ws.locale),
        spec=spec_of(target),
        locale=ws.locale,
        currency=(scope.campaign.currency if scope.campaign else None)
        or (next(iter(codes)) if len(codes) == 1 else ws.currency),
        cause=cause_of(kpi, daily, evaluation, scope.ltv),
    )
    try:
        ts = poster.post(
            target.channel_id,
            text=alert_text(view, alert),
            blocks=alert_blocks(view, alert),
            thread_ts=target.thread_ts,
        )
    except ChannelGone as exc:
        log.warning("target %s: alert not posted, %s", target.id, exc)
        report.failed.append(f"{target.team_id}#{target.id}")
        return
    repo.record_message_ts(target.team_id, event.id, ts)
    report.posted += 1


def check_quietly(services: Services, team_id: str | None = None, **kw: object) -> None:
    """A check for hooks and the scheduler: never raises; without a bot token it logs and
    does nothing (claiming a change nobody is told of would lose the alert)."""
    if not services.settings.bot_token:
        log.info("target check skipped: SLACK_BOT_TOKEN is not set")
        return
    try:
        report = check_targets(services, team_id, **kw)  # type: ignore[arg-type]
    except Exception:
        log.exception("target check failed")
        return
    if report.changes or report.failed:
        log.info(
            "target check: %s checked, %s changes, %s posted, failed: %s",
            report.checked,
            report.changes,
            report.posted,
            report.failed,
        )
