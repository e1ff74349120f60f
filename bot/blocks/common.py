"""Small Block Kit pieces and Slack's limits (50 blocks a message, 3000 characters a section
text, 150 characters a header, 2000 characters a button value)."""

from __future__ import annotations

import json

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENT = 2000
MAX_BUTTON_VALUE = 2000


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": _cut(text, MAX_HEADER)}}


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, MAX_SECTION)}}


def sections(text: str) -> list[dict]:
    """Long text split on line breaks into as many sections as it needs."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        line = _cut(line, MAX_SECTION)
        if current and len(current) + 1 + len(line) > MAX_SECTION:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return [section(chunk) for chunk in chunks]


def context(*texts: str) -> dict:
    return {
        "type": "context",
        "elements": [
            {"type": "mrkdwn", "text": _cut(text, MAX_CONTEXT_ELEMENT)} for text in texts[:10]
        ],
    }


def divider() -> dict:
    return {"type": "divider"}


def button(text: str, action_id: str, value: object, style: str | None = None) -> dict:
    raw = json.dumps(value, separators=(",", ":"))
    if len(raw) > MAX_BUTTON_VALUE:
        raise ValueError(f"button value for {action_id} is {len(raw)} characters")
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(text, 75), "emoji": True},
        "action_id": action_id,
        "value": raw,
    }
    if style:
        element["style"] = style
    return element


def actions(*elements: dict, block_id: str | None = None) -> dict:
    block: dict = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def fit(blocks: list[dict], more_text: str | None = None) -> list[dict]:
    """Keep a message within Slack's 50 blocks; the last block says what was left out."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    kept.append(context(more_text or f"… {len(blocks) - len(kept)} more not shown"))
    return kept


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
