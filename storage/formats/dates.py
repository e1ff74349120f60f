"""Dates as the exports write them.

`2026-11-01` (Meta, Google Ads, canonical), `20261101` (GA4), `11/1/2026` (LinkedIn,
month first), `1-11-2026` / `1.11.2026` (Dutch Excel, day first), `Nov 1, 2026`,
`1 november 2026` (English and Dutch month names). A trailing time (`12:00 AM`) is dropped.
Slashed dates are the only ambiguous form: each format says which order it writes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

Order = Literal["dmy", "mdy"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januari"),
            ("feb", "february", "februari"),
            ("mar", "march", "mrt", "maart"),
            ("apr", "april"),
            ("may", "mei"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august", "augustus"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt", "oktober"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"[ ,T]+\d{1,2}:\d{2}.*$")
_NUMERIC = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4})$")
_NAMED_MDY = re.compile(r"^([a-z]+)\.? (\d{1,2}),? (\d{4})$")
_NAMED_DMY = re.compile(r"^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$")


def parse_date(text: str, order: Order = "dmy") -> dt.date | None:
    """The date `text` names, or None when it is not a date kpibot can read."""
    s = _TIME.sub("", text.strip()).lower()
    try:
        if len(s) == 10 and s[4] == "-" and s[7] == "-":
            return dt.date.fromisoformat(s)
        if len(s) == 8 and s.isdigit():
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        match = _NUMERIC.match(s)
        if match:
            a, sep, b, c = match.groups()
            if len(a) == 4:  # 2026/11/01
                return dt.date(int(a), int(b), int(c))
            if len(c) != 4:
                return None
            month_first = sep == "/" and order == "mdy"
            day, month = (b, a) if month_first else (a, b)
            return dt.date(int(c), int(month), int(day))
        match = _NAMED_MDY.match(s)
        if match and match.group(1) in _MONTHS:
            name, day, year = match.groups()
            return dt.date(int(year), _MONTHS[name], int(day))
        match = _NAMED_DMY.match(s)
        if match and match.group(2) in _MONTHS:
            day, name, year = match.groups()
            return dt.date(int(year), _MONTHS[name], int(day))
    except ValueError:  # 2026-02-30, month 13
        return None
    return None


def date_reader(order: Order) -> Callable[[str], dt.date | None]:
    """parse_date with a cache: an export repeats a few hundred dates a million times."""
    cache: dict[str, dt.date | None] = {}

    def read(text: str) -> dt.date | None:
        try:
            return cache[text]
        except KeyError:
            value = cache[text] = parse_date(text, order)
            return value

    read.cache = cache  # type: ignore[attr-defined]  # the row loop reads it inline
    return read
