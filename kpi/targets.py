"""SMART targets: evaluation over a trailing window and the alert state machine (issue 4).

A *rate* target (a ratio or percentage such as engagement rate, CTR, CPA) is judged on the
KPI over the last ``window_days`` days that have data, computed from the window's summed
counters (sums first, ratios after). A *cumulative* target (a plain sum such as reach,
followers gained, conversions, revenue, spend) accumulates from the target's start to its
deadline; before the deadline it is judged on its linear pace.

States: ``ok``, ``below`` (on the wrong side of the target; for ``<=`` that means above it),
``at_risk`` (cumulative: the pace to date will not meet the target by the deadline), ``met`` /
``missed`` (the deadline has passed), ``insufficient`` (too little data to judge: never
alerts, the stored state stays). ``new`` is the stored state of a target never checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import pandas as pd

from kpi.formulas import resolve_term
from kpi.frame_totals import FrameColumns, columns_of, totals_in
from kpi.periods import Period, like_for_like, trailing_window
from kpi.registry import Kpi, compute, lookup

Op = Literal[">=", "<="]
OPS: tuple[Op, ...] = (">=", "<=")
State = Literal["new", "ok", "below", "at_risk", "met", "missed", "insufficient"]
AlertKind = Literal["below", "at_risk", "recovered", "met", "missed"]
#: States after which nothing more happens (until the target is edited).
FINAL: frozenset[str] = frozenset({"met", "missed"})
#: States in which the target is not being met; leaving one for ``ok`` is a recovery.
TROUBLE: frozenset[str] = frozenset({"below", "at_risk"})

#: The minimum-volume guard: a rate KPI is judged only when its denominator over the window
#: reaches this much (e.g. CTR needs 1,000 impressions), so three clicks cannot make a 0 %
#: CTR alarm. Keyed by formula term; amounts of money are in the campaign's currency.
MIN_VOLUME: Mapping[str, float] = MappingProxyType(
    {
        "impressions": 1_000,
        "reach": 500,
        "clicks": 100,
        "conversions": 5,
        "leads": 5,
        "video_views": 100,
        "followers_at_start": 100,
        "ad_spend": 50,
        "total_cost": 50,
        "posts": 3,
    }
)
#: A cumulative target's pace is judged from this many days of data on.
MIN_PACE_DAYS = 3
#: Weeks in an evaluation's trend.
TREND_WEEKS = 4


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What a target asks: ``kpi`` (registry name) ``op`` ``value`` by ``deadline``.

    ``value`` is in the KPI's unit (percent as 3.0 for 3 %). ``created`` is where a
    cumulative target starts counting (None: from the first day with data).
    """

    kpi: str
    op: Op
    value: float
    deadline: dt.date
    window_days: int = 7
    created: dt.date | None = None

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"op must be one of {OPS}, not {self.op!r}")
        if self.window_days < 1:
            raise ValueError(f"window_days must be at least 1, not {self.window_days}")

    def satisfied_by(self, value: float) -> bool:
        """True when ``value`` meets the target (``>=``: at least; ``<=``: at most)."""
        return value >= self.value if self.op == ">=" else value <= self.value

    def shortfall(self, value: float) -> float:
        """How far ``value`` is from the target in the KPI's unit (percentage points for a
        percent KPI): positive when short, zero or negative when satisfied."""
        return self.value - value if self.op == ">=" else value - self.value


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """The KPI over one Monday-week (``start`` is the Monday); None when n/a."""

    start: dt.date
    value: float | None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One check of a target.

    ``value``: the KPI over the window (rate) or accumulated from ``window_start``
    (cumulative), None when it cannot be computed. ``gap``: ``TargetSpec.shortfall`` of it.
    ``projected``: a cumulative target's value at the deadline at today's pace.
    ``reason``/``reason_args``: an i18n key saying why the state is ``insufficient``.
    """

    state: State
    value: float | None
    gap: float | None
    window_start: dt.date | None
    window_end: dt.date | None
    trend: tuple[WeekPoint, ...] = ()
    cumulative: bool = False
    projected: float | None = None
    reason: str | None = None
    reason_args: Mapping[str, object] = field(default_factory=dict)
    #: the days before the window, as many as it has (kpi.periods.like_for_like, through
    #: trailing_window for a rate KPI): what the likely cause compares the window with
    compared_with: Period | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    """A message to post: ``kind`` names it, ``previous`` -> ``state`` is the stored change."""

    kind: AlertKind
    previous: str
    state: State
    evaluation: Evaluation


def next_state(previous: str, evaluation: Evaluation) -> str:
    """The state to store after ``evaluation``: ``insufficient`` keeps ``previous``, a
    met/missed target stays so, otherwise the evaluation's state."""
    if evaluation.state == "insufficient" or previous in FINAL:
        return previous
    return evaluation.state


def transition(previous: str, evaluation: Evaluation) -> Alert | None:
    """The alert a check raises, or None. A message goes out only on a state change:

    new/ok -> below | at_risk | met | missed alerts with that state's name (a new target
    already below at its first check alerts the channel); below <-> at_risk alerts the new
    state; below/at_risk -> ok is "recovered"; new -> ok is silent; ``insufficient`` never
    alerts; a met/missed target never alerts again.
    """
    state = next_state(previous, evaluation)
    if state == previous or evaluation.state == "insufficient":
        return None
    current = evaluation.state
    if current == "ok":
        return Alert("recovered", previous, current, evaluation) if previous in TROUBLE else None
    kind = _ALERT_OF.get(current)
    return None if kind is None else Alert(kind, previous, current, evaluation)


_ALERT_OF: dict[str, AlertKind] = {
    "below": "below",
    "at_risk": "at_risk",
    "met": "met",
    "missed": "missed",
}


def is_cumulative(kpi: Kpi) -> bool:
    """True for a KPI that is a plain sum (a count or an amount with no division: reach,
    follower growth, conversions, revenue, spend, total cost): its target is a total
    reached by the deadline. Ratios and percentages are judged over the trailing window.
    Declared with the KPI (kpi.catalog)."""
    return kpi.cumulative


def denominator(kpi: Kpi) -> str | None:
    """The formula term a rate KPI divides by ("impressions" for CTR), None for a sum.
    Declared with the KPI's formula (kpi.catalog)."""
    return kpi.denominator


def weekly_values(
    kpi: Kpi,
    daily: pd.DataFrame | FrameColumns,
    last: dt.date,
    weeks: int,
    ltv: float | None = None,
) -> tuple[WeekPoint, ...]:
    """The KPI per Monday-week for the ``weeks`` weeks up to the one holding ``last``, oldest
    first; the last week runs to ``last`` only. None for a week without data or n/a."""
    monday = last - dt.timedelta(days=last.weekday())
    points = []
    columns = columns_of(daily)  # taken out of the frame once for every week
    days = set(columns.days)
    for back in range(weeks - 1, -1, -1):
        start = monday - dt.timedelta(weeks=back)
        end = min(start + dt.timedelta(days=6), last)
        has_data = any(start <= d <= end for d in days)
        value = compute(kpi, totals_in(columns, start, end, ltv)).value if has_data else None
        points.append(WeekPoint(start, value))
    return tuple(points)


def _insufficient(
    start: dt.date | None, end: dt.date | None, reason: str, **args: object
) -> Evaluation:
    return Evaluation("insufficient", None, None, start, end, reason=reason, reason_args=args)


def evaluate(
    spec: TargetSpec,
    daily: pd.DataFrame | FrameColumns,
    as_of: dt.date,
    *,
    min_volume: Mapping[str, float] = MIN_VOLUME,
    ltv_per_customer: float | None = None,
    first_day: dt.date | None = None,
) -> Evaluation:
    """Judge ``spec`` on ``daily`` (one row per day: ``day`` and the counters summed over the
    target's campaigns and platforms; rows after ``as_of`` are ignored).

    Rate KPI: the KPI over the ``window_days`` days ending at the last day with data, from the
    window's sums; ``insufficient`` when its denominator is under ``min_volume`` or it is n/a.
    Cumulative KPI: the sum from ``spec.created`` (else the first day) to the last day with
    data; pace = value / days elapsed x days from the first day with data to the deadline
    (both inclusive); ``at_risk`` when that pace misses the target, ``insufficient`` while
    fewer than MIN_PACE_DAYS days are in. After the deadline (``as_of > deadline``) the data
    up to the deadline gives ``met`` or ``missed``. ``first_day``: the first day with data
    when ``daily`` holds only the last days (a rate window never starts before it).
    ``daily`` may be given as its `FrameColumns` (taken out of the frame once).
    """
    kpi = lookup(spec.kpi)
    cumulative = is_cumulative(kpi)
    columns = columns_of(daily)
    upto = columns.rows(columns.day_mask(None, min(as_of, spec.deadline)))
    start = spec.created if cumulative else None
    scope = upto.rows(upto.day_mask(start, None)) if start is not None else upto
    if not len(scope):
        return _insufficient(start, None, "targets.insufficient.no_data")
    first, last = min(scope.days), max(scope.days)
    if first_day is not None:
        first = min(first, first_day)
    if cumulative:  # from the day it was set (else the first day) through the last day
        window = like_for_like(Period(start or first, last, "since"), as_of, last)
    else:
        window = trailing_window(spec.window_days, as_of, last, first)
    window_start, compared_with = window.current.start, window.previous
    totals = totals_in(scope, window_start, last, ltv_per_customer)
    term = denominator(kpi)
    have = (resolve_term(term, totals) or 0.0) if term else 0.0
    if term is not None and term in min_volume and have < min_volume[term]:
        need = min_volume[term]
        return _insufficient(
            window_start, last, "targets.insufficient.volume", term=term, have=have, need=need
        )
    result = compute(kpi, totals)
    if result.value is None:
        term = result.reason_args.get("term", spec.kpi)
        na = result.reason or "na.not_reported"
        return _insufficient(window_start, last, "targets.insufficient.na", na=na, term=term)
    value, projected = result.value, None
    if as_of > spec.deadline:
        state: State = "met" if spec.satisfied_by(value) else "missed"
    elif not cumulative:
        state = "ok" if spec.satisfied_by(value) else "below"
    elif spec.satisfied_by(value) == (spec.op == ">="):
        # A total only grows: reaching ">=" early stays reached, breaching "<=" stays breached.
        state = "ok" if spec.op == ">=" else "below"
    else:
        elapsed = (last - first).days + 1
        if elapsed < MIN_PACE_DAYS:
            return _insufficient(
                window_start,
                last,
                "targets.insufficient.pace_days",
                days=elapsed,
                need=MIN_PACE_DAYS,
            )
        projected = value / elapsed * ((spec.deadline - first).days + 1)
        state = "ok" if spec.satisfied_by(projected) else "at_risk"
    trend = weekly_values(kpi, upto, last, TREND_WEEKS, ltv_per_customer)
    return Evaluation(
        state,
        value,
        spec.shortfall(value),
        window_start,
        last,
        trend,
        cumulative,
        projected,
        compared_with=compared_with,
    )
