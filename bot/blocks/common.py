"""Small Block Kit pieces and Slack's limits (50 blocks a message, 3000 characters a section
text, 150 characters a header, 2000 characters a button value).

Every builder here takes raw text and escapes it itself where it places it (see
`bot.blocks.mrkdwn`): pass names, headers and typed text as they are, never pre-escaped.
"""

from __future__ import annotations

import json
from typing import Any

from bot.blocks.mrkdwn import cut, mrkdwn, plain

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENT = 2000
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_TEXT = 75


def plain_text(
    text: object, limit: int = MAX_BUTTON_TEXT, *, emoji: bool = False
) -> dict[str, Any]:
    """A plain_text object: escaped, within `limit` characters."""
    obj: dict[str, Any] = {"type": "plain_text", "text": cut(plain(text), limit)}
    if emoji:
        obj["emoji"] = True
    return obj


def mrkdwn_text(text: object, limit: int = MAX_SECTION) -> dict[str, Any]:
    """A mrkdwn object: escaped, kpibot's own mentions kept, within `limit` characters."""
    return {"type": "mrkdwn", "text": cut(mrkdwn(text), limit)}


def header(text: object) -> dict[str, Any]:
    return {"type": "header", "text": plain_text(text, MAX_HEADER)}


def section(text: object) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn_text(text, MAX_SECTION)}


def sections(text: object) -> list[dict[str, Any]]:
    """Long text split on line breaks into as many sections as it needs (measured after
    escaping, which can make a line longer)."""
    chunks: list[str] = []
    current = ""
    for line in mrkdwn(text).split("\n"):
        line = cut(line, MAX_SECTION)
        if current and len(current) + 1 + len(line) > MAX_SECTION:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in chunks]


def context(*notes: object) -> dict[str, Any]:
    """A small-print block. Each note is a line of its own: Slack flows a context block's
    elements side by side, so the notes share one element, one per line."""
    text = "\n".join(mrkdwn(note) for note in notes)
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": cut(text, MAX_CONTEXT_ELEMENT)}],
    }


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def button(text: object, action_id: str, value: object, style: str | None = None) -> dict[str, Any]:
    raw = json.dumps(value, separators=(",", ":"))
    if len(raw) > MAX_BUTTON_VALUE:
        raise ValueError(f"button value for {action_id} is {len(raw)} characters")
    element = {
        "type": "button",
        "text": plain_text(text, MAX_BUTTON_TEXT, emoji=True),
        "action_id": action_id,
        "value": raw,
    }
    if style:
        element["style"] = style
    return element


def actions(*elements: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def fit(blocks: list[dict[str, Any]], more_text: str | None = None) -> list[dict[str, Any]]:
    """Keep a message within Slack's 50 blocks; the last block says what was left out."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    kept.append(context(more_text or f"… {len(blocks) - len(kept)} more not shown"))
    return kept
