"""When a digest is due: table-driven over zones and DST weeks, instants computed by hand."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.schedule import (
    ScheduleError,
    due_period,
    localize,
    next_send,
    parse_time_of_day,
    parse_timezone,
    parse_weekday,
    send_time,
    week_of,
)

AMS, NYC = "Europe/Amsterdam", "America/New_York"
MON, TUE, SUN = 0, 1, 6


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


# (weekday, time, zone, now (UTC), expected Monday or None, why)
CASES = [
    (MON, "09:00", AMS, utc(2026, 11, 30, 8, 0), dt.date(2026, 11, 23), "09:00 CET = 08:00 UTC"),
    (
        MON,
        "09:00",
        AMS,
        utc(2026, 11, 30, 7, 59),
        None,
        "a minute early; last week's is 7 days old",
    ),
    (MON, "09:00", AMS, utc(2026, 11, 30, 20, 0), dt.date(2026, 11, 23), "11 h late: within grace"),
    (MON, "09:00", AMS, utc(2026, 11, 30, 20, 0), dt.date(2026, 11, 23), "grace edge below"),
    (MON, "09:00", AMS, utc(2026, 11, 30, 20, 1), None, "12 h 01 late: grace expired"),
    # Europe: summer time from Sunday 29 March 2026 (02:00 -> 03:00)
    (MON, "09:00", AMS, utc(2026, 3, 23, 8, 0), dt.date(2026, 3, 16), "before DST: UTC+1"),
    (MON, "09:00", AMS, utc(2026, 3, 23, 7, 30), None, "08:30 local, not yet"),
    (MON, "09:00", AMS, utc(2026, 3, 30, 7, 0), dt.date(2026, 3, 23), "after DST: UTC+2"),
    (MON, "09:00", AMS, utc(2026, 3, 30, 6, 59), None, "08:59 CEST, not yet"),
    (MON, "09:00", AMS, utc(2026, 10, 26, 8, 0), dt.date(2026, 10, 19), "back to CET on 25 Oct"),
    (MON, "09:00", AMS, utc(2026, 10, 26, 7, 30), None, "08:30 CET, not yet"),
    # US: DST from 8 March 2026, back on 1 November 2026
    (MON, "09:00", NYC, utc(2026, 3, 9, 13, 0), dt.date(2026, 3, 2), "09:00 EDT = 13:00 UTC"),
    (MON, "09:00", NYC, utc(2026, 3, 9, 12, 30), None, "08:30 EDT, not yet"),
    (MON, "09:00", NYC, utc(2026, 3, 2, 14, 0), dt.date(2026, 2, 23), "09:00 EST = 14:00 UTC"),
    (MON, "09:00", NYC, utc(2026, 11, 2, 14, 0), dt.date(2026, 10, 26), "EST again"),
    (MON, "09:00", NYC, utc(2026, 11, 2, 13, 30), None, "08:30 EST, not yet"),
    # the same instant, two zones: 13:30 UTC is 14:30 in Amsterdam, 08:30 in New York
    (MON, "09:00", AMS, utc(2026, 11, 30, 13, 30), dt.date(2026, 11, 23), "Amsterdam: sent"),
    (MON, "09:00", NYC, utc(2026, 11, 30, 13, 30), None, "New York: not yet"),
    # a Sunday send reports the week before, its own week is not over
    (SUN, "20:00", AMS, utc(2026, 11, 29, 19, 0), dt.date(2026, 11, 16), "Sunday evening"),
    # the local day differs from the UTC day
    (TUE, "00:30", AMS, utc(2026, 11, 30, 23, 30), dt.date(2026, 11, 23), "Tue 00:30 CET"),
    (MON, "23:00", NYC, utc(2026, 12, 1, 4, 0), dt.date(2026, 11, 23), "Mon 23:00 EST"),
    # a send time that does not exist (02:30 on 29 March) happens at 03:30 CEST = 01:30 UTC
    (SUN, "02:30", AMS, utc(2026, 3, 29, 1, 30), dt.date(2026, 3, 16), "spring gap"),
    (SUN, "02:30", AMS, utc(2026, 3, 29, 1, 29), None, "spring gap, a minute early"),
    # a send time that happens twice (02:30 on 25 October) is the first: 00:30 UTC
    (SUN, "02:30", AMS, utc(2026, 10, 25, 0, 30), dt.date(2026, 10, 12), "autumn, first 02:30"),
]


@pytest.mark.parametrize(("weekday", "time", "zone", "now", "expected", "why"), CASES)
def test_due_period(
    weekday: int, time: str, zone: str, now: dt.datetime, expected: dt.date | None, why: str
) -> None:
    assert due_period(weekday, time, zone, now) == expected, why


def test_grace_is_inclusive_and_adjustable() -> None:
    sent = utc(2026, 11, 30, 8, 0)
    assert due_period(MON, "09:00", AMS, sent + dt.timedelta(hours=12)) == dt.date(2026, 11, 23)
    one_hour = dt.timedelta(hours=1)
    assert due_period(MON, "09:00", AMS, sent + dt.timedelta(minutes=61), one_hour) is None
    assert due_period(MON, "09:00", AMS, sent + dt.timedelta(minutes=60), one_hour) is not None


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        due_period(MON, "09:00", AMS, dt.datetime(2026, 11, 30, 9, 0))


@pytest.mark.parametrize(
    ("naive", "zone", "expected_utc"),
    [
        (dt.datetime(2026, 11, 30, 9, 0), AMS, utc(2026, 11, 30, 8, 0)),
        (dt.datetime(2026, 7, 1, 9, 0), AMS, utc(2026, 7, 1, 7, 0)),
        (dt.datetime(2026, 7, 1, 9, 0), NYC, utc(2026, 7, 1, 13, 0)),
        (dt.datetime(2026, 3, 29, 2, 30), AMS, utc(2026, 3, 29, 1, 30)),  # gap: 03:30 CEST
        (dt.datetime(2026, 10, 25, 2, 30), AMS, utc(2026, 10, 25, 0, 30)),  # twice: the first
        (dt.datetime(2026, 3, 8, 2, 30), NYC, utc(2026, 3, 8, 7, 30)),  # gap: 03:30 EDT
    ],
)
def test_localize(naive: dt.datetime, zone: str, expected_utc: dt.datetime) -> None:
    aware = localize(naive, zone)
    assert aware.astimezone(dt.UTC) == expected_utc
    assert str(aware.tzinfo) == zone


def test_localize_refuses_aware() -> None:
    with pytest.raises(ValueError):
        localize(utc(2026, 1, 1), AMS)


def test_send_time_and_next_send() -> None:
    assert send_time(MON, "09:00", AMS, dt.date(2026, 12, 3)) == utc(2026, 11, 30, 8, 0)
    assert next_send(MON, "09:00", AMS, utc(2026, 11, 30, 8, 0)) == utc(2026, 12, 7, 8, 0)
    assert next_send(MON, "09:00", AMS, utc(2026, 11, 30, 7, 0)) == utc(2026, 11, 30, 8, 0)
    # across the spring change the UTC instant moves, the local 09:00 stays
    assert next_send(MON, "09:00", AMS, utc(2026, 3, 23, 9, 0)) == utc(2026, 3, 30, 7, 0)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("monday", 0), ("Mon", 0), ("maandag", 0), ("ma", 0), ("MA.", 0),
        ("tuesday", 1), ("di", 1), ("wednesday", 2), ("wo", 2), ("thu", 3), ("donderdag", 3),
        ("do", 3), ("friday", 4), ("vr", 4), ("sat", 5), ("zaterdag", 5), ("za", 5),
        ("sunday", 6), ("zondag", 6), ("zo", 6), (" Sun ", 6),
    ],
)  # fmt: skip
def test_parse_weekday(text: str, number: int) -> None:
    assert parse_weekday(text) == number


@pytest.mark.parametrize("text", ["", "mondy", "weekend", "7", "maan"])
def test_parse_weekday_refuses(text: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_weekday(text)
    assert err.value.key == "schedule.error.weekday"
    assert err.value.value == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", "09:00"),
        ("9:00", "09:00"),
        ("9.30", "09:30"),
        ("23:59", "23:59"),
        ("0:00", "00:00"),
    ],
)
def test_parse_time(text: str, expected: str) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "9", "0900", "9:5", "noon", "-1:00", ""])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_time_of_day(text)
    assert err.value.key == "schedule.error.time"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(AMS, AMS), ("europe/amsterdam", AMS), ("america/new_york", NYC), ("UTC", "UTC")],
)
def test_parse_timezone(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize("text", ["Mars/Olympus", "../etc/passwd", "", "CEST+1"])
def test_parse_timezone_refuses(text: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_timezone(text)
    assert err.value.key == "schedule.error.timezone"


@given(
    now=st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2028, 12, 31), timezones=st.just(dt.UTC)),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from([AMS, NYC, "Asia/Tokyo", "Australia/Sydney"]),
)
def test_with_a_week_of_grace_some_week_is_always_due(
    now: dt.datetime, weekday: int, hour: int, minute: int, zone: str
) -> None:
    """Sends are a week apart (give or take a DST hour), so with 7 days + 1 hour of grace a
    period is always due: a Monday, complete before the local send day's week began."""
    grace = dt.timedelta(days=7, hours=1)
    monday = due_period(weekday, f"{hour:02d}:{minute:02d}", zone, now, grace)
    assert monday is not None
    assert monday.weekday() == 0
    local_today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
    assert 7 <= (local_today - monday).days <= 20


def test_week_of() -> None:
    week = week_of(dt.date(2026, 11, 23))
    assert (week.start, week.end, week.kind) == (
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 29),
        "week",
    )
    assert week.previous().start == dt.date(2026, 11, 16)
