"""Telling a target's creator, in a direct message and in the workspace's language, that
their target could not be evaluated (no data in its window, a KPI that cannot be computed,
an error on our side) — once per cause: the notice ``creator:<target>:<cause>`` is claimed
first (storage.notices), and forgotten when the target is evaluated again, so a cause that
comes back is told again. Never raises: the other targets are still checked."""

from __future__ import annotations

import logging

from bot.alerts.blocks import kpi_label
from bot.blocks.common import section
from bot.posting import Poster
from bot.services import Services
from bot.texts import t
from kpi.formatting import fmt_date
from kpi.targets import Evaluation
from storage.targets.records import TargetRec
from storage.workspaces import WorkspaceRec

log = logging.getLogger(__name__)

#: Why an evaluation failed -> the cause named in the notice key and the fix's text key.
TOLD = {
    "targets.insufficient.no_data": "no_data",
    "targets.insufficient.na": "na",
}


def key_of(target: TargetRec, cause: str) -> str:
    return f"creator:{target.id}:{cause}"


def told_targets(services: Services, team_id: str) -> set[int]:
    """The ids of the workspace's targets whose creator was told a cause (one read)."""
    found: set[int] = set()
    for key in services.notices.keys(team_id, "creator:"):
        target_id, _, cause = key.removeprefix("creator:").partition(":")
        if cause.startswith("eval:") and target_id.isdigit():
            found.add(int(target_id))
    return found


def creator_of(target: TargetRec) -> str | None:
    """The Slack user who set the target (None: set from the CLI, nobody to tell)."""
    user = target.created_by or ""
    return user if user.startswith(("U", "W")) else None


def tell_once(services: Services, poster: Poster, target: TargetRec, cause: str, text: str) -> bool:
    """DM `text` to the target's creator unless this cause was told already. True if sent."""
    user = creator_of(target)
    if user is None:
        return False
    key = key_of(target, cause)
    if not services.notices.claim(target.team_id, key):
        return False
    try:
        poster.post(user, text=text, blocks=[section(text)])
    except Exception as exc:
        log.error("target %s: could not tell its creator %s either: %s", target.id, user, exc)
        services.notices.failed(target.team_id, key, type(exc).__name__)
        return False
    services.notices.sent(target.team_id, key)
    return True


def _reason(evaluation: Evaluation, locale: str) -> str:
    args = dict(evaluation.reason_args)
    if evaluation.reason == "targets.insufficient.na":
        term = str(args.get("term", ""))
        na = t(str(args.get("na", "na.unknown")), locale, term=t(f"term.{term}", locale))
        return t("targets.insufficient.na", locale, na=na)
    return t(evaluation.reason or "targets.insufficient.no_data", locale, **args)


def tell_unevaluable(
    services: Services,
    poster: Poster,
    target: TargetRec,
    ws: WorkspaceRec,
    evaluation: Evaluation,
    campaign: str,
    told: set[int] | None = None,
) -> bool:
    """The target could not be evaluated for a cause its creator can fix (TOLD): say so,
    once. A target evaluated again forgets its causes (told again when one comes back).
    `told`: the targets with such a cause on record (`told_targets`, read once for a check
    of many); None: look it up."""
    if evaluation.value is not None:
        if told is None or target.id in told:
            services.notices.forget(target.team_id, f"creator:{target.id}:eval:")
        return False
    cause = TOLD.get(evaluation.reason or "")
    if cause is None:
        return False  # too little volume, too few days for a pace: it will come
    term = str(evaluation.reason_args.get("term", ""))
    term_text = t(f"term.{term}", ws.locale) if term else ""
    fix = t(f"alerts.unevaluable.{cause}", ws.locale, campaign=campaign, term=term_text)
    text = t(
        "alerts.unevaluable",
        ws.locale,
        target=target.id,
        kpi=kpi_label(target.kpi, ws.locale),
        campaign=campaign,
        deadline=fmt_date(target.deadline, ws.locale),
        reason=_reason(evaluation, ws.locale),
        fix=fix,
    )
    detail = f"{cause}:{term}" if term else cause
    return tell_once(services, poster, target, f"eval:{detail}", text)


def tell_internal(services: Services, poster: Poster, target: TargetRec, ws: WorkspaceRec) -> None:
    """An error on our side kept the target from being checked: its creator is told once."""
    kpi = kpi_label(target.kpi, ws.locale)
    text = t("alerts.uncheckable", ws.locale, target=target.id, kpi=kpi)
    tell_once(services, poster, target, "eval:internal", text)
