"""Dates as exports write them, each distinct text parsed once (a file has a few hundred
dates over a million rows).

`2026-11-02`, `20261102` (GA4), `2/11/2026` / `02-11-2026` / `2.11.2026` (day first, or month
first for US-style exports; a part above 12 settles it for the whole file), and month names
in English or Dutch (`Nov 2, 2026`, `2 nov. 2026`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$")
_ISO_ONLY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # the kpibot CSV's YYYY-MM-DD
_NAMED = re.compile(
    r"^(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2}),? (\d{4})$|^(\d{1,2}) ([a-z]+)\.? (\d{4})$"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
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
        ],
        start=1,
    )
    for name in names
}


def month_first_in(texts: Iterable[str], default: bool) -> bool:
    """Whether `a/b/yyyy` dates put the month first: decided by any part above 12."""
    for text in texts:
        found = _NUMERIC.match(text)
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12:
                return False
            if second > 12:
                return True
    return default


def parse_date(text: str, *, month_first: bool, iso_only: bool = False) -> dt.date | None:
    """The date a cell names, or None when it cannot be read. `iso_only`: YYYY-MM-DD and
    nothing else (the kpibot CSV)."""
    text = text.strip().lower()
    try:
        if iso_only:
            found = _ISO_ONLY.match(text)
            return dt.date(*(int(part) for part in found.groups())) if found else None
        if found := _ISO.match(text):
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        if found := _NUMERIC.match(text):
            a, b, y = int(found.group(1)), int(found.group(2)), int(found.group(3))
            return dt.date(y, a, b) if month_first else dt.date(y, b, a)
        if found := _NAMED.match(text):
            named = found.groups()
            month, day, year = named[:3] if named[0] else (named[4], named[3], named[5])
            number = MONTHS.get(month)
            return dt.date(int(year), number, int(day)) if number else None
    except ValueError:  # 2026-02-30
        return None
    return None


def iso_dates(
    texts: Iterable[str], *, month_first: bool, iso_only: bool = False
) -> dict[str, str | None]:
    """Each distinct text -> its ISO date, or None when it cannot be read."""
    distinct = set(texts)
    order = month_first_in(distinct, month_first)
    found = {text: parse_date(text, month_first=order, iso_only=iso_only) for text in distinct}
    return {text: day.isoformat() if day else None for text, day in found.items()}
