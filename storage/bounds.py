"""What the database columns can hold, read from the models, so SQLite and PostgreSQL accept
and refuse exactly the same values, and every way in (typed commands, imports, forms) says
so before anything is written.

    Numbers: a BIGINT holds whole numbers up to 2**63 - 1, an INTEGER up to 2**31 - 1 (the
    PostgreSQL size, smaller than SQLite's), NUMERIC(p, s) less than 10**(p - s) after
    rounding to s places, a FLOAT any finite number. NaN and infinity never.
    Text: at most the column's length, and no control characters (NUL, escape, ...).
    Days: kpi.bounds.MIN_DAY through today.

Checks raise OutOfBounds (an i18n key with its arguments, limits as plain numbers for the
caller to format); `row_problems` gives an import's problems by line, column-wise.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from sqlalchemy import Column

from kpi.bounds import MIN_DAY, has_control
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.records import MetricRow
from storage.errors import OutOfBounds
from storage.exports.problems import RowProblem
from storage.limits import NumberBound, counter_bounds, number_bound, text_limit
from storage.models import Campaign, Cost, DailyMetric, Target, Workspace

#: A cost's note is TEXT (no length); longer notes are refused so a reply stays readable.
NOTE_MAX = 500


def _column(model: type, name: str) -> Column[object]:
    column: Column[object] = model.__table__.c[name]  # type: ignore[attr-defined]  # any model
    return column


# -- checks that raise -------------------------------------------------------------------


def check_number(label: str, value: float, bound: NumberBound) -> float:
    """`value` when the column holds it, else OutOfBounds (`bounds.not_finite` or
    `bounds.too_big` with `name`, `value` and `max`)."""
    if not math.isfinite(value):
        raise OutOfBounds("bounds.not_finite", name=label)
    if not bound.fits(value):
        raise OutOfBounds("bounds.too_big", name=label, value=value, max=bound.largest)
    return value


def check_counter(name: str, value: float, *, label: str | None = None) -> float:
    """A counter's value (`label`: the word the user typed for it)."""
    return check_number(label or name, value, counter_bounds()[name])


def check_money(label: str, value: float) -> float:
    """An amount for a cost's MONEY columns."""
    return check_number(label, value, number_bound(_column(Cost, "amount")))


def check_hours(value: float) -> float:
    return check_number("hours", value, number_bound(_column(Cost, "hours")))


def check_target_value(value: float) -> float:
    return check_number("value", value, number_bound(_column(Target, "value")))


def check_text(label: str, value: str, limit: int | None, *, newlines: bool = False) -> str:
    """`value` when it fits `limit` characters and holds no control character."""
    if has_control(value, allow_newlines=newlines):
        raise OutOfBounds("bounds.control", name=label)
    if limit is not None and len(value) > limit:
        raise OutOfBounds("bounds.too_long", name=label, length=len(value), max=limit)
    return value


def check_slug(value: str) -> str:
    return check_text("campaign", value, text_limit(_column(Campaign, "slug")))


def check_campaign_name(value: str) -> str:
    return check_text("campaign name", value, text_limit(_column(Campaign, "name")))


def check_campaign_word(value: str) -> str:
    """A campaign as typed: its slug or its display name."""
    return check_text("campaign", value, text_limit(_column(Campaign, "name")))


def check_platform(value: str) -> str:
    return check_text("platform", value, text_limit(_column(DailyMetric, "platform")))


def check_note(value: str) -> str:
    return check_text("note", value, NOTE_MAX)


def check_timezone_name(value: str) -> str:
    return check_text("timezone", value, text_limit(_column(Workspace, "timezone")))


def check_day(label: str, day: dt.date, today: dt.date) -> dt.date:
    """`day` when MIN_DAY <= day <= today, else OutOfBounds (`bounds.day_range`)."""
    if not MIN_DAY <= day <= today:
        raise OutOfBounds("bounds.day_range", name=label, value=day, first=MIN_DAY, last=today)
    return day


def check_metrics(
    slug: str, day: dt.date, platform: str, counters: Mapping[str, float], today: dt.date
) -> None:
    """Everything a typed `/kpi log` stores, checked as the import checks a row."""
    check_slug(slug)
    check_platform(platform)
    check_day("date", day, today)
    for name, value in counters.items():
        check_counter(name, value)


# -- imports, column-wise --------------------------------------------------------------


def row_problems(rows: Sequence[MetricRow], today: dt.date) -> list[RowProblem]:
    """Every reason an import's checked rows cannot be stored as they are: a day outside
    MIN_DAY..today, a campaign, name or platform too long or with control characters, a
    number its column cannot hold. Column-wise for FrameRows (text checked once per
    distinct value)."""
    if isinstance(rows, FrameRows):
        return _frame_problems(rows, today)
    problems: list[RowProblem] = []
    for row in rows:
        checks: tuple[tuple[str, Callable[[MetricRow], object]], ...] = (
            ("date", lambda r: check_day("date", r.day, today)),
            ("date", lambda r: r.day_end and check_day("date", r.day_end, today)),
            ("campaign", lambda r: check_slug(r.campaign)),
            ("campaign_name", lambda r: r.campaign_name and check_campaign_name(r.campaign_name)),
            ("platform", lambda r: check_platform(r.platform)),
            *((name, _counter_check(name)) for name in row.counters),
        )
        for label, check in checks:
            try:
                check(row)
            except OutOfBounds as exc:
                problems.append(_problem(row.line, label, exc))
    return problems


def _counter_check(name: str) -> Callable[[MetricRow], object]:
    def check(row: MetricRow) -> object:
        return check_counter(name, row.counters[name])

    return check


def _frame_problems(rows: FrameRows, today: dt.date) -> list[RowProblem]:
    """Each distinct text checked once; the rows holding a bad one found by its code."""
    problems: list[RowProblem] = []
    first, last = MIN_DAY.isoformat(), today.isoformat()
    lines = rows.line_array()
    days = rows.coded("days")
    used = days.used()
    if len(used) and (min(used) < first or max(used) > last):
        out = np.array([d < first or d > last for d in days.values], dtype=bool)
        for i in np.flatnonzero(out[days.codes]).tolist():
            value = days.values[days.codes[i]]
            exc = OutOfBounds(
                "bounds.day_range", name="date", value=value, first=MIN_DAY, last=today
            )
            problems.append(_problem(int(lines[i]), "date", exc))
    texts: tuple[tuple[str, str, Callable[[str], str]], ...] = (
        ("campaign", "campaigns", check_slug),
        ("campaign_name", "names", check_campaign_name),
        ("platform", "platforms", check_platform),
    )
    for label, column, check in texts:
        coded = rows.coded(column)
        bad: dict[int, OutOfBounds] = {}
        for code, value in enumerate(coded.values.tolist()):  # a few hundred distinct values
            if not value:
                continue
            try:
                check(value)
            except OutOfBounds as exc:
                bad[code] = exc
        if bad:
            hit = np.isin(coded.codes, np.fromiter(bad, dtype=np.int64))
            problems += [
                _problem(int(lines[i]), label, bad[int(coded.codes[i])])
                for i in np.flatnonzero(hit).tolist()
            ]
    # Counters: the parsers refused every number too big for its column (limits.too_big)
    # before building these columns, column-wise; not checked a second time here.
    return problems


def _problem(line: int, column: str, exc: OutOfBounds) -> RowProblem:
    args = {k: _plain(v) for k, v in exc.args_.items()}
    return RowProblem(line, column, exc.key, args)


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and len(value) > 60:
        return value[:59] + "…"
    return str(value)
