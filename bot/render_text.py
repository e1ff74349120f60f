"""Block Kit rendered as terminal text, for `kpibot ask` (the same reply Slack gets)."""

from __future__ import annotations

import re
from typing import Any

from bot.blocks.mrkdwn import unescape

_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")
_MENTION = re.compile(r"<([@#][A-Z0-9]+)>")


def _plain(text: str) -> str:
    text = _MENTION.sub(r"\1", _LINK.sub(r"\2", text))
    return unescape(text.replace("*", "").replace("`", ""))


def render(blocks: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _plain(block["text"]["text"])
            lines += [title, "=" * len(title)]
        elif kind == "section":
            if "text" in block:
                lines.append(_plain(block["text"]["text"]))
            lines += [_plain(f["text"]) for f in block.get("fields", [])]
        elif kind == "context":
            lines.append("  ".join(_plain(e.get("text", "")) for e in block["elements"]))
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions":
            lines.append("  ".join(f"[{_plain(e['text']['text'])}]" for e in block["elements"]))
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')}]")
    return "\n".join(lines)
