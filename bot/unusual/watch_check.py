"""The watch check: every watched campaign x KPI judged against its usual range
(kpi.unusual), a message only when that changes — "unusual" in the watch's channel, "back
to normal" in its thread.

Watches are target rows of kind "watch" and share the targets' machinery: the change is
claimed in the database first (TargetRepository.claim_transition, one winner across
checks and replicas), the alert is a lease taken over by a later check when its post
failed or its process died (claim_undelivered), the first alert starts the thread
(record_message_ts), and the Acknowledge / Snooze buttons are the alerts feature's (a
snoozed watch is judged but nothing is claimed until the snooze runs out).
States: new -> ok | unusual; ok <-> unusual. A day with too little history or volume
changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.alerts.blocks import ACK, SNOOZE_1D, SNOOZE_7D
from bot.alerts.checker import CheckReport, as_of_day, make_poster, tell_creator
from bot.blocks.common import actions, button, context, section
from bot.errors import ChannelGone, NotInstalled
from bot.posting import Poster
from bot.services import Services
from bot.texts import t
from bot.unusual.judging import verdict_for
from bot.unusual.lines import unusual_line
from kpi.registry import lookup
from kpi.unusual import Verdict
from storage.targets.alerts import MAX_ATTEMPTS
from storage.targets.records import AlertEventRec, TargetRec
from storage.workspaces import WorkspaceRec

log = logging.getLogger(__name__)

KIND = "watch"
UNUSUAL, OK = "unusual", "ok"


def check_watches(
    services: Services,
    team_id: str | None = None,
    *,
    now: dt.datetime | None = None,
    poster: Poster | None = None,
) -> CheckReport:
    """Judge every watch of ``team_id`` (every workspace when None) on the last day with
    data up to the workspace's today; post the changes."""
    now = now or dt.datetime.now(dt.UTC)
    report = CheckReport()
    repo = services.targets
    teams = [team_id] if team_id else [w.team_id for w in services.repo.list_workspaces()]
    for team in teams:
        try:  # each workspace's messages with its own token; none: not checked
            team_poster = poster or make_poster(services, team)
        except NotInstalled as exc:
            log.info("watches of %s not checked: %s", team, exc)
            report.skipped.append(team)
            continue
        ws = services.repo.ensure_workspace(team)
        as_of = as_of_day(services, ws.timezone, now)
        for event in repo.claim_undelivered(team, now=now, kind=KIND):
            watch = repo.get_target(team, event.target_id)
            if watch is not None:
                _post(services, team_poster, watch, event, ws, report)
        for watch in repo.list_targets(team, kind=KIND):
            try:
                _check_one(services, watch, ws, as_of, now, team_poster, report)
            except Exception:
                log.exception("checking watch %s of %s failed", watch.id, team)
                report.failed.append(f"{team}#{watch.id}")
    return report


def _judge(services: Services, watch: TargetRec, as_of: dt.date) -> Verdict | None:
    """The watch's KPI on its last day with data up to ``as_of``; None without data."""
    ids = None if watch.campaign_id is None else [watch.campaign_id]
    span = services.repo.data_range(watch.team_id, ids)
    if span is None or span[0] > as_of:
        return None
    day = min(span[1], as_of)
    ltv = None
    if watch.campaign_id is not None:
        campaign = services.repo.get_campaign(watch.team_id, watch.campaign_id)
        ltv = campaign.ltv_per_customer if campaign else None
    return verdict_for(services.repo, watch.team_id, lookup(watch.kpi), ids, day, ltv=ltv)


def _check_one(
    services: Services,
    watch: TargetRec,
    ws: WorkspaceRec,
    as_of: dt.date,
    now: dt.datetime,
    poster: Poster,
    report: CheckReport,
) -> None:
    repo = services.targets
    verdict = _judge(services, watch, as_of)
    report.checked += 1
    if verdict is None or verdict.status == "quiet":
        return  # nothing can be said: the state stays what the channel was told
    state = UNUSUAL if verdict.unusual else OK
    if state == watch.state or watch.snoozed_at(now):
        repo.record_check(watch.team_id, watch.id, verdict.value)
        return
    notify = not (watch.state == "new" and state == OK)
    event = repo.claim_transition(
        watch.team_id, watch.id, watch.state, state, verdict.value, (verdict.day, verdict.day),
        notify=notify, as_of=verdict.day, now=now,
    )  # fmt: skip
    if event is None:
        return  # another check claimed this change and posts it
    report.changes += 1
    if notify:
        _post(services, poster, watch, event, ws, report, verdict)


def message(
    watch: TargetRec, slug: str, verdict: Verdict, locale: str, currency: str
) -> tuple[str, list[dict[str, Any]]]:
    """The alert: its title (unusual, or back to normal), the verdict's line, and for an
    unusual one the Acknowledge / Snooze buttons (the alerts feature's)."""
    kpi = lookup(watch.kpi)
    label = t(f"kpi.{kpi.name}.label", locale)
    key = "watch.alert.unusual" if verdict.unusual else "watch.alert.normal"
    title = t(key, locale, campaign=slug, kpi=label)
    line = unusual_line(kpi, verdict, locale, currency)
    blocks = [section(f"*{title}*"), context(line)]
    if verdict.unusual:
        value = {"t": watch.id}
        blocks.append(
            actions(
                button(t("alerts.button.ack", locale), ACK, value, style="primary"),
                button(t("alerts.button.snooze_1d", locale), SNOOZE_1D, {**value, "d": 1}),
                button(t("alerts.button.snooze_7d", locale), SNOOZE_7D, {**value, "d": 7}),
            )
        )
    return f"{title}\n{line}", blocks


def _post(
    services: Services,
    poster: Poster,
    watch: TargetRec,
    event: AlertEventRec,
    ws: WorkspaceRec,
    report: CheckReport,
    verdict: Verdict | None = None,
) -> None:
    """Build and post a claimed alert (judged again on its day when taken over); record
    its ts, or the failure (retried, or given up and its creator told)."""
    repo = services.targets
    try:
        campaign = None
        if watch.campaign_id is not None:
            campaign = services.repo.get_campaign(watch.team_id, watch.campaign_id)
        if verdict is None:
            ids = None if watch.campaign_id is None else [watch.campaign_id]
            day = event.as_of or event.created_at.date()
            verdict = verdict_for(services.repo, watch.team_id, lookup(watch.kpi), ids, day)
        slug = campaign.slug if campaign else t("targets.all_campaigns", ws.locale)
        currency = (campaign.currency if campaign else None) or ws.currency
        text, blocks = message(watch, slug, verdict, ws.locale, currency)
        ts = poster.post(watch.channel_id, text=text, blocks=blocks, thread_ts=watch.thread_ts)
    except Exception as exc:
        report.failed.append(f"{watch.team_id}#{watch.id}")
        give_up = isinstance(exc, ChannelGone) or event.attempts >= MAX_ATTEMPTS
        log.error("watch %s: alert %s not posted%s: %s", watch.id, event.id,
                  " (given up)" if give_up else "", exc, exc_info=exc)  # fmt: skip
        repo.mark_event_failed(watch.team_id, event.id, str(exc), retry=not give_up)
        if give_up:
            tell_creator(
                services, poster, watch, ws, exc.error if isinstance(exc, ChannelGone) else None
            )
        return
    repo.record_message_ts(watch.team_id, event.id, ts)
    report.posted += 1
