"""Which KPIs hold money, and which rest on summed reach.

Money is only ever added up within one currency: a KPI whose formula names an amount of
money (spend, revenue, costs, LTV) — CPA, ROI, ROAS alike — is computed per currency when
a scope holds campaigns in several. Reach is not additive: daily reach summed over days,
platforms or campaigns counts a person once per day, so every figure built on it says so.
"""

from __future__ import annotations

from babel.numbers import list_currencies

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


#: ISO 4217 codes that are no money to spend on ads: no currency, tests, metals, units.
_NOT_MONEY = frozenset(
    {"XXX", "XTS", "XAG", "XAU", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA"}
)


def currency_code(text: str) -> str | None:
    """The ISO 4217 code `text` names ("aud" -> "AUD"), or None when it names no currency."""
    code = text.strip().upper()
    if len(code) != 3 or code in _NOT_MONEY or code not in list_currencies():
        return None
    return code
