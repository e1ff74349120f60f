"""Buttons under a reply: "Share in channel" and "Full report"."""

from __future__ import annotations

import json

from slack_bolt import Ack, App

from bot import responder
from bot.blocks.mrkdwn import mention
from bot.dispatch import answer, make_ctx
from bot.services import Services


def _ctx(services: Services, body: dict):  # type: ignore[no-untyped-def]
    channel = body.get("channel") or {}
    return make_ctx(
        services,
        body["team"]["id"],
        user_id=body["user"]["id"],
        channel_id=channel.get("id"),
        channel_name=channel.get("name"),
    )


def register(app: App, services: Services) -> None:
    @app.action("share_in_channel")
    def on_share(ack: Ack, body: dict) -> None:
        ack()
        command = json.loads(body["actions"][0]["value"])["c"]
        ctx = _ctx(services, body)
        reply = answer(services, ctx, command)
        shared_by = ctx.t("reply.shared_by", user=mention(ctx.user_id), command=f"/kpi {command}")
        body_in_channel = responder.message(reply, in_channel=reply.ok, shared_by=shared_by)
        body_in_channel["delete_original"] = reply.ok
        responder.send(body["response_url"], body_in_channel)

    @app.action("full_report")
    def on_report(ack: Ack, body: dict) -> None:
        ack()
        command = json.loads(body["actions"][0]["value"])["c"]
        ctx = _ctx(services, body)
        message = responder.message(answer(services, ctx, command))
        message["replace_original"] = False
        responder.send(body["response_url"], message)
