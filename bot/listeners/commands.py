"""`/kpi`: acknowledged at once (Slack allows 3 seconds), answered through response_url."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot import responder
from bot.dispatch import answer, make_ctx
from bot.services import Services


def register(app: App, services: Services) -> None:
    @app.command("/kpi")
    def on_kpi(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        ctx = make_ctx(
            services,
            body["team_id"],
            user_id=body.get("user_id"),
            channel_id=body.get("channel_id"),
            channel_name=body.get("channel_name"),
            team_name=body.get("team_domain"),
        )
        reply = answer(services, ctx, body.get("text", ""))
        responder.send(body["response_url"], responder.message(reply))
