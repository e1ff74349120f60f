"""Is a campaign's data late? A running campaign with no data for N days is flagged.

"Running" as kpibot can know it from the data: the campaign is not archived (the caller
reads only those), it had data on another day in the RECENT_DAYS days before its last day
with data (it was being reported, not a one-off log), its end date (when set) lies after
that last day (more days were expected), and the gap is younger than N + ENDED_AFTER days
(a campaign silent that long is taken for ended; archive it or set its end date to stop
the flag sooner).

The gap counts the days after the last day with data through the last day data could be
there for: yesterday (today's numbers come tomorrow), or the campaign's end date when
that is earlier. With N = 3, data through 24 Nov is flagged from 28 Nov on (25, 26 and 27
Nov missing), not on 27 Nov.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: A campaign counts as running when it had data on another day this many days before its last.
RECENT_DAYS = 14
#: Days past N after which a silent campaign is taken for ended (no longer flagged).
ENDED_AFTER = 28
#: The default N (KPIBOT_STALE_DAYS).
DEFAULT_STALE_DAYS = 3


@dataclass(frozen=True, slots=True)
class Gap:
    """No data after ``last_day``: ``days`` days missing through ``expected_through``."""

    last_day: dt.date
    days: int
    expected_through: dt.date


def oldest_day_read(today: dt.date, stale_days: int) -> dt.date:
    """The first day whose data can matter to `data_gap` as of `today`: the last day of a
    flagged campaign is at most N + ENDED_AFTER days back, its day before RECENT_DAYS more."""
    return today - dt.timedelta(days=stale_days + ENDED_AFTER + RECENT_DAYS + 1)


def data_gap(
    last_day: dt.date | None,
    day_before: dt.date | None,
    end_date: dt.date | None,
    today: dt.date,
    stale_days: int = DEFAULT_STALE_DAYS,
) -> Gap | None:
    """The campaign's gap as of ``today`` when it is running and ``stale_days`` or more
    days are missing; None otherwise. ``last_day``: its last day with data;
    ``day_before``: the last day with data before that (None: none)."""
    if last_day is None or day_before is None or stale_days < 1:
        return None
    if (last_day - day_before).days > RECENT_DAYS:
        return None  # not being reported: one day long after the others
    through = today - dt.timedelta(days=1)
    if end_date is not None:
        through = min(through, end_date)
    missing = (through - last_day).days
    if missing < stale_days or missing >= stale_days + ENDED_AFTER:
        return None
    return Gap(last_day, missing, through)
