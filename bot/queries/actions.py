"""Buttons under a reply: "Share in channel" and "Full report". Each repeats a `/kpi`
question carried in the button's value; a value that is not one (tampered, or a command
that changes something) is answered as an out-of-date button, never run."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot import payloads, responder
from bot.blocks.common import section
from bot.blocks.mrkdwn import mention
from bot.context import Ctx, Reply
from bot.dispatch import answer, make_ctx, read_command
from bot.errors import StalePayload, UserError
from bot.grammar import Compare, Help, KpiQuery, ListCampaigns, Report
from bot.services import Services

log = logging.getLogger(__name__)
#: What a Share or Full report button may repeat: questions, never changes.
QUESTIONS = (KpiQuery, Report, Compare, ListCampaigns, Help)


def _ctx(services: Services, found: payloads.Who) -> Ctx:
    return make_ctx(
        services,
        found.team_id,
        user_id=found.user_id,
        channel_id=found.channel_id,
        channel_name=found.channel_name,
    )


def clicked(services: Services, body: dict[str, Any]) -> tuple[Ctx, str, str] | None:
    """(ctx, the question, response_url) of a Share / Full report click; None when the
    body has no workspace or response_url to answer (logged); StalePayload when the value
    is not a question kpibot put there."""
    url = body.get("response_url") if isinstance(body, dict) else None
    try:
        found = payloads.who(body)
    except StalePayload:
        found = None
    if found is None or not isinstance(url, str) or not url:
        log.warning("a reply button without a workspace or response_url was ignored")
        return None
    ctx = _ctx(services, found)
    try:
        _action, value = payloads.action(body)
        command = payloads.command(value)
        parsed = read_command(services, command)
        if not isinstance(parsed, QUESTIONS):
            raise StalePayload("c")
    except (StalePayload, UserError):
        text = ctx.t("action.stale")
        message = responder.message(Reply([section(":hourglass: " + text)], text, ok=False))
        message["replace_original"] = False
        responder.send(url, message)
        return None
    return ctx, command, url


def on_share(services: Services, body: dict[str, Any]) -> None:
    found = clicked(services, body)
    if found is None:
        return
    ctx, command, url = found
    reply = answer(services, ctx, command)
    shared_by = ctx.t("reply.shared_by", user=mention(ctx.user_id), command=f"/kpi {command}")
    body_in_channel = responder.message(reply, in_channel=reply.ok, shared_by=shared_by)
    body_in_channel["delete_original"] = reply.ok
    responder.send(url, body_in_channel)


def on_report(services: Services, body: dict[str, Any]) -> None:
    found = clicked(services, body)
    if found is None:
        return
    ctx, command, url = found
    message = responder.message(answer(services, ctx, command))
    message["replace_original"] = False
    responder.send(url, message)


def register(app: App, services: Services) -> None:
    @app.action("share_in_channel")
    def share(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        on_share(services, body)

    @app.action("full_report")
    def report(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        on_report(services, body)
