"""Bounds every way in shares (typed commands, imported files, forms): the first day kpibot
accepts, and which characters text may not contain. Pure: `today` is passed in.

The bounds of stored numbers and text lengths come from the database columns and live in
storage.bounds; these are the ones that do not depend on a column.
"""

from __future__ import annotations

import datetime as dt
import re

#: No marketing data is older than this; earlier dates are typing mistakes (0001-01-01).
MIN_DAY = dt.date(2000, 1, 1)

#: C0 and C1 control characters and DEL. Tab and newline are not here: Slack sends them in
#: ordinary messages; the callers that store text refuse them where they do not belong.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def has_control(text: str, *, allow_newlines: bool = True) -> bool:
    """Whether `text` holds a control character (NUL, escape, ...); tab and newline count
    only with `allow_newlines=False`."""
    pattern = _CONTROL if allow_newlines else _CONTROL_ANY
    return pattern.search(text) is not None


def day_in_range(day: dt.date, today: dt.date) -> bool:
    """MIN_DAY <= day <= today."""
    return MIN_DAY <= day <= today
