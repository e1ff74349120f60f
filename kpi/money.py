"""Which KPIs hold money, and which rest on summed reach.

Money is only ever added up within one currency: a KPI whose formula names an amount of
money (spend, revenue, costs, LTV) — CPA, ROI, ROAS alike — is computed per currency when
a scope holds campaigns in several. Reach is not additive: daily reach summed over days,
platforms or campaigns counts a person once per day, so every figure built on it says so.
"""

from __future__ import annotations

from kpi.counters import MONEY_COUNTERS
from kpi.formulas import template_terms
from kpi.metric import Kpi

#: Formula terms that are amounts of money (in the campaign's currency).
MONEY_TERMS: frozenset[str] = MONEY_COUNTERS | {
    "total_cost",
    "ad_spend",
    "ltv",
    "ltv_per_customer",
    "other_costs",
}

#: Formula terms built on reach.
REACH_TERMS: frozenset[str] = frozenset({"reach"})


def uses_money(kpi: Kpi) -> bool:
    """True when the KPI's value depends on amounts of money (CPA, ROI, ROAS, spend, ...)."""
    return kpi.unit == "currency" or bool(MONEY_TERMS & set(template_terms(kpi.formula)))


def uses_reach(kpi: Kpi) -> bool:
    """True when the KPI is reach or divides by it (reach, frequency, engagement rate)."""
    return bool(REACH_TERMS & set(template_terms(kpi.formula)))
