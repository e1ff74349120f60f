"""When a weekly digest is due: pure computation over a subscription's weekday, time and zone.

A subscription says "Monday 09:00 Europe/Amsterdam". Each week at that local time the digest
of the last complete week (Monday-Sunday before the send day's week) becomes due, and stays
due for a grace period (default 12 hours) so a digest missed while the process was down goes
out when it is back. The caller passes the current instant in UTC; nothing here reads a clock.

Local times are made aware with zoneinfo (`localize`), so a daylight-saving change moves the
UTC instant, never the local time people asked for.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from kpi.errors import ScheduleError
from kpi.periods import Period, last_complete_week

#: How long after its send time a digest is still sent (a missed tick, a restart).
DEFAULT_GRACE = dt.timedelta(hours=12)

#: Weekday words (English and Dutch, full and short) -> 0 = Monday ... 6 = Sunday.
WEEKDAYS: dict[str, int] = {
    word: number
    for number, words in enumerate(
        (
            ("monday", "mon", "mo", "maandag", "ma"),
            ("tuesday", "tue", "tues", "tu", "dinsdag", "di"),
            ("wednesday", "wed", "we", "woensdag", "wo"),
            ("thursday", "thu", "thur", "thurs", "th", "donderdag", "do"),
            ("friday", "fri", "fr", "vrijdag", "vr"),
            ("saturday", "sat", "sa", "zaterdag", "za"),
            ("sunday", "sun", "su", "zondag", "zo"),
        )
    )
    for word in words
}

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
#: A time of day as a subscription stores it: "HH:MM", 00:00 to 23:59.
STORED_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def is_weekday(number: int) -> bool:
    """0 (Monday) to 6 (Sunday)."""
    return 0 <= number <= 6


def is_stored_time(text: str) -> bool:
    """ "HH:MM" as a subscription stores it (parse_time_of_day's result)."""
    return STORED_TIME.fullmatch(text) is not None


def is_timezone(name: str) -> bool:
    """An IANA time zone name zoneinfo knows, as written ("Europe/Amsterdam")."""
    try:
        _zone(name)
    except ScheduleError:
        return False
    return True


def parse_weekday(text: str) -> int:
    """0 (Monday) to 6 (Sunday) from an English or Dutch day name or its short form
    ("monday", "mon", "maandag", "ma"), case-insensitive, a trailing "." ignored.
    Raises ScheduleError("schedule.error.weekday")."""
    number = WEEKDAYS.get(text.strip().lower().rstrip("."))
    if number is None:
        raise ScheduleError("schedule.error.weekday", text)
    return number


def parse_time_of_day(text: str) -> str:
    """ "HH:MM" (24-hour) from "9:00", "09:00" or the Dutch "9.00"; raises
    ScheduleError("schedule.error.time") for anything else or an hour/minute out of range."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ScheduleError("schedule.error.time", text)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ScheduleError("schedule.error.time", text)
    return f"{hour:02d}:{minute:02d}"


@functools.cache
def _zones_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def parse_timezone(text: str) -> str:
    """The IANA name of a time zone ("Europe/Amsterdam"), matched case-insensitively
    ("europe/amsterdam" works); raises ScheduleError("schedule.error.timezone")."""
    name = text.strip()
    found = _zones_by_lower().get(name.lower())
    if found is None:
        try:
            zoneinfo.ZoneInfo(name)
        # "Europe" is a folder of zones (IsADirectoryError), 300 letters too long a file
        # name: both OSError, both not a time zone.
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise ScheduleError("schedule.error.timezone", text) from exc
        found = name
    return found


def _zone(tz: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ScheduleError("schedule.error.timezone", tz) from exc


def localize(naive: dt.datetime, tz: str) -> dt.datetime:
    """`naive` read as a wall-clock time in `tz`, as an aware datetime.

    DST-safe: a time that does not exist (the hour skipped in spring) moves forward by the
    gap (02:30 -> 03:30); a time that exists twice (the hour repeated in autumn) is the
    first of the two. An aware `naive` is refused (ValueError): it is already placed.
    Compare results after `.astimezone(UTC)`: Python calls a wall time in a repeated hour
    unequal to every instant of another zone.
    """
    if naive.tzinfo is not None:
        raise ValueError("localize() takes a naive datetime")
    zone = _zone(tz)
    # fold=0 gives the offset before a transition; the UTC round trip then normalises a
    # skipped wall time to the one that really happens.
    return naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC).astimezone(zone)


def _time(time_of_day: str) -> dt.time:
    hour, minute = parse_time_of_day(time_of_day).split(":")
    return dt.time(int(hour), int(minute))


def send_time(weekday: int, time_of_day: str, tz: str, day: dt.date) -> dt.datetime:
    """The aware send moment (in `tz`) in the week of `day`: that week's `weekday` at
    `time_of_day` local time."""
    if not is_weekday(weekday):
        raise ScheduleError("schedule.error.weekday", str(weekday))
    send_day = day - dt.timedelta(days=day.weekday() - weekday)
    return localize(dt.datetime.combine(send_day, _time(time_of_day)), tz)


def _last_send(weekday: int, time_of_day: str, tz: str, now_utc: dt.datetime) -> dt.datetime:
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be timezone-aware")
    local_day = now_utc.astimezone(_zone(tz)).date()
    sent = send_time(weekday, time_of_day, tz, local_day)
    # compare in UTC: Python never calls a wall time of a repeated hour equal across zones
    if sent.astimezone(dt.UTC) > now_utc:
        sent = send_time(weekday, time_of_day, tz, local_day - dt.timedelta(days=7))
    return sent


def due_period(
    weekday: int,
    time_of_day: str,
    tz: str,
    now_utc: dt.datetime,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> dt.date | None:
    """The Monday of the week whose digest is due at `now_utc` (aware), or None.

    Due means: the most recent send moment (`weekday` at `time_of_day` in `tz`) is at or
    before `now_utc` and at most `grace` ago. The period is the last complete Monday-Sunday
    week before the send day's own week (a Monday 09:00 send reports the seven days that
    ended the evening before; a Sunday send reports the week before, as its own is not over).
    """
    sent = _last_send(weekday, time_of_day, tz, now_utc)
    if now_utc - sent.astimezone(dt.UTC) > grace:
        return None
    return last_complete_week(sent.date()).start


def next_send(weekday: int, time_of_day: str, tz: str, now_utc: dt.datetime) -> dt.datetime:
    """The first send moment after `now_utc`, aware in `tz` (for "next digest: Mon 9:00")."""
    sent = _last_send(weekday, time_of_day, tz, now_utc)
    return send_time(weekday, time_of_day, tz, sent.date() + dt.timedelta(days=7))


def week_of(monday: dt.date) -> Period:
    """The Monday-Sunday week starting at `monday` (what `due_period` returns) as a Period
    of kind "week", so `.previous()` is the week before."""
    start = monday - dt.timedelta(days=monday.weekday())
    return Period(start, start + dt.timedelta(days=6), "week")
