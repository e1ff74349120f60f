"""Sending replies: to a slash command's response_url, with Slack's retry rules."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.webhook import WebhookClient

from bot.blocks.common import context, fit
from bot.blocks.mrkdwn import mrkdwn
from bot.context import Reply
from bot.slack_client import retry_handlers

log = logging.getLogger(__name__)


def message(
    reply: Reply, *, in_channel: bool = False, shared_by: str | None = None
) -> dict[str, Any]:
    """The message body for a reply: ephemeral by default; shared copies lose their buttons."""
    blocks = reply.blocks
    if in_channel:
        blocks = [b for b in blocks if b.get("type") != "actions"]
        if shared_by:
            blocks = [*blocks, context(shared_by)]
    return {
        "response_type": "in_channel" if in_channel else "ephemeral",
        "text": mrkdwn(reply.text),
        "blocks": fit(blocks),
    }


def send(response_url: str, body: dict[str, Any]) -> None:
    client = WebhookClient(url=response_url, timeout=10, retry_handlers=retry_handlers())
    response = client.send_dict(body)
    if response.status_code != 200:
        log.warning("response_url answered %s: %s", response.status_code, response.body)
