"""The period a report covers, read from the lines above its header: GA4's `# Start date:
20261101` / `# End date: 20261130` comments (spreadsheets pad them with commas) and Google
Ads' date-range title line (`27 January 2026 - 23 February 2026`, `"July 8, 2025 - July 31,
2025"`). `All time` is a period too, but one that cannot be placed on dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.exports.dates import parse_date

_COMMENT = re.compile(r"^#\s*(start date|startdatum|end date|einddatum)\s*:\s*(\S+)", re.I)
_RANGE = re.compile(r"^(.+?)\s+[-–—]\s+(.+)$")
_ALL_TIME = frozenset({"all time", "alle tijd", "volledige periode", "hele periode"})
_PADDING = ' ,;\t"'


@dataclass(frozen=True)
class Period:
    """`start`/`end` as ISO dates; `title` the line as written (for messages); `dated` False
    when the report says `All time`."""

    start: str = ""
    end: str = ""
    title: str = ""
    dated: bool = True


def find_period(lines: list[str]) -> Period | None:
    """The period named by `lines` (the lines above the header), or None."""
    found: dict[str, str] = {}
    for line in lines:
        text = line.strip().rstrip(_PADDING)
        match = _COMMENT.match(text)
        if match:
            day = parse_date(match.group(2).strip(_PADDING), month_first=False)
            if day:
                found["start" if match.group(1).lower()[:2] == "st" else "end"] = day.isoformat()
            continue
        bare = text.strip(_PADDING)
        if bare.lower() in _ALL_TIME:
            return Period(title=bare, dated=False)
        span = _date_range(bare)
        if span is not None:
            return Period(*span, title=bare)
    if "start" in found:
        return Period(found["start"], found.get("end", found["start"]))
    return None


def _date_range(text: str) -> tuple[str, str] | None:
    """`July 8, 2025 - July 31, 2025` -> ("2025-07-08", "2025-07-31"); a single date is a
    one-day range; anything else None."""
    match = _RANGE.match(text)
    parts = [match.group(1), match.group(2)] if match else [text]
    days = [parse_date(p.strip(_PADDING), month_first=False) for p in parts]
    if not all(days):
        return None
    first, last = days[0], days[-1]
    assert first is not None and last is not None
    if last < first:
        return None
    return first.isoformat(), last.isoformat()
