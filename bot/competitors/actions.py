"""The buttons under `/kpi competitor remove`: Remove checks the click against the workspace
it comes from (the competitor must still be this workspace's, by the same name, with as many
observations as the question said), else nothing is done and the button is out of date."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot import responder
from bot.blocks.common import section
from bot.blocks.mrkdwn import mention
from bot.campaigns.actions import ctx_of
from bot.competitors.blocks import CANCEL, REMOVE, read_value
from bot.context import Ctx, Reply
from bot.services import Services
from kpi.formatting import fmt_number

log = logging.getLogger(__name__)


def _stale(ctx: Ctx) -> Reply:
    text = ctx.t("competitor.stale")
    return Reply([section(":hourglass: " + text)], text, ok=False)


def on_remove(services: Services, ctx: Ctx, raw: object) -> Reply:
    """Remove the competitor if the button still describes it as it is now."""
    request = read_value(raw)
    if request is None:
        return _stale(ctx)
    competitor_id, name, count = request
    views = services.competitors.overview(ctx.team_id)
    view = next((v for v in views if v.competitor.id == competitor_id), None)
    if view is None or view.competitor.name != name or view.count != count:
        return _stale(ctx)
    gone = services.competitors.remove(ctx.team_id, competitor_id)
    if gone is None:  # removed by someone else between the check and the change
        return _stale(ctx)
    user = mention(ctx.user_id) if ctx.user_id else "kpibot"
    text = ctx.t(
        "competitor.removed", user=user, name=name, count=gone, shown=fmt_number(gone, ctx.locale)
    )
    return Reply([section(text)], text)


def _raw(body: dict[str, Any]) -> object:
    try:
        return body["actions"][0]["value"]
    except (KeyError, IndexError, TypeError):
        return None


def _reply(services: Services, body: dict[str, Any], handle: Callable[[Ctx], Reply]) -> None:
    ctx = ctx_of(services, body)
    url = body.get("response_url")
    if ctx is None or not isinstance(url, str):
        log.warning("a competitor button without a workspace or response_url was ignored")
        return
    message = responder.message(handle(ctx))
    message["replace_original"] = True
    responder.send(url, message)


def register(app: App, services: Services) -> None:
    @app.action(REMOVE)
    def remove(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, lambda ctx: on_remove(services, ctx, _raw(body)))

    @app.action(CANCEL)
    def cancel(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, lambda ctx: Reply([section(t := ctx.t("competitor.kept"))], t))
