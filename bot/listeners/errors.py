"""The one error handler: log the traceback, answer the user plainly."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot import responder
from bot.blocks.common import section
from bot.blocks.errors import crash_blocks
from bot.context import Reply
from bot.dispatch import make_ctx
from bot.services import Services
from bot.texts import t

log = logging.getLogger("kpibot.errors")


def register(app: App, services: Services) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        tell_crash(services, error, body)


def tell_crash(services: Services, error: Exception, body: dict[str, Any]) -> None:
    """Log the traceback and tell the user, through the body's response_url, that it went
    wrong on our side (also for a listener's work that runs after Bolt's part is done)."""
    url = body.get("response_url") if isinstance(body, dict) else None
    team = (
        body.get("team_id") or (body.get("team") or {}).get("id")
        if isinstance(body, dict)
        else None
    )
    if not url or not isinstance(team, str) or not team:
        log.error("unhandled error in a Slack listener", exc_info=error)
        return
    responder.send(url, crash_message(services, error, team))


def crash_message(
    services: Services, error: Exception, team: str, locale: str | None = None
) -> dict[str, Any]:
    """Log the traceback; the message telling the user it went wrong on our side, in the
    workspace's language (`locale` when the database cannot say; English without)."""
    log.error("unhandled error in a Slack listener", exc_info=error)
    try:
        ctx = make_ctx(services, team)
        text = ctx.t("error.internal")
        blocks = crash_blocks(ctx)
    except Exception:  # the database itself may be what failed
        text = (
            t("error.internal", locale)
            if locale
            else "Sorry — something went wrong on our side. Please try again in a minute."
        )
        blocks = [section(text)]
    return responder.message(Reply(blocks, text, ok=False))
