"""Periods: the dates a KPI is computed over, from the words people type (English and Dutch).

Weeks start on Monday. "this week/month/quarter/year" run to `as_of` (the days after it have
no data yet); "last week/month/quarter/year" are whole calendar units. Every period is
inclusive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kpi.bounds import MIN_DAY
from kpi.errors import PeriodError, PeriodOutOfRange

#: Kinds that are whole calendar units: their previous period is the unit before.
CALENDAR = frozenset({"week", "month", "quarter", "year"})
#: Kinds that run from the start of a calendar unit to a day inside it.
UNIT_TO_DATE = {
    "week_to_date": "week",
    "month_to_date": "month",
    "quarter_to_date": "quarter",
    "year_to_date": "year",
}
MAX_DAYS = 3660


def _unit_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _unit_end(start: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return start + dt.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _unit_before(start: dt.date, unit: str) -> dt.date:
    """The first day of the unit before the one starting at `start`."""
    return _unit_start(start - dt.timedelta(days=1), unit)


@dataclass(frozen=True)
class Period:
    """The days `start` through `end` (inclusive). `kind` says how it was asked for: "day",
    "week", "month", "quarter", "year" (whole calendar units), "week_to_date", "month_to_date",
    "quarter_to_date", "year_to_date", "rolling" (last N days), "range", "since",
    "to_date" (campaign)."""

    start: dt.date
    end: dt.date
    kind: str = "range"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """Number of days, both ends included."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period to compare with: a calendar week/month/quarter -> the one before; a
        week/month/quarter to date -> the same days of the unit before (clipped to its end,
        so 31 Mar to date compares with 1-29 Feb); anything else -> the same number of days
        immediately before."""
        if self.kind in CALENDAR:
            start = _unit_before(self.start, self.kind)
            return Period(start, _unit_end(start, self.kind), self.kind)
        unit = UNIT_TO_DATE.get(self.kind)
        if unit is not None:
            start = _unit_before(self.start, unit)
            end = min(start + dt.timedelta(days=self.days - 1), _unit_end(start, unit))
            return Period(start, end, self.kind)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, self.kind)


def _to_date(as_of: dt.date, unit: str) -> Period:
    start = _unit_start(as_of, unit)
    complete = as_of == _unit_end(start, unit)
    return Period(start, as_of, unit if complete else f"{unit}_to_date")


def _whole(day: dt.date, unit: str) -> Period:
    start = _unit_start(day, unit)
    return Period(start, _unit_end(start, unit), unit)


def _last(as_of: dt.date, unit: str) -> Period:
    return _whole(_unit_before(_unit_start(as_of, unit), unit), unit)


def _day(as_of: dt.date, offset: int) -> Period:
    day = as_of - dt.timedelta(days=offset)
    return Period(day, day, "day")


def _date(text: str, whole: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise PeriodError(whole, "no such date") from exc


def _rolling(n: str, as_of: dt.date, text: str) -> Period:
    days = int(n)
    if not 1 <= days <= MAX_DAYS:
        raise PeriodError(text, "number of days out of range")
    return Period(as_of - dt.timedelta(days=days - 1), as_of, "rolling")


def _month(year: str, month: str, text: str) -> Period:
    if not 1 <= int(month) <= 12:
        raise PeriodError(text, "no such month")
    return _whole(dt.date(int(year), int(month), 1), "month")


def _quarter(year: str, quarter: str, text: str) -> Period:
    if not 1 <= int(quarter) <= 4:
        raise PeriodError(text, "no such quarter")
    return _whole(dt.date(int(year), (int(quarter) - 1) * 3 + 1, 1), "quarter")


def _range(first: str, last: str, text: str) -> Period:
    start, end = _date(first, text), _date(last, text)
    if end < start:
        raise PeriodError(text, "the range ends before it starts")
    return Period(start, end, "range")


def _since(first: str, as_of: dt.date, text: str) -> Period:
    start = _date(first, text)
    if start > as_of:
        raise PeriodError(text, "the start is after today")
    return Period(start, as_of, "since")


_DATE = r"(\d{4}-\d{2}-\d{2})"
_N_DAYS = r"(?:(?:last|past|afgelopen|laatste)\s+)?(\d+)\s*(?:d|days?|dagen|dag)"

Builder = Callable[[re.Match[str], dt.date, str], Period]

#: (pattern, builder) pairs; the text is lower-cased with single spaces before matching.
_FORMS: tuple[tuple[str, Builder], ...] = (
    (r"today|vandaag", lambda m, a, t: _day(a, 0)),
    (r"yesterday|gisteren", lambda m, a, t: _day(a, 1)),
    (r"this week|deze week", lambda m, a, t: _to_date(a, "week")),
    (r"last week|previous week|vorige week|afgelopen week", lambda m, a, t: _last(a, "week")),
    (r"this month|deze maand", lambda m, a, t: _to_date(a, "month")),
    (r"last month|previous month|vorige maand", lambda m, a, t: _last(a, "month")),
    (r"this quarter|dit kwartaal", lambda m, a, t: _to_date(a, "quarter")),
    (r"last quarter|previous quarter|vorig kwartaal", lambda m, a, t: _last(a, "quarter")),
    (r"this year|dit jaar", lambda m, a, t: _to_date(a, "year")),
    (r"last year|previous year|vorig jaar", lambda m, a, t: _last(a, "year")),
    (_N_DAYS, lambda m, a, t: _rolling(m[1], a, t)),
    (r"(\d{4})[\s-]?q(\d)", lambda m, a, t: _quarter(m[1], m[2], t)),
    (r"q(\d)\s+(\d{4})", lambda m, a, t: _quarter(m[2], m[1], t)),
    (r"(\d{4})-(\d{1,2})", lambda m, a, t: _month(m[1], m[2], t)),
    (_DATE + r"\s*(?:\.\.|–|—|\s-\s|\s+to\s+|\s+tot\s+|\s+t/m\s+)\s*" + _DATE,
     lambda m, a, t: _range(m[1], m[2], t)),
    (r"(?:since|sinds|vanaf|from)\s+" + _DATE, lambda m, a, t: _since(m[1], a, t)),
    (_DATE, lambda m, a, t: (lambda d: Period(d, d, "day"))(_date(m[1], t))),
)  # fmt: skip

_COMPILED = tuple((re.compile(pattern), build) for pattern, build in _FORMS)


def _clean(text: str) -> str:
    return " ".join(text.lower().split())


def looks_like_period(text: str) -> bool:
    """True when `text` has the shape of a period (it may still name an impossible one,
    such as 2026-13; parse_period then says so)."""
    clean = _clean(text)
    return any(pattern.fullmatch(clean) for pattern, _ in _COMPILED)


def parse_period(text: str, as_of: dt.date) -> Period:
    """The period `text` names, seen from `as_of` (the user's today).

    English: today, yesterday, this/last week, this/last month, this/last quarter,
    this/last year, 7d,
    last 7 days, 2026-Q3, Q3 2026, 2026-10, 2026-10-01..2026-10-31, since 2026-10-01,
    2026-10-05. Dutch: vandaag, gisteren, deze/vorige week, deze/vorige maand,
    dit/vorig kwartaal, dit/vorig jaar, afgelopen/laatste 7 dagen, sinds 2026-10-01.
    Raises PeriodError.
    """
    clean = _clean(text)
    for pattern, build in _COMPILED:
        match = pattern.fullmatch(clean)
        if match:
            try:
                period = build(match, as_of, text)
            except (ValueError, OverflowError) as exc:  # year 0, year 10000, ...
                if isinstance(exc, PeriodError):
                    raise
                raise PeriodOutOfRange(text, "outside the calendar") from exc
            # A typed year before MIN_DAY or after today names days no data can have (days
            # counted back from today are left alone: they follow the clock).
            if r"\d{4}" in pattern.pattern and not MIN_DAY <= period.start <= as_of:
                raise PeriodOutOfRange(text, "outside the dates kept")
            try:
                period.previous()  # the comparison must exist too (2000-Q1's is 1999-Q4)
            except (ValueError, OverflowError) as exc:
                raise PeriodOutOfRange(text, "outside the calendar") from exc
            return period
    raise PeriodError(text)


def campaign_to_date(first_day: dt.date, today: dt.date) -> Period:
    """The campaign's first day with data through today (kind "to_date"): costs logged today
    count, and the metrics run as far as they have arrived (see `like_for_like`)."""
    return Period(first_day, max(first_day, today), "to_date")


@dataclass(frozen=True)
class Comparison:
    """What a reply shows and what it compares with, decided in one place.

    `asked` is the period asked for (its totals give the value: costs through today count);
    `current` the part of it compared — all of it when it is complete, else its days up to
    the last day with metrics; `previous` the same stretch before it (the unit before for a
    complete calendar unit, the same days of the unit before for a unit to date, else the
    same number of days right before). `metrics_through` is the last day with metrics when
    it falls before the end of `asked` (the reply says "metrics through …"), else None.
    """

    asked: Period
    current: Period
    previous: Period
    metrics_through: dt.date | None

    @property
    def partial(self) -> bool:
        """True when the compared days are fewer than the days asked for."""
        return self.current != self.asked


def _same_days_before(current: Period, unit: str | None) -> Period:
    if unit is not None:
        start = _unit_before(_unit_start(current.start, unit), unit)
        start += current.start - _unit_start(current.start, unit)
        end = min(start + dt.timedelta(days=current.days - 1), _unit_end(start, unit))
        return Period(start, max(start, end), current.kind)
    end = current.start - dt.timedelta(days=1)
    return Period(end - dt.timedelta(days=current.days - 1), end, current.kind)


def like_for_like(period: Period, as_of: dt.date, data_through: dt.date | None) -> Comparison:
    """The like-for-like comparison for `period`, seen on `as_of` with metrics through
    `data_through` (None: no metrics at all).

    A period that is not complete — it ends today or later, or after the last day with
    metrics — is compared over its days with metrics against the same number of days before
    it: `7d` on 29 Nov with metrics through 28 Nov compares 23–28 Nov with 17–22 Nov, and
    `this month` then compares 1–28 Nov with 1–28 Oct. A complete period compares with
    `Period.previous()`. Metrics that end before the period starts leave it as asked.
    """
    lagging = data_through is not None and data_through < period.end
    if period.end < as_of and not lagging:
        return Comparison(period, period, period.previous(), None)
    last = min(period.end, as_of, data_through) if data_through else min(period.end, as_of)
    if last < period.start:
        return Comparison(period, period, period.previous(), data_through if lagging else None)
    current = Period(period.start, last, period.kind)
    unit = period.kind if period.kind in CALENDAR else UNIT_TO_DATE.get(period.kind)
    return Comparison(period, current, _same_days_before(current, unit), last if lagging else None)


def trailing_window(
    days: int, as_of: dt.date, data_through: dt.date, first_day: dt.date | None = None
) -> Comparison:
    """The window a target is judged over, through `like_for_like`: the `days` days ending
    at the last day with metrics (a lag moves the window back rather than shortening it;
    never before `first_day`, the first day with data), and the same number of days before
    it, which the likely cause compares with. `days` 7 on 29 Nov with metrics through 26
    Nov: 20–26 Nov against 13–19 Nov (the alert names the window's dates)."""
    end = min(data_through, as_of)
    start = end - dt.timedelta(days=days - 1)
    if first_day is not None:
        start = min(max(start, first_day), end)
    return like_for_like(Period(start, end, "rolling"), as_of, data_through)


def last_complete_week(as_of: dt.date) -> Period:
    """The Monday-Sunday week before the week of `as_of` (as_of's own week is still going)."""
    return _last(as_of, "week")
