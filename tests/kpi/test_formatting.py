"""Numbers, money, percentages, dates and changes as English and Dutch readers expect."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.formatting import (
    fmt_change,
    fmt_date,
    fmt_date_range,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_value,
)
from kpi.metric import Change

D = dt.date


@pytest.mark.parametrize(
    ("x", "locale", "decimals", "text"),
    [
        (12_345, "en", None, "12,345"),
        (12_345, "nl", None, "12.345"),
        (1.6666, "en", None, "1.67"),
        (1.5, "nl", None, "1,5"),
        (3.1, "en", 2, "3.10"),
        (1_234_567.891, "nl", 1, "1.234.567,9"),
        (-0.001, "en", 1, "0.0"),  # no "-0.0"
        (0, "en", None, "0"),
    ],
)
def test_fmt_number(x: float, locale: str, decimals: int | None, text: str) -> None:
    assert fmt_number(x, locale, decimals) == text


@pytest.mark.parametrize(
    ("x", "currency", "locale", "text"),
    [
        (12_345, "EUR", "en", "€12,345.00"),
        (12_345, "EUR", "nl", "€ 12.345,00"),
        (1_576.8, "EUR", "en", "€1,576.80"),
        (0.004, "EUR", "nl", "€ 0,00"),
        (99.5, "USD", "en", "$99.50"),
        (-12.5, "EUR", "en", "-€12.50"),
    ],
)
def test_fmt_money(x: float, currency: str, locale: str, text: str) -> None:
    assert fmt_money(x, currency, locale) == text


@pytest.mark.parametrize(
    ("x", "locale", "text"),
    [
        (682.9147, "en", "682.9 %"),
        (3.1, "nl", "3,1 %"),
        (1_234.56, "en", "1,234.6 %"),
        (0.45, "en", "0.45 %"),  # below 1 %: two decimals, so 0.45 and 0.54 stay apart
        (0, "nl", "0,0 %"),
        # small percentages keep three significant digits, never "0.0 %"
        (0.0176, "en", "0.0176 %"),
        (0.0176, "nl", "0,0176 %"),
        (0.05, "en", "0.05 %"),
        (0.000123456, "en", "0.000123 %"),
        (-0.0042, "en", "-0.0042 %"),
        (0.099, "en", "0.099 %"),
        (0.94, "en", "0.94 %"),
        (0.6667, "en", "0.67 %"),
        (-12.04, "en", "-12.0 %"),
    ],
)
def test_fmt_percent(x: float, locale: str, text: str) -> None:
    assert fmt_percent(x, locale) == text


@pytest.mark.parametrize(
    ("x", "unit", "locale", "text"),
    [
        (None, "percent", "en", "n/a"),
        (None, "currency", "nl", "n.v.t."),
        (7.5, "percent", "nl", "7,5 %"),
        (25, "currency", "en", "€25.00"),
        (5, "ratio", "en", "5.00"),
        (2.5, "ratio", "nl", "2,50"),
        (16_000, "count", "nl", "16.000"),
    ],
)
def test_fmt_value(x: float | None, unit: str, locale: str, text: str) -> None:
    assert fmt_value(x, unit, locale, "EUR") == text


@pytest.mark.parametrize(
    ("day", "locale", "text"),
    [
        (D(2026, 11, 29), "en", "29 Nov 2026"),
        (D(2026, 11, 29), "nl", "29 nov. 2026"),  # Dutch abbreviations end in a full stop
        (D(2026, 3, 1), "nl", "1 mrt. 2026"),
        (D(2026, 5, 4), "nl", "4 mei 2026"),  # "mei" is whole: no stop
        (D(2026, 10, 4), "nl", "4 okt. 2026"),
        (D(2026, 9, 4), "en", "4 Sep 2026"),
    ],
)
def test_fmt_date(day: dt.date, locale: str, text: str) -> None:
    assert fmt_date(day, locale) == text


@pytest.mark.parametrize(
    ("day", "this_year", "locale", "text"),
    [
        (D(2026, 11, 24), 2026, "en", "24 Nov"),  # this year: without it
        (D(2026, 11, 24), 2026, "nl", "24 nov."),
        (D(2025, 11, 24), 2026, "en", "24 Nov 2025"),  # last year: with it
        (D(2026, 11, 24), 2025, "nl", "24 nov. 2026"),
    ],
)
def test_fmt_date_drops_only_the_current_year(
    day: dt.date, this_year: int, locale: str, text: str
) -> None:
    assert fmt_date(day, locale, this_year) == text


@pytest.mark.parametrize(
    ("start", "end", "locale", "text"),
    [
        (D(2026, 11, 20), D(2026, 11, 26), "en", "20–26 Nov 2026"),  # a week in one month
        (D(2026, 11, 20), D(2026, 11, 26), "nl", "20–26 nov. 2026"),
        (D(2026, 11, 2), D(2026, 11, 29), "en", "2–29 Nov 2026"),  # one month, any length
        (D(2026, 10, 5), D(2026, 11, 1), "en", "5 Oct – 1 Nov 2026"),  # across months
        (D(2026, 10, 5), D(2026, 11, 1), "nl", "5 okt. – 1 nov. 2026"),
        (D(2025, 12, 29), D(2026, 1, 4), "en", "29 Dec 2025 – 4 Jan 2026"),  # across years
        (D(2025, 12, 29), D(2026, 1, 4), "nl", "29 dec. 2025 – 4 jan. 2026"),
        (D(2026, 11, 29), D(2026, 11, 29), "en", "29 Nov 2026"),  # one day
    ],
)
def test_fmt_date_range(start: dt.date, end: dt.date, locale: str, text: str) -> None:
    assert fmt_date_range(start, end, locale) == text


@pytest.mark.parametrize(
    ("start", "end", "locale", "text"),
    [
        (D(2026, 12, 3), D(2026, 12, 19), "en", "3–19 Dec"),  # this year, one month
        (D(2026, 12, 3), D(2026, 12, 19), "nl", "3–19 dec."),
        (D(2026, 11, 28), D(2026, 12, 3), "en", "28 Nov – 3 Dec"),  # this year, two months
        (D(2026, 11, 28), D(2026, 12, 3), "nl", "28 nov. – 3 dec."),
        (D(2025, 12, 3), D(2025, 12, 19), "en", "3–19 Dec 2025"),  # last year: the year once
        (D(2025, 11, 28), D(2025, 12, 3), "nl", "28 nov. – 3 dec. 2025"),
        (D(2025, 12, 29), D(2026, 1, 4), "en", "29 Dec 2025 – 4 Jan 2026"),  # across: both
        (D(2026, 12, 19), D(2026, 12, 19), "nl", "19 dec."),  # one day this year
        (D(2026, 5, 4), D(2026, 5, 10), "nl", "4–10 mei"),
    ],
)
def test_fmt_date_range_in_the_current_year(
    start: dt.date, end: dt.date, locale: str, text: str
) -> None:
    assert fmt_date_range(start, end, locale, 2026) == text


@pytest.mark.parametrize(
    ("change", "locale", "text"),
    [
        (Change(682.9, 641.9, 41.0, "pts", True), "en", "▲ 41.0 pts — better"),
        (Change(682.9, 641.9, 41.0, "pts", True), "nl", "▲ 41,0 procentpunt — beter"),
        (Change(17.5, 20.0, -12.5, "%", True), "en", "▼ 12.5 % — better"),  # a cost (CPA) down
        (Change(17.5, 20.0, -12.5, "%", True), "nl", "▼ 12,5 % — beter"),
        (Change(120.0, 100.0, 20.0, "%", False), "nl", "▲ 20,0 % — slechter"),  # spend up
        (Change(118.0, 100.0, 18.0, "%", False), "en", "▲ 18.0 % — worse"),
        (Change(100, 100, 0.0, "%", None), "en", "= 0.0 % — unchanged"),
        (Change(100, 100, 0.0, "%", None), "nl", "= 0,0 % — onveranderd"),
        (Change(1_380, 1_000, 38.0, "%", True), "en", "▲ 38.0 % — better"),
    ],
)
def test_fmt_change(change: Change, locale: str, text: str) -> None:
    assert fmt_change(change, locale) == text


def test_unknown_locale_reads_as_english() -> None:
    assert fmt_number(1_234.5, "xx") == "1,234.5"
