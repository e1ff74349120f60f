"""Numbers, money, percentages, dates and changes as people in the workspace's locale read
them (Babel). Spaces are plain spaces, so the text is the same wherever it is pasted.

en: "12,345", "€12,345.00", "682.9 %", "29 Nov 2026", "20–26 Nov 2026"; dates and ranges
drop the year when the caller passes the reader's current year: "20–26 Nov".
nl: "12.345", "€ 12.345,00", "3,1 %", "29 nov. 2026", "20–26 nov. 2026".
"""

from __future__ import annotations

import datetime as dt
import math

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from babel.numbers import format_currency, format_decimal

from kpi.i18n import t
from kpi.metric import Change

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def _zero_if_rounds_to_zero(x: float, decimals: int) -> float:
    # so -0.001 shows as "0.0", not "-0.0"
    return 0.0 if round(x, decimals) == 0 else x


def fmt_number(x: float, locale: str, decimals: int | None = None) -> str:
    """x with the locale's separators. decimals=None: whole numbers without decimals, others
    with up to 2 ("12,345", "1.67"); decimals=n: exactly n ("3.10")."""
    if decimals is None:
        pattern = "#,##0.##"
        x = _zero_if_rounds_to_zero(x, 2)
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        x = _zero_if_rounds_to_zero(x, decimals)
    text: str = format_decimal(x, pattern, locale=_locale(locale))
    return text.translate(_SPACES)


def fmt_money(x: float, currency: str, locale: str) -> str:
    """An amount with its currency symbol and 2 decimals: "€12,345.00" (en),
    "€ 12.345,00" (nl)."""
    x = _zero_if_rounds_to_zero(x, 2)
    text: str = format_currency(x, currency.upper(), locale=_locale(locale))
    return text.translate(_SPACES)


def _significant_decimals(x: float, digits: int = 3, most: int = 8) -> int:
    """Decimals that keep `digits` significant digits of a small x: 0.0176 -> 4."""
    return min(most, max(2, digits - 1 - math.floor(math.log10(abs(x)))))


def fmt_percent(x: float, locale: str, decimals: int | None = None) -> str:
    """x, already in percent units (3.1 means 3.1 %): "682.9 %" (en), "3,1 %" (nl).
    One decimal; below 1 % two, and below 0.1 % as many as keep three significant digits,
    so 0.45 % and 0.54 % stay apart and 0.0176 % never shows as "0.0 %"."""
    if decimals is not None:
        return f"{fmt_number(x, locale, decimals)} %"
    if x == 0 or abs(round(x, 1)) >= 1:
        return f"{fmt_number(x, locale, 1)} %"
    most = 2 if abs(x) >= 0.1 else _significant_decimals(x)
    pattern = "#,##0.00" + "#" * (most - 2)
    text: str = format_decimal(x, pattern, locale=_locale(locale))
    return f"{text.translate(_SPACES)} %"


def fmt_value(x: float | None, unit: str, locale: str, currency: str) -> str:
    """A KPI value in its unit (count, percent, currency, ratio); "n/a" ("n.v.t.") for None."""
    if x is None:
        return t("na.short", locale)
    if unit == "percent":
        return fmt_percent(x, locale)
    if unit == "currency":
        return fmt_money(x, currency, locale)
    if unit == "ratio":
        return fmt_number(x, locale, 2)
    return fmt_number(x, locale)


#: Languages that end a shortened month with a full stop ("dec.", but "mei" whole), which
#: recent CLDR data (Babel) leaves out for Dutch.
_STOPPED = frozenset({"nl"})


def _month(d: dt.date, locale: str) -> str:
    """The abbreviated month as written in a date: "Nov" (en), "nov." (nl; "mei")."""
    loc = _locale(locale)
    short = str(get_month_names("abbreviated", locale=loc)[d.month]).rstrip(".")
    if loc.language in _STOPPED and short != str(get_month_names("wide", locale=loc)[d.month]):
        return f"{short}."
    return short


def _day_month(d: dt.date, locale: str) -> str:
    return f"{d.day} {_month(d, locale)}"


def fmt_date(d: dt.date, locale: str, this_year: int | None = None) -> str:
    """ "29 Nov 2026" (en), "29 nov. 2026" (nl); without the year when it is `this_year`
    (the reader's current year): "29 Nov", "29 nov."."""
    if d.year == this_year:
        return _day_month(d, locale)
    return f"{_day_month(d, locale)} {d.year}"


def fmt_date_range(start: dt.date, end: dt.date, locale: str, this_year: int | None = None) -> str:
    """An inclusive range of days as people write it — every range kpibot shows (a reply's
    period, a gap, a digest's week) goes through here. The month once when it is shared,
    the year once, and not at all when both ends are in `this_year` (the reader's current
    year; None: always the year).

    One month: "3–19 Dec", "3–19 dec." (nl), "3–19 Dec 2025" (another year).
    Across months: "28 Nov – 3 Dec", "28 nov. – 3 dec.", "28 Nov – 3 Dec 2025".
    Across years: "29 Dec 2025 – 4 Jan 2026" (both years, always). One day: fmt_date.
    """
    if start == end:
        return fmt_date(start, locale, this_year)
    if start.year != end.year:
        return f"{fmt_date(start, locale)} – {fmt_date(end, locale)}"
    if start.month == end.month:
        return f"{start.day}–{fmt_date(end, locale, this_year)}"
    return f"{_day_month(start, locale)} – {fmt_date(end, locale, this_year)}"


def fmt_change(change: Change, locale: str) -> str:
    """Arrow, size and verdict of a change, one decimal: "▲ 41.0 pts — better",
    "▼ 12.5 % — better" (a cost going down), "▲ 18.0 % — worse", "= 0.0 % — unchanged".
    The arrow carries the sign and the word the direction of the KPI, so it reads without
    colour."""
    size = fmt_number(abs(change.delta), locale, 1)
    unit = t("change.pts", locale) if change.unit == "pts" else "%"
    verdict = {True: "change.better", False: "change.worse", None: "change.same"}[change.better]
    return f"{change.arrow} {size} {unit} — {t(verdict, locale)}"
