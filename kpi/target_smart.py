"""Setting a target: reading its value as typed, and the SMART check of the reply (issue 4).

``parse_target_value`` turns "3%", "3,5%", "€20", "1.234,56" or "50k" into a number in the
KPI's unit and refuses anything else with an example that works. ``smart_check`` writes one
line per letter: Specific (KPI and campaign exist), Measurable (value and unit), Achievable
(the campaign's own best week; a warning, never a refusal), Relevant (the KPI serves the
campaign's goal), Time-bound (deadline after today; a past one is refused).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kpi.errors import TargetValueError
from kpi.formatting import fmt_date, fmt_number, fmt_value
from kpi.i18n import t
from kpi.registry import Kpi, UnknownKpi, lookup
from kpi.targets import TargetSpec, is_cumulative

Letter = Literal["S", "M", "A", "R", "T"]
Level = Literal["ok", "info", "warn", "refuse"]

#: Achievable: a target beyond this multiple of the best week (>=) or under this fraction
#: of it (<=) is "far beyond" what the campaign has done.
FAR_ABOVE = 1.5
FAR_BELOW = 0.67

#: A value that works, per unit, for the refusal messages.
EXAMPLES: Mapping[str, str] = {
    "percent": "3%",
    "currency": "20",
    "count": "50k",
    "ratio": "2.5",
}

_CURRENCY = re.compile(r"^(?:[€$£]|eur|usd|gbp)|(?:[€$£]|eur|usd|gbp)$")
_SUFFIX = {"k": 1e3, "m": 1e6, "mln": 1e6, "mio": 1e6}


def _number(raw: str, locale: str) -> float | None:
    """A plain number with thousands separators; the decimal mark as in bot.numbers."""
    if not re.fullmatch(r"[-+]?[0-9][0-9.,]*|[-+]?[.,][0-9]+", raw):
        return None
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif raw.count(",") == 1:
        head, _, tail = raw.partition(",")
        # "1,234" is a thousand-and-something in English, 1.234 in Dutch; "3,5" is 3.5.
        decimal = "," if locale == "nl" or len(tail) != 3 or head in ("", "0", "-0") else ""
    elif raw.count(".") == 1:
        head, _, tail = raw.partition(".")
        decimal = "" if locale == "nl" and len(tail) == 3 and head not in ("", "0") else "."
    else:
        decimal = ""  # "1.234.567" / "1,234,567": separators only
    thousands = {",", "."} - {decimal}
    if any(re.search(rf"\{t}(?!\d{{3}}(?:\D|$))", raw) for t in thousands):
        return None  # a thousands separator must be followed by exactly three digits
    for mark in thousands:
        raw = raw.replace(mark, "")
    value = float(raw.replace(",", "."))
    return value if math.isfinite(value) else None


def parse_target_value(text: str, kpi: Kpi, locale: str = "en") -> float:
    """The value of "<kpi> >= <value>" in the KPI's unit (percent: 3.5 for "3,5%").

    Accepts a % sign for percent KPIs only, a currency sign or code for currency KPIs only,
    "k"/"m" suffixes, and both decimal marks. Raises TargetValueError (a ValueError) with a
    working example otherwise, e.g. for "banana" or "" .
    """
    example = EXAMPLES.get(kpi.unit, "20")
    raw = text.strip().lower().replace("\u00a0", "").replace(" ", "")
    percent = raw.endswith("%")
    raw = raw[:-1] if percent else raw
    money = bool(_CURRENCY.search(raw))
    raw = _CURRENCY.sub("", raw)
    if percent and kpi.unit != "percent":
        raise TargetValueError(text, kpi.name, "targets.error.not_percent", example)
    if money and kpi.unit != "currency":
        raise TargetValueError(text, kpi.name, "targets.error.not_money", example)
    factor = 1.0
    for suffix, times in sorted(_SUFFIX.items(), key=lambda kv: -len(kv[0])):
        if raw.endswith(suffix) and not percent:
            raw, factor = raw[: -len(suffix)], times
            break
    value = _number(raw, locale)
    if value is None:
        raise TargetValueError(text, kpi.name, "targets.error.value", example)
    return value * factor


@dataclass(frozen=True, slots=True)
class SmartLine:
    """One letter's verdict; ``key``/``args`` are the i18n message. Args named ``value``,
    ``best`` and ``needed`` are in the KPI's unit, to be formatted with it."""

    letter: Letter
    level: Level
    key: str
    args: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SmartReport:
    """The five lines S, M, A, R, T in that order."""

    lines: tuple[SmartLine, ...]

    @property
    def accepted(self) -> bool:
        """False when any line refuses the target (then nothing is stored)."""
        return all(line.level != "refuse" for line in self.lines)

    @property
    def refusals(self) -> tuple[SmartLine, ...]:
        """The lines that refuse the target."""
        return tuple(line for line in self.lines if line.level == "refuse")


def _specific(spec: TargetSpec, kpi_known: bool, campaign_known: bool) -> SmartLine:
    if not kpi_known:
        args = {"kpi": spec.kpi, "suggestions": ", ".join(_closest_kpis(spec.kpi))}
        return SmartLine("S", "refuse", "targets.smart.s.unknown_kpi", args)
    if not campaign_known:
        return SmartLine("S", "refuse", "targets.smart.s.unknown_campaign", {"kpi": spec.kpi})
    return SmartLine("S", "ok", "targets.smart.s.ok", {"kpi": spec.kpi})


def _measurable(
    spec: TargetSpec, kpi: Kpi | None, cumulative: bool, days_of_data: int | None
) -> SmartLine:
    args: dict[str, object]
    # A campaign without data yet may get targets; one with data must cover the window.
    if not cumulative and days_of_data and spec.window_days > days_of_data:
        args = {"window": spec.window_days, "days": days_of_data}
        return SmartLine("M", "refuse", "targets.smart.m.window_too_long", args)
    unit = kpi.unit if kpi else "count"
    args = {"op": spec.op, "value": spec.value, "unit": unit, "window": spec.window_days}
    key = "targets.smart.m.ok_total" if cumulative else "targets.smart.m.ok"
    return SmartLine("M", "ok", key, args)


def _achievable(
    spec: TargetSpec, history: Sequence[float | None], cumulative: bool, as_of: dt.date
) -> SmartLine:
    weeks = [v for v in history if v is not None]
    if not weeks:
        return SmartLine("A", "info", "targets.smart.a.no_history")
    best = max(weeks) if spec.op == ">=" else min(weeks)
    needed = spec.value
    if cumulative:
        # A total by the deadline: compare the pace it needs per week with the best week.
        needed = spec.value / max((spec.deadline - as_of).days / 7, 1.0)
    args: dict[str, object] = {"best": best, "needed": needed, "weeks": len(weeks)}
    if best > 0:
        args["ratio"] = needed / best
    # A hair of tolerance so "exactly 1.5 x the best" is not far beyond by float rounding.
    if spec.op == ">=":
        far = needed > best * FAR_ABOVE * (1 + 1e-9) if best > 0 else needed > best
    else:
        far = best > 0 and needed < best * FAR_BELOW * (1 - 1e-9)
    key = "targets.smart.a.far" if far else "targets.smart.a.ok"
    if cumulative:
        key += "_pace"
    return SmartLine("A", "warn" if far else "ok", key, args)


def _relevant(spec: TargetSpec, kpi: Kpi, goal: str | None) -> SmartLine:
    goals = ", ".join(kpi.goals)
    if (spec.op == ">=") != (kpi.direction == "higher"):
        key = "targets.smart.r.against_direction_" + kpi.direction
        return SmartLine("R", "warn", key, {"kpi": kpi.name})
    if goal is None:
        return SmartLine("R", "info", "targets.smart.r.no_goal", {"goals": goals})
    args = {"goal": goal, "goals": goals, "kpi": kpi.name}
    if goal not in kpi.goals:
        return SmartLine("R", "warn", "targets.smart.r.other_goal", args)
    key = "targets.smart.r.vanity" if kpi.vanity else "targets.smart.r.ok"
    return SmartLine("R", "info" if kpi.vanity else "ok", key, args)


def _time_bound(spec: TargetSpec, as_of: dt.date) -> SmartLine:
    days = (spec.deadline - as_of).days
    args = {"deadline": spec.deadline, "days": days}
    if days <= 0:
        return SmartLine("T", "refuse", "targets.smart.t.past", args)
    return SmartLine("T", "ok", "targets.smart.t.ok", args)


def _kpi(name: str) -> Kpi | None:
    try:
        return lookup(name)
    except UnknownKpi:
        return None


def _closest_kpis(name: str) -> list[str]:
    try:
        return [lookup(name).name]
    except UnknownKpi as exc:
        return exc.suggestions[:3]


def smart_check(
    spec: TargetSpec,
    *,
    kpi_known: bool,
    campaign_known: bool,
    history_weekly_values: Sequence[float | None],
    campaign_goal: str | None,
    as_of: dt.date,
    days_of_data: int | None = None,
) -> SmartReport:
    """The SMART lines for a new target, as of ``as_of`` (the workspace's today).

    ``history_weekly_values``: the campaign's KPI per Monday-week so far (for a cumulative
    KPI the week's sum; the target's pace per week is compared with it). ``days_of_data``:
    how many days of data the campaign has; a window longer than that is refused.
    Refuses an unknown KPI or campaign, a too-long window and a deadline not after
    ``as_of``; a target far beyond the best week is only a warning.
    """
    known = _kpi(spec.kpi) if kpi_known else None
    cumulative = known is not None and is_cumulative(known)
    skipped = SmartLine("A", "info", "targets.smart.skipped")
    return SmartReport(
        (
            _specific(spec, known is not None, campaign_known),
            _measurable(spec, known, cumulative, days_of_data)
            if known
            else SmartLine("M", "info", "targets.smart.skipped"),
            _achievable(spec, history_weekly_values, cumulative, as_of) if known else skipped,
            _relevant(spec, known, campaign_goal)
            if known
            else SmartLine("R", "info", "targets.smart.skipped"),
            _time_bound(spec, as_of),
        )
    )


_ICON: Mapping[str, str] = {"ok": "✓", "info": "ℹ", "warn": "⚠", "refuse": "✖"}


def render_smart(
    report: SmartReport, spec: TargetSpec, *, campaign: str, locale: str, currency: str
) -> list[str]:
    """The report as one line per letter in ``locale``: "✓ *Specific*: ...". Values in the
    KPI's unit are formatted with it, dates as dates, the KPI by its label."""
    kpi = _kpi(spec.kpi)
    unit = kpi.unit if kpi else "count"
    common: dict[str, object] = {
        "kpi": t(f"kpi.{kpi.name}.label", locale) if kpi else spec.kpi,
        "campaign": campaign,
        "op": spec.op,
        "window": spec.window_days,
    }
    lines = []
    for line in report.lines:
        args = {**common, **line.args, "value": spec.value}
        text = {name: _fmt(name, value, unit, locale, currency) for name, value in args.items()}
        if kpi:
            text["kpi"] = str(common["kpi"])
        letter = t(f"targets.smart.letter.{line.letter}", locale)
        lines.append(f"{_ICON[line.level]} *{letter}*: {t(line.key, locale, **text)}")
    return lines


def _fmt(name: str, value: object, unit: str, locale: str, currency: str) -> str:
    if name in ("value", "best", "needed") and isinstance(value, int | float):
        return fmt_value(float(value), unit, locale, currency)
    if isinstance(value, dt.date):
        return fmt_date(value, locale)
    if isinstance(value, float):
        return fmt_number(value, locale, 1)
    return str(value)
