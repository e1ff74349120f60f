"""Periods in English and Dutch, Monday weeks, year and quarter boundaries, February."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.periods import (
    Period,
    PeriodError,
    campaign_to_date,
    last_complete_week,
    looks_like_period,
    parse_period,
)

D = dt.date
THU = D(2026, 11, 26)  # a Thursday; its week is Mon 23 - Sun 29 Nov

PARSES = [
    # (text, as_of, start, end, kind)
    ("today", THU, D(2026, 11, 26), D(2026, 11, 26), "day"),
    ("vandaag", THU, D(2026, 11, 26), D(2026, 11, 26), "day"),
    ("yesterday", THU, D(2026, 11, 25), D(2026, 11, 25), "day"),
    ("gisteren", D(2026, 1, 1), D(2025, 12, 31), D(2025, 12, 31), "day"),
    ("this week", THU, D(2026, 11, 23), D(2026, 11, 26), "week_to_date"),
    ("Deze  Week", THU, D(2026, 11, 23), D(2026, 11, 26), "week_to_date"),
    ("this week", D(2026, 11, 23), D(2026, 11, 23), D(2026, 11, 23), "week_to_date"),  # Monday
    ("this week", D(2026, 11, 29), D(2026, 11, 23), D(2026, 11, 29), "week"),  # Sunday: whole
    ("last week", THU, D(2026, 11, 16), D(2026, 11, 22), "week"),
    ("vorige week", D(2026, 11, 23), D(2026, 11, 16), D(2026, 11, 22), "week"),  # on a Monday
    ("last week", D(2026, 11, 22), D(2026, 11, 9), D(2026, 11, 15), "week"),  # on a Sunday
    ("last week", D(2026, 1, 2), D(2025, 12, 22), D(2025, 12, 28), "week"),  # across the year
    ("7d", THU, D(2026, 11, 20), D(2026, 11, 26), "rolling"),  # 20..26 = 7 days
    ("last 7 days", THU, D(2026, 11, 20), D(2026, 11, 26), "rolling"),
    ("afgelopen 7 dagen", THU, D(2026, 11, 20), D(2026, 11, 26), "rolling"),
    ("laatste 7 dagen", THU, D(2026, 11, 20), D(2026, 11, 26), "rolling"),
    ("30d", THU, D(2026, 10, 28), D(2026, 11, 26), "rolling"),  # 4 Oct days + 26 Nov days
    ("last 30 days", D(2026, 3, 1), D(2026, 1, 31), D(2026, 3, 1), "rolling"),  # 1+28+1
    ("this month", THU, D(2026, 11, 1), D(2026, 11, 26), "month_to_date"),
    ("deze maand", D(2026, 11, 30), D(2026, 11, 1), D(2026, 11, 30), "month"),
    ("last month", THU, D(2026, 10, 1), D(2026, 10, 31), "month"),
    ("vorige maand", D(2026, 1, 15), D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("last month", D(2028, 3, 5), D(2028, 2, 1), D(2028, 2, 29), "month"),  # leap February
    ("last month", D(2026, 3, 31), D(2026, 2, 1), D(2026, 2, 28), "month"),
    ("this quarter", THU, D(2026, 10, 1), D(2026, 11, 26), "quarter_to_date"),
    ("dit kwartaal", D(2026, 2, 1), D(2026, 1, 1), D(2026, 2, 1), "quarter_to_date"),
    ("last quarter", THU, D(2026, 7, 1), D(2026, 9, 30), "quarter"),
    ("vorig kwartaal", D(2026, 2, 10), D(2025, 10, 1), D(2025, 12, 31), "quarter"),
    ("this year", THU, D(2026, 1, 1), D(2026, 11, 26), "year_to_date"),
    ("dit jaar", D(2026, 12, 31), D(2026, 1, 1), D(2026, 12, 31), "year"),  # its last day: whole
    ("last year", THU, D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("vorig jaar", D(2026, 1, 1), D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("previous year", D(2025, 3, 1), D(2024, 1, 1), D(2024, 12, 31), "year"),  # leap year
    ("2026-Q3", THU, D(2026, 7, 1), D(2026, 9, 30), "quarter"),
    ("2026-q1", THU, D(2026, 1, 1), D(2026, 3, 31), "quarter"),
    ("Q4 2025", THU, D(2025, 10, 1), D(2025, 12, 31), "quarter"),
    ("2026-10", THU, D(2026, 10, 1), D(2026, 10, 31), "month"),
    ("2026-02", THU, D(2026, 2, 1), D(2026, 2, 28), "month"),
    ("2024-02", THU, D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("2026-10-01..2026-10-31", THU, D(2026, 10, 1), D(2026, 10, 31), "range"),
    ("2025-12-29..2026-01-04", THU, D(2025, 12, 29), D(2026, 1, 4), "range"),
    ("2026-10-01 – 2026-10-07", THU, D(2026, 10, 1), D(2026, 10, 7), "range"),
    ("since 2026-10-01", THU, D(2026, 10, 1), D(2026, 11, 26), "since"),
    ("sinds 2026-10-01", THU, D(2026, 10, 1), D(2026, 11, 26), "since"),
    ("2026-10-05", THU, D(2026, 10, 5), D(2026, 10, 5), "day"),
]


@pytest.mark.parametrize(("text", "as_of", "start", "end", "kind"), PARSES)
def test_parse(text: str, as_of: dt.date, start: dt.date, end: dt.date, kind: str) -> None:
    period = parse_period(text, as_of)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert looks_like_period(text)


PREVIOUS = [
    # calendar units: the unit before
    (Period(D(2026, 11, 16), D(2026, 11, 22), "week"), D(2026, 11, 9), D(2026, 11, 15)),
    (Period(D(2026, 1, 5), D(2026, 1, 11), "week"), D(2025, 12, 29), D(2026, 1, 4)),
    (Period(D(2026, 3, 1), D(2026, 3, 31), "month"), D(2026, 2, 1), D(2026, 2, 28)),
    (Period(D(2026, 1, 1), D(2026, 1, 31), "month"), D(2025, 12, 1), D(2025, 12, 31)),
    (Period(D(2026, 1, 1), D(2026, 3, 31), "quarter"), D(2025, 10, 1), D(2025, 12, 31)),
    (Period(D(2026, 7, 1), D(2026, 9, 30), "quarter"), D(2026, 4, 1), D(2026, 6, 30)),
    (Period(D(2025, 1, 1), D(2025, 12, 31), "year"), D(2024, 1, 1), D(2024, 12, 31)),
    # to date: the same days of the unit before, clipped to its end
    (Period(D(2026, 11, 23), D(2026, 11, 26), "week_to_date"), D(2026, 11, 16), D(2026, 11, 19)),
    (Period(D(2026, 3, 1), D(2026, 3, 31), "month_to_date"), D(2026, 2, 1), D(2026, 2, 28)),
    (Period(D(2026, 11, 1), D(2026, 11, 26), "month_to_date"), D(2026, 10, 1), D(2026, 10, 26)),
    (Period(D(2026, 1, 1), D(2026, 2, 1), "quarter_to_date"), D(2025, 10, 1), D(2025, 11, 1)),
    (Period(D(2026, 1, 1), D(2026, 11, 26), "year_to_date"), D(2025, 1, 1), D(2025, 11, 26)),
    # 1 Jan-29 Feb of a leap year: the same 60 days of the year before (1 Jan-1 Mar)
    (Period(D(2024, 1, 1), D(2024, 2, 29), "year_to_date"), D(2023, 1, 1), D(2023, 3, 1)),
    # anything else: the same number of days right before
    (Period(D(2026, 11, 20), D(2026, 11, 26), "rolling"), D(2026, 11, 13), D(2026, 11, 19)),
    (Period(D(2026, 11, 2), D(2026, 11, 29), "to_date"), D(2026, 10, 5), D(2026, 11, 1)),
    (Period(D(2026, 10, 1), D(2026, 10, 31), "range"), D(2026, 8, 31), D(2026, 9, 30)),
    (Period(D(2026, 1, 1), D(2026, 1, 1), "day"), D(2025, 12, 31), D(2025, 12, 31)),
    (Period(D(2026, 3, 1), D(2026, 3, 10), "since"), D(2026, 2, 19), D(2026, 2, 28)),
]


@pytest.mark.parametrize(("period", "start", "end"), PREVIOUS)
def test_previous(period: Period, start: dt.date, end: dt.date) -> None:
    before = period.previous()
    assert (before.start, before.end) == (start, end)
    assert before.kind == period.kind


def test_days_counts_both_ends() -> None:
    assert Period(D(2026, 11, 2), D(2026, 11, 29)).days == 28
    assert Period(D(2026, 2, 1), D(2026, 2, 28)).days == 28
    assert Period(D(2026, 1, 1), D(2026, 1, 1)).days == 1


def test_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(D(2026, 1, 2), D(2026, 1, 1))


def test_campaign_to_date() -> None:
    period = campaign_to_date(D(2026, 11, 2), D(2026, 11, 29))
    assert (period.start, period.end, period.kind, period.days) == (
        D(2026, 11, 2),
        D(2026, 11, 29),
        "to_date",
        28,
    )


@pytest.mark.parametrize(
    ("as_of", "monday", "sunday"),
    [
        (D(2026, 11, 26), D(2026, 11, 16), D(2026, 11, 22)),  # Thursday
        (D(2026, 11, 23), D(2026, 11, 16), D(2026, 11, 22)),  # Monday: last week is complete
        (D(2026, 11, 29), D(2026, 11, 16), D(2026, 11, 22)),  # Sunday: its week is still on
        (D(2027, 1, 1), D(2026, 12, 21), D(2026, 12, 27)),  # New Year's Day, a Friday
    ],
)
def test_last_complete_week(as_of: dt.date, monday: dt.date, sunday: dt.date) -> None:
    week = last_complete_week(as_of)
    assert (week.start, week.end, week.kind) == (monday, sunday, "week")
    assert week.start.weekday() == 0


@pytest.mark.parametrize(
    "text",
    [
        "2026-13",
        "2026-Q5",
        "2026-02-30",
        "since 2026-12-01",  # after as_of
        "2026-10-31..2026-10-01",
        "0d",
    ],
)
def test_impossible_periods_look_like_periods_but_are_refused(text: str) -> None:
    assert looks_like_period(text)
    with pytest.raises(PeriodError) as info:
        parse_period(text, THU)
    assert info.value.text == text
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("text", ["campaign-x", "roi", "on facebook", "", "next year", "week"])
def test_other_words_are_no_period(text: str) -> None:
    assert not looks_like_period(text)
    with pytest.raises(PeriodError):
        parse_period(text, THU)


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from(["this week", "last week", "this month", "last month", "this quarter",
                     "last quarter", "this year", "last year", "7d", "30d", "today",
                     "yesterday"]),
)  # fmt: skip
def test_previous_ends_the_day_before_and_never_overlaps(as_of: dt.date, text: str) -> None:
    period = parse_period(text, as_of)
    before = period.previous()
    assert before.end < period.start
    assert period.end <= as_of
    if period.kind in ("rolling", "day"):
        assert before.end == period.start - dt.timedelta(days=1)
        assert before.days == period.days
    if period.kind == "week":
        assert period.start.weekday() == 0 and period.end.weekday() == 6
        assert before.start.weekday() == 0 and before.days == 7


# like for like: (period text, today, metrics through) -> (compared, previous, metrics through)
@pytest.mark.parametrize(
    ("text", "today", "through", "current", "previous", "lag"),
    [
        # 7d on Sunday 29 Nov, metrics through Saturday: 6 days against the 6 before
        ("7d", D(2026, 11, 29), D(2026, 11, 28),
         (D(2026, 11, 23), D(2026, 11, 28)), (D(2026, 11, 17), D(2026, 11, 22)), True),
        # metrics through today: the whole 7 days against the 7 before
        ("7d", D(2026, 11, 29), D(2026, 11, 29),
         (D(2026, 11, 23), D(2026, 11, 29)), (D(2026, 11, 16), D(2026, 11, 22)), False),
        # this month: 1–28 Nov against 1–28 Oct
        ("this month", D(2026, 11, 29), D(2026, 11, 28),
         (D(2026, 11, 1), D(2026, 11, 28)), (D(2026, 10, 1), D(2026, 10, 28)), True),
        # this week on its last day (a whole calendar week), metrics through Saturday
        ("this week", D(2026, 11, 29), D(2026, 11, 28),
         (D(2026, 11, 23), D(2026, 11, 28)), (D(2026, 11, 16), D(2026, 11, 21)), True),
        # last week, complete: against the week before
        ("last week", D(2026, 11, 29), D(2026, 11, 28),
         (D(2026, 11, 16), D(2026, 11, 22)), (D(2026, 11, 9), D(2026, 11, 15)), False),
        # last month, metrics stop on 20 Oct: 1–20 Oct against 1–20 Sep
        ("last month", D(2026, 11, 29), D(2026, 10, 20),
         (D(2026, 10, 1), D(2026, 10, 20)), (D(2026, 9, 1), D(2026, 9, 20)), True),
        # this month on 31 Mar, metrics through 30 Mar: 1–30 Mar against all of February
        ("this month", D(2026, 3, 31), D(2026, 3, 30),
         (D(2026, 3, 1), D(2026, 3, 30)), (D(2026, 2, 1), D(2026, 2, 28)), True),
    ],
)  # fmt: skip
def test_like_for_like(
    text: str,
    today: dt.date,
    through: dt.date,
    current: tuple[dt.date, dt.date],
    previous: tuple[dt.date, dt.date],
    lag: bool,
) -> None:
    from kpi.periods import like_for_like

    compared = like_for_like(parse_period(text, today), today, through)
    assert (compared.current.start, compared.current.end) == current
    assert (compared.previous.start, compared.previous.end) == previous
    assert compared.previous.days == compared.current.days or text == "this month"
    assert (compared.metrics_through == through) is lag


def test_a_period_before_any_metrics_stays_as_asked() -> None:
    from kpi.periods import like_for_like

    q3 = parse_period("2026-Q3", D(2026, 11, 29))
    compared = like_for_like(q3, D(2026, 11, 29), D(2026, 11, 28))
    assert compared.current == q3 and not compared.partial
    today = parse_period("today", D(2026, 11, 29))
    compared = like_for_like(today, D(2026, 11, 29), D(2026, 11, 28))
    assert compared.current == today and compared.metrics_through == D(2026, 11, 28)


def test_campaign_to_date_runs_through_today() -> None:
    assert campaign_to_date(D(2026, 10, 4), D(2026, 11, 29)) == Period(
        D(2026, 10, 4), D(2026, 11, 29), "to_date"
    )


@pytest.mark.parametrize(
    ("days", "today", "through", "first", "current", "previous"),
    [
        # metrics through 26 Nov, seen on 29 Nov: the 7 days ending 26 Nov, against 13–19 Nov
        (7, "2026-11-29", "2026-11-26", None, ("11-20", "11-26"), ("11-13", "11-19")),
        # metrics through today: the 7 days ending today against the 7 before
        (7, "2026-11-29", "2026-11-29", None, ("11-23", "11-29"), ("11-16", "11-22")),
        # data only since 25 Nov: 4 days against the 4 days before them
        (
            7,
            "2026-11-28",
            "2026-11-28",
            "2026-11-25",
            ("11-25", "11-28"),
            ("11-21", "11-24"),
        ),
        # 14 days over a month end: 18 Nov – 1 Dec against 4–17 Nov
        (14, "2026-12-01", "2026-12-01", None, ("11-18", "12-01"), ("11-04", "11-17")),
    ],
)
def test_trailing_window_of_a_target(
    days: int,
    today: str,
    through: str,
    first: str | None,
    current: tuple[str, str],
    previous: tuple[str, str],
) -> None:
    from kpi.periods import trailing_window

    def day(md: str) -> dt.date:
        return dt.date.fromisoformat(f"2026-{md}")

    window = trailing_window(
        days,
        dt.date.fromisoformat(today),
        dt.date.fromisoformat(through),
        dt.date.fromisoformat(first) if first else None,
    )
    assert (window.current.start, window.current.end) == (day(current[0]), day(current[1]))
    assert (window.previous.start, window.previous.end) == (day(previous[0]), day(previous[1]))
    assert window.current == window.asked  # the window is always whole days with metrics
    assert window.metrics_through is None  # it ends at the last day with metrics
