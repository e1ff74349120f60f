"""When a campaign's data is late (kpi.stale), with dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.stale import ENDED_AFTER, RECENT_DAYS, Gap, data_gap, oldest_day_read


def d(day: int, month: int = 11) -> dt.date:
    return dt.date(2026, month, day)


@pytest.mark.parametrize(
    ("last", "before", "end", "today", "n", "expected"),
    [
        # data through 24 Nov, reported daily: 25, 26, 27 Nov missing on 28 Nov (N = 3)
        (d(24), d(23), None, d(28), 3, Gap(d(24), 3, d(27))),
        (d(24), d(23), None, d(27), 3, None),  # only 25 and 26 Nov missing yet
        (d(24), d(23), None, d(25), 1, None),  # today's numbers come tomorrow
        (d(24), d(23), None, d(26), 1, Gap(d(24), 1, d(25))),
        (d(24), d(23), None, d(29), 5, None),  # N = 5: four days missing
        (d(24), d(23), None, d(30), 5, Gap(d(24), 5, d(29))),
        # ends on 25 Nov: only 25 Nov could have data, one day is no gap of three
        (d(24), d(23), d(25), d(30), 3, None),
        (d(24), d(23), d(24), d(30), 3, None),  # ended on its last day with data
        (d(24), d(23), d(31, 12), d(30), 3, Gap(d(24), 5, d(29))),  # ends later: late
        # one day logged long after the others: not being reported, not running
        (d(24), d(24) - dt.timedelta(days=RECENT_DAYS + 1), None, d(30), 3, None),
        (d(24), d(24) - dt.timedelta(days=RECENT_DAYS), None, d(30), 3, Gap(d(24), 5, d(29))),
        (d(24), None, None, d(30), 3, None),  # one day of data only
        (None, None, None, d(30), 3, None),
        (d(24), d(23), None, d(30), 0, None),  # N = 0: switched off
    ],
)
def test_a_gap_by_hand(
    last: dt.date | None,
    before: dt.date | None,
    end: dt.date | None,
    today: dt.date,
    n: int,
    expected: Gap | None,
) -> None:
    assert data_gap(last, before, end, today, n) == expected


def test_a_campaign_silent_for_weeks_is_taken_for_ended() -> None:
    # N = 3: flagged with 3 .. 3 + 28 - 1 = 30 days missing; 31 missing is "ended"
    last = d(1)
    assert data_gap(last, d(31, 10), None, last + dt.timedelta(days=31), 3) == Gap(
        last, 30, last + dt.timedelta(days=30)
    )
    assert data_gap(last, d(31, 10), None, last + dt.timedelta(days=32), 3) is None
    assert ENDED_AFTER == 28


def test_the_days_read_reach_back_far_enough() -> None:
    # the oldest flagged last day is today - 1 - (N + 27); its day before 14 days earlier
    today, n = d(30), 3
    oldest_last = today - dt.timedelta(days=1 + n + ENDED_AFTER - 1)
    assert data_gap(oldest_last, oldest_last - dt.timedelta(days=RECENT_DAYS), None, today, n)
    assert oldest_day_read(today, n) <= oldest_last - dt.timedelta(days=RECENT_DAYS)
