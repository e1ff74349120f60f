"""Numbers as people type them: `250`, `€1.234,56`, `1,234.56`, `3,5`, `12k`."""

from __future__ import annotations

import re

_CLEAN = re.compile(r"[€$£\s\u00a0]")


def parse_number(text: str, locale: str = "en") -> float:
    """Parse a typed number; raises ValueError when it is not one.

    Both separators present: the last one is the decimal mark. One separator: a comma is the
    decimal mark in Dutch, and in English only when it is not followed by exactly three digits.
    """
    raw = _CLEAN.sub("", text.strip()).lower()
    factor = 1.0
    if raw.endswith("k"):
        raw, factor = raw[:-1], 1_000.0
    elif raw.endswith("m") and raw[:-1].replace(".", "").replace(",", "").isdigit():
        raw, factor = raw[:-1], 1_000_000.0
    if not raw or not re.fullmatch(r"[-+]?[0-9.,]+", raw):
        raise ValueError(text)
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        head, _, tail = raw.rpartition(",")
        if locale == "nl" or len(tail) != 3 or raw.count(",") == 1 and head in ("", "0", "-0"):
            raw = raw.replace(",", ".") if raw.count(",") == 1 else raw.replace(",", "")
        else:
            raw = raw.replace(",", "")
    elif raw.count(".") > 1 or (locale == "nl" and re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", raw)):
        raw = raw.replace(".", "")
    return float(raw) * factor
