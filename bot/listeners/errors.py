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

log = logging.getLogger("kpibot.errors")


def register(app: App, services: Services) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        tell_crash(services, error, body)


def tell_crash(services: Services, error: Exception, body: dict[str, Any]) -> None:
    """Log the traceback and tell the user, through the body's response_url, that it went
    wrong on our side (also for a listener's work that runs after Bolt's part is done)."""
    log.error("unhandled error in a Slack listener", exc_info=error)
    url = body.get("response_url") if isinstance(body, dict) else None
    team = (
        body.get("team_id") or (body.get("team") or {}).get("id")
        if isinstance(body, dict)
        else None
    )
    if not url or not team:
        return
    try:
        ctx = make_ctx(services, team)
        text = ctx.t("error.internal")
        blocks = crash_blocks(ctx)
    except Exception:  # the database itself may be what failed
        text = "Sorry — something went wrong on our side. Please try again in a minute."
        blocks = [section(text)]
    responder.send(url, responder.message(Reply(blocks, text, ok=False)))
