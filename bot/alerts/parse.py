"""The words after `/kpi target`: text in, a TargetArgs value out. No I/O here.

`[campaign] <kpi words> <op> <value> by <date> [over <window>]`; the campaign may be left
out in a channel named after it. The value stays text: reading it needs the KPI's unit
(kpi.target_smart.parse_target_value), which the command looks up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.errors import UserError

#: How people type the two operators; anything else is refused with an example.
OP_WORDS: dict[str, str] = {">=": ">=", "=>": ">=", "≥": ">=", "<=": "<=", "=<": "<=", "≤": "<="}
BY_WORDS = ("by", "voor", "uiterlijk", "tegen")
OVER_WORDS = ("over", "per", "window", "venster")
DELETE_WORDS = ("delete", "remove", "verwijder", "wis")
MAX_WINDOW = 365

_OP_PREFIX = re.compile(r"^(>=|=>|≥|<=|=<|≤)(.+)$")
_WINDOW = re.compile(r"^(\d+)\s*(d|days?|dagen|dag|w|weeks?|weken)?$", re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


@dataclass(frozen=True)
class TargetArgs:
    """A target as typed. ``campaign`` None: the channel's campaign; "all" is kept as typed."""

    campaign: str | None
    kpi: str
    op: str
    value: str
    deadline: dt.date
    window_days: int = 7


@dataclass(frozen=True)
class DeleteArgs:
    target_id: int


def usage() -> UserError:
    return UserError("targets.error.usage", None)


def user_error(key: str, **args: object) -> UserError:
    """A UserError whose text has its own example: its args may then hold one named
    ``example`` (which UserError's signature would take for the example key)."""
    error = UserError(key, None)
    error.args_ = args
    return error


def parse_target_args(
    words: Sequence[str], is_kpi: Callable[[list[str]], int]
) -> TargetArgs | DeleteArgs:
    """Parse `/kpi target ...` (without the word `target`).

    `is_kpi(words)` says how many leading words name a KPI (0: none), as in bot.dispatch.
    Raises UserError with a working example for a missing operator, value, deadline or a
    malformed date or window.
    """
    words = [w for w in words if w]
    if not words:
        raise usage()
    if words[0].lower() in DELETE_WORDS:
        return _delete(words[1:])
    before, op, after = _split_op(words)
    campaign, kpi = _campaign_and_kpi(before, is_kpi)
    value, deadline_words, window_words = _split_tail(after)
    return TargetArgs(
        campaign=campaign,
        kpi=kpi,
        op=op,
        value=value,
        deadline=parse_deadline(" ".join(deadline_words)),
        window_days=parse_window(" ".join(window_words)) if window_words else 7,
    )


def _delete(rest: Sequence[str]) -> DeleteArgs:
    if len(rest) != 1:
        raise UserError("targets.not_found", None, id="?")
    raw = rest[0].lstrip("#")
    if not raw.isdigit():
        raise UserError("targets.not_found", None, id=rest[0])
    return DeleteArgs(int(raw))


def _split_op(words: list[str]) -> tuple[list[str], str, list[str]]:
    for i, word in enumerate(words):
        if word in OP_WORDS:
            return words[:i], OP_WORDS[word], words[i + 1 :]
        attached = _OP_PREFIX.match(word)
        if attached:  # ">=3%" typed without a space
            return words[:i], OP_WORDS[attached.group(1)], [attached.group(2), *words[i + 1 :]]
    raise UserError("targets.error.op", None)


def _campaign_and_kpi(
    before: list[str], is_kpi: Callable[[list[str]], int]
) -> tuple[str | None, str]:
    if not before:
        raise usage()
    if is_kpi(before) == len(before):  # only a KPI: the channel names the campaign
        return None, " ".join(before)
    if len(before) == 1:
        # One word that is no KPI: say so (the SMART reply names the unknown KPI).
        return None, before[0]
    # A name of several words ("Summer Sale ctr"): the campaign is what comes before the KPI.
    for i in range(1, len(before)):
        if is_kpi(before[i:]) == len(before) - i:
            return " ".join(before[:i]), " ".join(before[i:])
    return before[0], " ".join(before[1:])


def _split_tail(after: list[str]) -> tuple[str, list[str], list[str]]:
    lowered = [w.lower() for w in after]
    by = next((i for i, w in enumerate(lowered) if w in BY_WORDS), None)
    if by is None:
        raise UserError("targets.error.deadline", None, text=" ".join(after) or "—")
    value = "".join(after[:by])  # "3 %" and "3%" alike
    if not value:
        raise usage()
    tail = after[by + 1 :]
    over = next((i for i, w in enumerate(tail) if w.lower() in OVER_WORDS), None)
    if over is None:
        return value, tail, []
    window = tail[over + 1 :]
    if not window:
        raise UserError("targets.error.window", None, text="—")
    return value, tail[:over], window


def parse_deadline(text: str) -> dt.date:
    """2026-12-31 or 31-12-2026 (also with / or .); UserError with an example otherwise."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    found = _DMY.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise UserError("targets.error.deadline", None, text=text or "—")


def parse_window(text: str) -> int:
    """ "14d", "14", "14 days", "2w" (x 7) -> days, 1..365; UserError otherwise."""
    found = _WINDOW.match(text.strip())
    if not found:
        raise UserError("targets.error.window", None, text=text)
    days = int(found.group(1))
    if (found.group(2) or "d").lower().startswith("w"):
        days *= 7
    if not 1 <= days <= MAX_WINDOW:
        raise UserError("targets.error.window", None, text=text)
    return days
