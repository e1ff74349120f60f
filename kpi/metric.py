"""The value types of the KPI registry: what a KPI is, what computing it gives, how it moved.

Kept apart from the catalog so formulas, the catalog and the registry can all import them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

Unit = Literal["count", "percent", "currency", "ratio"]
Direction = Literal["higher", "lower"]
ChangeUnit = Literal["pts", "%"]


class Terms(Protocol):
    """What a formula function reads its terms through (kpi.formulas.Values): a missing
    term or a zero denominator stops the formula with "n/a" and the reason."""

    def need(self, name: str) -> float: ...

    def nonzero(self, name: str) -> float: ...

    def ratio(self, numerator: str, denominator: str, scale: float = 1.0) -> float: ...


@dataclass(frozen=True)
class Kpi:
    """One KPI: its canonical snake_case name, the words people use for it (English and
    Dutch), its unit, which way is better, the counters it needs, whether it is a vanity
    number, the campaign goals it serves and its formula (its industry benchmark ranges are
    kpi.benchmarks', not the KPI's).

    `formula` is a template naming every term, e.g. "({revenue} − {total_cost}) /
    {total_cost} × 100", shown to people; `fn` computes the value from those terms (see
    kpi.formulas). `direction` is the favourable one: "higher" or "lower" is better.
    `denominator` and `cumulative` are declared with the formula (kpi.catalog), never read
    back from its text.
    """

    name: str
    unit: Unit
    direction: Direction
    formula: str
    fn: Callable[[Terms], float] = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    vanity: bool = False
    goals: tuple[str, ...] = ()
    #: the term a rate KPI divides by ("impressions" for CTR); None for a sum
    denominator: str | None = None
    #: a plain sum (a count or an amount, no division: reach, conversions, spend): its
    #: target is a total reached by the deadline; rates are judged over a trailing window
    cumulative: bool = False


@dataclass(frozen=True)
class KpiResult:
    """A KPI computed over one Totals.

    `value` is None when it cannot be computed; then `reason` is an i18n key such as
    "na.zero_denominator" or "na.not_reported" and `reason_args` its arguments (`term` names
    the term at fault, to be shown with its `term.<name>` label). `terms` holds every value
    the formula template names (None = not reported), so a reply can show it filled in.
    """

    kpi: Kpi
    value: float | None
    reason: str | None = None
    reason_args: Mapping[str, str] = field(default_factory=dict)
    terms: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """True when there is a value to show."""
        return self.value is not None


@dataclass(frozen=True)
class Change:
    """How a KPI moved from the previous period to the current one.

    `delta` is in percentage points (unit "pts") for percent KPIs, else the relative change
    in % (unit "%"). `better` says whether the move is good given the KPI's direction; None
    when it did not move (it rounds to 0.0).
    """

    current: float
    previous: float
    delta: float
    unit: ChangeUnit
    better: bool | None

    @property
    def arrow(self) -> str:
        """ "▲" up, "▼" down, "=" no change (shown with the number, so colour is not needed)."""
        if self.better is None:
            return "="
        return "▲" if self.delta > 0 else "▼"
