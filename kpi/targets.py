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
from typing import Literal

Op = Literal[">=", "<="]
OPS: tuple[Op, ...] = (">=", "<=")
State = Literal["new", "ok", "below", "at_risk", "met", "missed", "insufficient"]
AlertKind = Literal["below", "at_risk", "recovered", "met", "missed"]
#: States after which nothing more happens (until the target is edited).
FINAL: frozenset[str] = frozenset({"met", "missed"})
#: States in which the target is not being met; leaving one for ``ok`` is a recovery.
TROUBLE: frozenset[str] = frozenset({"below", "at_risk"})


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
