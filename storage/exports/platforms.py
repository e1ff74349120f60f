"""Platform names as exports write them -> kpibot's lower-case platform words."""

from __future__ import annotations

import re

_KNOWN = {
    "facebook": "facebook",
    "instagram": "instagram",
    "audience network": "audience_network",
    "audience_network": "audience_network",
    "messenger": "messenger",
    "threads": "threads",
    "whatsapp": "whatsapp",
    "linkedin": "linkedin",
    "google": "google",
    "youtube": "youtube",
    "tiktok": "tiktok",
}
_WORD = re.compile(r"[^a-z0-9]+")


def platform_word(text: str) -> str:
    """`Facebook` -> facebook, `Audience Network` -> audience_network; empty stays empty."""
    key = text.strip().lower()
    return _KNOWN.get(key) or _WORD.sub("_", key).strip("_")


def placement_platform(text: str) -> str:
    """The platform a Meta placement belongs to: `Instagram Stories`, `Facebook-feed` ->
    instagram, facebook; "" when the placement does not name one."""
    key = text.strip().lower()
    for name in sorted(_KNOWN, key=len, reverse=True):
        if key.startswith(name):
            return _KNOWN[name]
    return ""
