"""Evaluating KPI formulas over Totals: term values, and "n/a with a reason" instead of errors.

A formula function reads its terms through `Values`; a term that was not reported, or a
denominator that is zero, stops the computation with `NotAvailable`, which `evaluate` turns
into a KpiResult without a value. So no formula can raise ZeroDivisionError or give inf.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable
from dataclasses import dataclass

from kpi.counters import COUNTERS
from kpi.errors import NotAvailable
from kpi.metric import Kpi, KpiResult, Terms
from kpi.reach import REACH_PARTNERS
from kpi.totals import Totals

#: The counters behind each derived term (what a KPI "needs" from the data).
TERM_COUNTERS: dict[str, tuple[str, ...]] = {
    "ad_spend": ("spend",),
    "total_cost": ("spend",),
    "engagements": ("likes", "comments", "shares", "clicks"),
    "ltv": ("customers",),
    "followers_at_start": ("followers",),
}

ENGAGEMENT_PARTS = ("likes", "comments", "shares", "clicks")

#: Terms that are campaign settings, not counters: missing means "not set", not "not reported".
SETTING_TERMS = frozenset({"ltv_per_customer"})


def _sum_reported(values: list[float | None]) -> float | None:
    reported = [v for v in values if v is not None]
    return sum(reported) if reported else None


def resolve_term(name: str, totals: Totals) -> float | None:
    """The value of one formula term in `totals`; None when not reported.

    Derived terms: ad_spend = spend counter; other_costs = sum of costs (0 when none);
    total_cost = ad spend + other costs (None only when neither spend nor any cost exists);
    engagements = likes + comments + shares + clicks over the parts reported; ltv = customers
    x LTV per customer; staff_hours None when no staff time was logged.
    """
    if name in COUNTERS:
        return totals.get(name)
    if name == "ad_spend":
        return totals.get("spend")
    if name == "other_costs":
        return totals.other_costs
    if name == "total_cost":
        if totals.get("spend") is None and not totals.costs:
            return None
        return totals.total_cost
    if name == "engagements":
        return _sum_reported([totals.get(p) for p in ENGAGEMENT_PARTS])
    if name == "ltv":
        customers = totals.get("customers")
        if customers is None or totals.ltv_per_customer is None:
            return None
        return customers * totals.ltv_per_customer
    if name == "ltv_per_customer":
        return totals.ltv_per_customer
    if name == "followers_at_start":
        return totals.followers_at_start
    if name == "days":
        return float(totals.days)
    if name == "staff_hours":
        has_staff = totals.staff_hours > 0 or "staff" in totals.costs
        return totals.staff_hours if has_staff else None
    raise KeyError(f"unknown formula term: {name}")


def template_terms(formula: str) -> tuple[str, ...]:
    """The term names a formula template mentions, in order, each once."""
    names = [f for _, f, _, _ in string.Formatter().parse(formula) if f]
    return tuple(dict.fromkeys(names))


def counters_needed(formula: str) -> tuple[str, ...]:
    """The counters behind a formula's terms (derived terms mapped to their counters)."""
    found: list[str] = []
    for term in template_terms(formula):
        found += TERM_COUNTERS.get(term, (term,) if term in COUNTERS else ())
    return tuple(dict.fromkeys(found))


def counters_read(kpi: Kpi) -> tuple[str, ...]:
    """The counters `evaluate(kpi, …)` reads: the formula's, and with reach the reach
    partners (a KPI over reach counts them over the rows with reach only). A daily frame
    of only these counters (and the reach split when reach is among them) gives the KPI
    the value a frame of every counter gives."""
    found = list(counters_needed(kpi.formula))
    if "reach" in found:
        found += [c for c in REACH_PARTNERS if c not in found]
    return tuple(found)


class Values:
    """Term values for a formula function; stops it when a term is missing or zero."""

    def __init__(self, totals: Totals) -> None:
        self._totals = totals

    def need(self, name: str) -> float:
        """The term's value; stops with "na.not_reported" (or "na.not_set") when missing."""
        value = resolve_term(name, self._totals)
        if value is None:
            reason = "na.not_set" if name in SETTING_TERMS else "na.not_reported"
            raise NotAvailable(reason, name)
        return value

    def nonzero(self, name: str) -> float:
        """A denominator: like `need`, and stops with "na.zero_denominator" when it is 0."""
        value = self.need(name)
        if value == 0:
            raise NotAvailable("na.zero_denominator", name)
        return value

    def ratio(self, numerator: str, denominator: str, scale: float = 1.0) -> float:
        """numerator / denominator x scale; numerator checked first."""
        top = self.need(numerator)
        return top / self.nonzero(denominator) * scale


def evaluate(kpi: Kpi, totals: Totals) -> KpiResult:
    """Compute `kpi` over `totals`: the value, or None with the reason; never raises for
    missing or zero terms, and a non-finite result (overflow) is n/a too. A KPI over reach
    counts only the rows that report reach (like data on both sides of the ratio)."""
    if "reach" in template_terms(kpi.formula):
        totals = totals.over_reach()
    terms = {name: resolve_term(name, totals) for name in template_terms(kpi.formula)}
    try:
        value = kpi.fn(Values(totals))
    except NotAvailable as na:
        return KpiResult(kpi, None, na.reason, {"term": na.term}, terms)
    if not math.isfinite(value):
        return KpiResult(kpi, None, "na.not_finite", {}, terms)
    return KpiResult(kpi, value, None, {}, terms)


def plain(name: str) -> Callable[[Terms], float]:
    """The formula of a plain sum: the counter itself."""
    return lambda v: v.need(name)


@dataclass(frozen=True)
class Ratio:
    """The formula numerator / denominator x scale; `denominator` is read by the catalog as
    the KPI's denominator (a rate KPI, judged over a window, with a minimum volume)."""

    numerator: str
    denominator: str
    scale: float = 1.0

    def __call__(self, v: Terms) -> float:
        return v.ratio(self.numerator, self.denominator, self.scale)


@dataclass(frozen=True)
class ReturnOn:
    """(gain − total cost) / total cost x 100: ROI (gain = revenue) or LTV ROI (gain = ltv)."""

    gain: Callable[[Terms], float]
    denominator: str = "total_cost"

    def __call__(self, v: Terms) -> float:
        value = self.gain(v)
        cost = v.need(self.denominator)
        return (value - cost) / v.nonzero(self.denominator) * 100


#: The formulas that divide: a KPI computed by one of these has a denominator.
Divides = Ratio | ReturnOn


def ratio(numerator: str, denominator: str, scale: float = 1.0) -> Ratio:
    """The formula numerator / denominator x scale."""
    return Ratio(numerator, denominator, scale)


def return_on(gain: Callable[[Terms], float]) -> ReturnOn:
    """(gain − total cost) / total cost x 100: ROI (gain = revenue) or LTV ROI (gain = ltv)."""
    return ReturnOn(gain)


def ltv(v: Terms) -> float:
    """customers x LTV per customer; n/a "not set" when the campaign has no LTV per customer."""
    return v.need("customers") * v.need("ltv_per_customer")


def engagements(v: Terms) -> float:
    """likes + comments + shares + clicks, over the parts reported (n/a when none is)."""
    return v.need("engagements")


def total_cost(v: Terms) -> float:
    """ad spend + the costs of every category."""
    return v.need("total_cost")
