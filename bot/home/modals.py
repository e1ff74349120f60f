"""The modals the Home tab's buttons open: a campaign's report (read only), the same
report with a channel to share it in, and "digest to a channel" (channel, day, time). Pure
builders; the listeners are in bot.home.actions."""

from __future__ import annotations

import json
from typing import Any

from bot.blocks.common import plain_text
from bot.texts import t

SHARE_CALLBACK = "home_share"
DIGEST_CALLBACK = "home_digest"
MAX_TITLE = 24  # Slack's limit for a modal title and its buttons
#: Blocks of a report shown in a modal (Slack: 100; one is the channel input).
MAX_REPORT_BLOCKS = 90


def _title(text: str) -> dict[str, Any]:
    return plain_text(text, MAX_TITLE)


def report_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A reply's blocks for a modal: without its buttons (Share / Full report answer through
    a response_url, which a modal has not)."""
    return [b for b in blocks if b.get("type") != "actions"][:MAX_REPORT_BLOCKS]


def report_view(locale: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": _title(t("home.report.title", locale)),
        "close": _title(t("home.close", locale)),
        "blocks": report_blocks(blocks),
    }


def share_view(locale: str, campaign_id: int, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    channel = {
        "type": "input",
        "block_id": "channel",
        "label": plain_text(t("home.share.channel", locale), 2000),
        "element": {
            "type": "conversations_select",
            "action_id": "channel",
            "filter": {"include": ["public", "private"], "exclude_bot_users": True},
        },
    }
    return {
        "type": "modal",
        "callback_id": SHARE_CALLBACK,
        "title": _title(t("home.share.title", locale)),
        "submit": _title(t("home.share.submit", locale)),
        "close": _title(t("home.close", locale)),
        "private_metadata": json.dumps({"k": campaign_id}, separators=(",", ":")),
        "blocks": [channel, *report_blocks(blocks)],
    }


def digest_view(locale: str) -> dict[str, Any]:
    """Channel, weekday (Monday first) and time of a weekly digest."""
    days = [
        {"text": plain_text(t(f"digest.weekday.{day}", locale)), "value": str(day)}
        for day in range(7)
    ]

    def field(block_id: str, label: str, element: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "input",
            "block_id": block_id,
            "label": plain_text(label, 2000),
            "element": {"action_id": block_id, **element},
        }

    return {
        "type": "modal",
        "callback_id": DIGEST_CALLBACK,
        "title": _title(t("home.digest.title", locale)),
        "submit": _title(t("home.digest.submit", locale)),
        "close": _title(t("home.close", locale)),
        "blocks": [
            field(
                "channel",
                t("home.digest.channel", locale),
                {
                    "type": "conversations_select",
                    "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                },
            ),  # fmt: skip
            field(
                "weekday",
                t("home.digest.weekday", locale),
                {"type": "static_select", "options": days, "initial_option": days[0]},
            ),
            field(
                "time",
                t("home.digest.time", locale),
                {"type": "plain_text_input", "initial_value": "09:00", "max_length": 5},
            ),
        ],
    }
