"""The target check: evaluate every target, and post a message only on a state change.

The change is claimed in the database first (TargetRepository.claim_transition, a
conditional UPDATE): of two checks racing for it exactly one gets the event and posts; the
other gets None and stays silent. The claim is a lease: an alert whose message failed to
build or post, or whose process died before posting, is taken over by a later check
(claim_undelivered), judged again on the day it was raised and posted once; after
MAX_ATTEMPTS, or when the channel is gone, it is given up, logged at ERROR and its creator
is told in a direct message. The first alert of a target
starts a thread; later alerts go into it. A snoozed target is evaluated but nothing is
claimed until the snooze runs out, so the stored state stays what the channel was told.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pandas as pd
from slack_sdk.errors import SlackApiError

from bot.alerts.blocks import AlertView, alert_blocks, alert_text, kpi_label
from bot.alerts.creator import (
    creator_of,
    tell_internal,
    tell_once,
    tell_unevaluable,
    told_targets,
)
from bot.alerts.data import Scope, cause_of, judge, spec_of
from bot.alerts.grouped import evaluations
from bot.errors import ChannelGone, NotInstalled
from bot.posting import PACER, Poster
from bot.services import Services
from bot.texts import t
from kpi.money import uses_money
from kpi.registry import lookup
from kpi.targets import FINAL, Alert, Evaluation, next_state, transition
from storage.targets.alerts import MAX_ATTEMPTS
from storage.targets.records import AlertEventRec, TargetRec
from storage.workspaces import WorkspaceRec

log = logging.getLogger(__name__)

#: One pace per process: one message a second per channel across every check.


@dataclass
class CheckReport:
    """What a check did: targets evaluated, state changes claimed, messages posted."""

    checked: int = 0
    changes: int = 0
    posted: int = 0
    failed: list[str] = field(default_factory=list)
    #: workspaces without a token (uninstalled, revoked): not checked
    skipped: list[str] = field(default_factory=list)


def make_poster(services: Services, team_id: str) -> Poster:
    """Posting into `team_id` with that workspace's current token (services.clients).
    Raises NoBotToken without one (NotInstalled: the app is not installed there)."""
    return Poster(services.clients.client_for(team_id), PACER)


def as_of_day(services: Services, tz: str, now: dt.datetime) -> dt.date:
    """The workspace's today (KPIBOT_TODAY when set): what checks judge up to."""
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
    given) as of the workspace's today, posting the alerts their state changes raise, with
    each workspace's own token (`poster` overrides it: tests). A workspace without a token
    (uninstalled, revoked) is skipped before anything is claimed."""
    now = now or dt.datetime.now(dt.UTC)
    report = CheckReport()
    teams = [team_id] if team_id else [w.team_id for w in services.repo.list_workspaces()]
    repo = services.targets
    for team in teams:
        try:
            team_poster = poster or make_poster(services, team)
        except NotInstalled as exc:
            log.info("targets of %s not checked: %s", team, exc)
            report.skipped.append(team)
            continue
        ws = services.repo.ensure_workspace(team)
        as_of = as_of_day(services, ws.timezone, now)
        _redeliver(services, ws, as_of, now, team_poster, report, target_id)
        targets = [
            target
            for target in repo.list_targets(team)
            if (target_id is None or target.id == target_id) and target.state not in FINAL
        ]
        found = _evaluations(services, team, targets, as_of, ws.timezone)
        campaigns = services.repo.list_campaigns(team)
        codes = {c.currency for c in campaigns if c.currency}
        slugs = {c.id: c.slug for c in campaigns}
        tick = _Tick(told_targets(services, team), {})
        try:
            _check_all(services, targets, found, (slugs, codes), ws, (as_of, now), team_poster,
                       report, tick)  # fmt: skip
        finally:  # the unchanged targets' values, stored together
            repo.record_checks(team, tick.unchanged)
    return report


@dataclass(frozen=True, slots=True)
class _Tick:
    """What a workspace's check shares between its targets: the targets whose creator was
    told a cause (to forget when they evaluate again) and the unchanged targets' values."""

    told: set[int]
    unchanged: dict[int, float | None]


def _check_all(
    services: Services,
    targets: list[TargetRec],
    found: dict[int, Evaluation | LookupError],
    names: tuple[dict[int, str], set[str]],
    ws: WorkspaceRec,
    when: tuple[dt.date, dt.datetime],
    team_poster: Poster,
    report: CheckReport,
    tick: _Tick,
) -> None:
    slugs, codes = names
    as_of, now = when
    team = ws.team_id
    for target in targets:
        try:
            evaluation = found.get(target.id)
            if isinstance(evaluation, LookupError):
                raise evaluation
            if evaluation is None:  # the grouped read failed: this target alone
                evaluation = judge(services, target, as_of, ws.timezone)[0]
            label = _label(slugs, target, ws)
            _check_one(services, target, evaluation, (label, codes), ws, as_of, now,
                           team_poster, report, tick)  # fmt: skip
        except LookupError as exc:  # its campaign went meanwhile: nothing to fix here
            log.info("target %s of %s not checked: %s", target.id, team, exc)
        except Exception:
            # One broken target must not keep the others from being checked.
            log.exception("checking target %s of %s failed", target.id, team)
            report.failed.append(f"{team}#{target.id}")
            tell_internal(services, team_poster, target, ws)


def _evaluations(
    services: Services, team: str, targets: list[TargetRec], as_of: dt.date, tz: str
) -> dict[int, Evaluation | LookupError]:
    """Every target's evaluation from a few grouped reads (bot.alerts.grouped); empty when
    those fail, so each target is then judged on its own and one bad target stays one."""
    try:
        return evaluations(services, team, targets, as_of, tz)
    except Exception:
        log.exception("grouped evaluation of %s failed: judging its targets one by one", team)
        return {}


def _check_one(
    services: Services,
    target: TargetRec,
    evaluation: Evaluation,
    names: tuple[str, set[str]],
    ws: WorkspaceRec,
    as_of: dt.date,
    now: dt.datetime,
    poster: Poster,
    report: CheckReport,
    tick: _Tick,
) -> None:
    """Act on ``evaluation`` (what `judge` gives for the target as of ``as_of``): store the
    value, or claim the state change and post its alert. ``names``: the target's campaign
    as the channel reads it, and the currencies of the workspace's campaigns."""
    repo = services.targets
    campaign, codes = names
    if target.campaign_id is None and len(codes) > 1 and uses_money(lookup(target.kpi)):
        # Money of all campaigns is now in several currencies: a sum of A$ and £ would be
        # judged. Left as it is, never alerted on; `/kpi targets` still lists it.
        log.info("target %s: all-campaigns money target over %s not checked", target.id, codes)
        return
    report.checked += 1
    tell_unevaluable(services, poster, target, ws, evaluation, campaign, tick.told)
    new_state = next_state(target.state, evaluation)
    if new_state == target.state or target.snoozed_at(now):
        tick.unchanged[target.id] = evaluation.value
        return
    window = None
    if evaluation.window_start and evaluation.window_end:
        window = (evaluation.window_start, evaluation.window_end)
    alert = transition(target.state, evaluation)
    event = repo.claim_transition(
        target.team_id, target.id, target.state, new_state, evaluation.value, window,
        notify=alert is not None, as_of=as_of, now=now,
    )  # fmt: skip
    if event is None:
        return  # another check claimed this change and posts it
    report.changes += 1
    if alert is None:
        return  # e.g. new -> ok: stored, nothing to tell
    # The alert's message reads the target's whole frame (its likely cause): read here,
    # for the few targets whose state changed.
    judged, daily, scope = judge(services, target, as_of, ws.timezone)
    alert = transition(target.state, judged) or alert
    _post(services, poster, target, event, alert, ws, daily, scope, report)


def _label(slugs: dict[int, str], target: TargetRec, ws: WorkspaceRec) -> str:
    """The target's campaign slug, or "all campaigns"; LookupError when it is gone."""
    if target.campaign_id is None:
        return t("targets.all_campaigns", ws.locale)
    if target.campaign_id not in slugs:
        raise LookupError(f"campaign {target.campaign_id} of target {target.id} is gone")
    return slugs[target.campaign_id]


def _redeliver(
    services: Services,
    ws: WorkspaceRec,
    as_of: dt.date,
    now: dt.datetime,
    poster: Poster,
    report: CheckReport,
    target_id: int | None,
) -> None:
    """Post the workspace's alerts that were claimed and never posted (see the module)."""
    repo = services.targets
    for event in repo.claim_undelivered(ws.team_id, now=now, target_id=target_id):
        target = repo.get_target(ws.team_id, event.target_id)
        if target is None:
            continue  # deleted meanwhile, with its events
        try:
            evaluation, daily, scope = judge(services, target, event.as_of or as_of, ws.timezone)
            kind = "recovered" if event.to_state == "ok" else event.to_state
            alert = Alert(kind, event.from_state, event.to_state, evaluation)  # type: ignore[arg-type]  # states stored as text
        except Exception as exc:
            _failed(services, poster, target, event, ws, exc, report)
            continue
        _post(services, poster, target, event, alert, ws, daily, scope, report)


def _post(
    services: Services,
    poster: Poster,
    target: TargetRec,
    event: AlertEventRec,
    alert: Alert,
    ws: WorkspaceRec,
    daily: pd.DataFrame,
    scope: Scope,
    report: CheckReport,
) -> None:
    """Build and post a claimed alert; record its ts, or the failure."""
    try:
        kpi = lookup(target.kpi)
        codes = {c.currency for c in services.repo.list_campaigns(target.team_id) if c.currency}
        view = AlertView(
            target_id=target.id,
            campaign=(
                scope.campaign.slug if scope.campaign else t("targets.all_campaigns", ws.locale)
            ),
            spec=spec_of(target),
            locale=ws.locale,
            currency=(scope.campaign.currency if scope.campaign else None)
            or (next(iter(codes)) if len(codes) == 1 else ws.currency),
            cause=cause_of(kpi, daily, alert.evaluation, scope.ltv),
        )
        ts = poster.post(
            target.channel_id,
            text=alert_text(view, alert),
            blocks=alert_blocks(view, alert),
            thread_ts=target.thread_ts,
        )
    except Exception as exc:
        _failed(services, poster, target, event, ws, exc, report)
        return
    services.targets.record_message_ts(target.team_id, event.id, ts)
    report.posted += 1


def _failed(
    services: Services,
    poster: Poster,
    target: TargetRec,
    event: AlertEventRec,
    ws: WorkspaceRec,
    exc: Exception,
    report: CheckReport,
) -> None:
    """An alert that could not be built or posted: retried by a later check, or given up
    (the channel is gone, or MAX_ATTEMPTS reached) and its creator told. Always ERROR."""
    repo = services.targets
    where = f"{target.team_id}#{target.id}"
    report.failed.append(where)
    slack_error = exc.error if isinstance(exc, ChannelGone) else None
    if isinstance(exc, SlackApiError):
        slack_error = str(exc.response.get("error", "")) or None
    error = slack_error or f"{type(exc).__name__}: {exc}"
    trace = None if slack_error else exc
    if isinstance(exc, ChannelGone) or event.attempts >= MAX_ATTEMPTS:
        log.error("target %s: alert %s given up after %s attempt(s): %s",
                  where, event.id, event.attempts, error, exc_info=trace)  # fmt: skip
        repo.mark_event_failed(target.team_id, event.id, error, retry=False)
        tell_creator(services, poster, target, ws, slack_error)
        return
    log.error("target %s: alert %s not posted (retried at the next check): %s",
              where, event.id, error, exc_info=trace)  # fmt: skip
    repo.mark_event_failed(target.team_id, event.id, error)


def tell_creator(
    services: Services, poster: Poster, target: TargetRec, ws: WorkspaceRec, error: str | None
) -> None:
    """A direct message to the target's creator: its alert could not be posted, and why
    (Slack's error code, or "an error on our side") — once per cause (bot.alerts.creator)."""
    if creator_of(target) is None:
        return  # set from the CLI, or unknown: nobody to tell in Slack
    reason = f"`{error}`" if error and error.replace("_", "").isalnum() else None
    text = t(
        "alerts.undeliverable",
        ws.locale,
        target=target.id,
        kpi=kpi_label(target.kpi, ws.locale),
        channel=target.channel_id,
        reason=reason or t("alerts.undeliverable.internal", ws.locale),
    )
    tell_once(services, poster, target, f"post:{error if reason else 'internal'}", text)


def check_quietly(services: Services, team_id: str | None = None, **kw: object) -> None:
    """A check for hooks and the scheduler: never raises; without a bot token it logs and
    does nothing (claiming a change nobody is told of would lose the alert)."""
    if not services.settings.bot_token and not services.settings.oauth:
        log.info("target check skipped: SLACK_BOT_TOKEN is not set")
        return
    try:
        report = check_targets(services, team_id, **kw)  # type: ignore[arg-type]  # kw: check_targets' own keywords
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
    else:  # every tick, for who follows the scheduler (KPIBOT_LOG_LEVEL=DEBUG)
        log.debug("target check: %s checked, no changes", report.checked)
