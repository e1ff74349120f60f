"""The buttons under a delete or merge confirmation, and under `/kpi log` asking whether to
create a campaign. A click is checked against the workspace it comes from: the campaign ids
it carries must still be this workspace's campaigns, by the same names, holding what the
confirmation said; otherwise nothing is done and the button is "out of date"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot import responder
from bot.blocks.common import section
from bot.blocks.mrkdwn import mention
from bot.campaigns.blocks import (
    CANCEL,
    CONFIRM,
    LOG_CREATE,
    LOG_TO,
    clicked_value,
    confirm_request,
    fingerprint,
    footprint_lines,
    log_request,
)
from bot.context import Ctx, Reply
from bot.dispatch import answer, make_ctx
from bot.errors import GrammarError
from bot.grammar import Log, parse
from bot.services import Services
from kpi.periods import looks_like_period
from storage.errors import UnknownCampaign

log = logging.getLogger(__name__)


def ctx_of(services: Services, body: dict[str, Any]) -> Ctx | None:
    team = (body.get("team") or {}).get("id") or body.get("team_id")
    user = body.get("user") or {}
    channel = body.get("channel") or {}
    if not isinstance(team, str) or not team:
        return None
    return make_ctx(
        services,
        team,
        user_id=user.get("id"),
        channel_id=channel.get("id"),
        channel_name=channel.get("name"),
    )


def _stale(ctx: Ctx) -> Reply:
    text = ctx.t("campaign.stale")
    return Reply([section(":hourglass: " + text)], text, ok=False)


def on_confirm(services: Services, ctx: Ctx, value: dict[str, Any] | None) -> Reply:
    """Delete or merge, if the button still describes the workspace as it is now."""
    request = None if value is None else confirm_request(value)
    if request is None:
        return _stale(ctx)
    repo = services.repo
    into_id = request.get("to")
    try:
        rec = repo.get_campaign(ctx.team_id, request["id"])
        into = None if into_id is None else repo.get_campaign(ctx.team_id, into_id)
        if rec is None or rec.slug != request["s"]:
            return _stale(ctx)
        if into_id is not None and (
            into is None or into.slug != request["ts"] or into.id == rec.id
        ):
            return _stale(ctx)
        if fingerprint(repo.footprint(ctx.team_id, rec.id, into_id)) != request["f"]:
            return _stale(ctx)
        user = mention(ctx.user_id) if ctx.user_id else "kpibot"
        if into is None:
            gone = repo.delete_campaign(ctx.team_id, rec.id)
            text = ctx.t("campaign.deleted", user=user, slug=rec.slug)
            lines = footprint_lines(ctx, gone)
        else:
            moved = repo.merge_campaigns(ctx.team_id, rec.id, into.id)
            text = ctx.t("campaign.merged", user=user, slug=rec.slug, into=into.slug)
            lines = footprint_lines(ctx, moved, overlap=True, done=True)
    except UnknownCampaign:  # removed by someone else between the checks and the change
        return _stale(ctx)
    return Reply([section(text + "\n" + "\n".join(lines))], text)


def on_log(services: Services, ctx: Ctx, value: dict[str, Any] | None, *, create: bool) -> Reply:
    """Create the campaign and log (LOG_CREATE), or log to an existing one (LOG_TO)."""
    request = None if value is None else log_request(value)
    if request is None or (request[1] is None) == create:
        return _stale(ctx)
    text, slug, name = request
    try:
        cmd = parse(
            "log " + text,
            keywords=services.features.keywords,
            is_kpi=lambda _words: 0,
            is_period=looks_like_period,
        )
    except GrammarError:
        return _stale(ctx)
    if not isinstance(cmd, Log) or cmd.campaign is None:
        return _stale(ctx)
    if create:
        if cmd.campaign != slug or slug is None:
            return _stale(ctx)
        services.repo.ensure_campaign(ctx.team_id, slug, name)
    elif services.repo.find_campaign(ctx.team_id, cmd.campaign) is None:
        return _stale(ctx)
    return answer(services, ctx, "log " + text)


def _reply(
    services: Services,
    body: dict[str, Any],
    handle: Callable[[Ctx, dict[str, Any] | None], Reply],
) -> None:
    ctx = ctx_of(services, body)
    url = body.get("response_url")
    if ctx is None or not isinstance(url, str):
        log.warning("a campaign button without a workspace or response_url was ignored")
        return
    reply = handle(ctx, clicked_value(body))
    message = responder.message(reply)
    message["replace_original"] = True
    responder.send(url, message)


def register(app: App, services: Services) -> None:
    @app.action(CONFIRM)
    def confirm(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, lambda ctx, value: on_confirm(services, ctx, value))

    @app.action(CANCEL)
    def cancel(ack: Ack, body: dict[str, Any]) -> None:
        ack()

        def cancelled(ctx: Ctx, _value: object) -> Reply:
            text = ctx.t("campaign.cancelled")
            return Reply([section(text)], text)

        _reply(services, body, cancelled)

    @app.action(LOG_CREATE)
    def log_create(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, lambda ctx, value: on_log(services, ctx, value, create=True))

    @app.action(LOG_TO)
    def log_to(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, lambda ctx, value: on_log(services, ctx, value, create=False))
