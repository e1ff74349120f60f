"""The "Connect Meta" form: the platform's fields (the account id, then the secrets), the
channel it was opened in kept in private_metadata. Pure builders and readers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot import payloads
from bot.blocks.common import plain_text
from bot.errors import StalePayload
from bot.sync.sources import PLATFORMS, PlatformSpec
from bot.texts import t

CALLBACK = "kpi_sync_connect"
MAX_TOKEN = 3000  # Slack: a plain_text_input holds at most 3000 characters


def _input(platform: PlatformSpec, name: str, locale: str, max_length: int) -> dict[str, Any]:
    key = f"{platform.name.replace('-', '_')}.{name}"
    return {
        "type": "input",
        "block_id": name,
        "optional": name in platform.optional or name in platform.optional_secrets,
        "label": plain_text(t(f"sync.field.{key}", locale), 2000),
        "hint": plain_text(t(f"sync.hint.{key}", locale), 2000),
        "element": {
            "type": "plain_text_input",
            "action_id": "v",
            "max_length": max_length,
            "multiline": name == "key",
        },  # fmt: skip
    }


def connect_view(platform: PlatformSpec, locale: str, channel_id: str | None) -> dict[str, Any]:
    blocks = [_input(platform, name, locale, 40) for name in platform.fields]
    secrets = (*platform.secrets, *platform.optional_secrets)
    blocks += [_input(platform, name, locale, MAX_TOKEN) for name in secrets]
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "title": plain_text(t("sync.modal_title", locale, platform=platform.label), 24),
        "submit": plain_text(t("sync.modal_submit", locale), 24),
        "private_metadata": json.dumps({"c": channel_id, "p": platform.name}),
        "blocks": blocks,
    }


def read(view: Mapping[str, Any]) -> tuple[PlatformSpec, str | None, dict[str, str]]:
    """The platform, the channel and the submitted fields; StalePayload when the form is
    not one kpibot built."""
    meta = payloads.metadata(view)
    platform = PLATFORMS.get(str(meta.get("p")))
    if platform is None:
        raise StalePayload("p")
    values: dict[str, str] = {}
    state = view.get("state", {}).get("values", {})
    for block_id in (*platform.fields, *platform.secrets, *platform.optional_secrets):
        element = state.get(block_id, {}).get("v", {})
        value = element.get("value") if isinstance(element, dict) else None
        values[block_id] = str(value or "").strip()[:MAX_TOKEN]
    return platform, payloads.channel_of(meta), values
