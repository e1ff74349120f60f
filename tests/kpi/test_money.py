"""Which KPIs hold money (and so are never added across currencies), which rest on summed
reach, and which currency codes are accepted."""

from __future__ import annotations

import pytest

from kpi.money import currency_code, uses_money, uses_reach
from kpi.registry import REGISTRY


def test_money_kpis_are_the_ones_built_on_amounts() -> None:
    money = {name for name, kpi in REGISTRY.items() if uses_money(kpi)}
    assert {"cpa", "cpc", "cpm", "cpl", "roi", "roas", "spend", "revenue", "total_cost"} <= money
    assert {"ltv", "ltv_roi", "cost_per_post"} <= money
    # rates of counts combine over any currencies
    assert not money & {"ctr", "engagement_rate", "conversion_rate", "reach", "conversions"}


def test_reach_kpis_are_reach_and_what_divides_by_it() -> None:
    assert {n for n, k in REGISTRY.items() if uses_reach(k)} == {
        "reach",
        "frequency",
        "engagement_rate",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [("EUR", "EUR"), ("aud", "AUD"), (" gbp ", "GBP"), ("usd", "USD"), ("JPY", "JPY")],
)
def test_iso_codes_are_accepted_in_any_case(text: str, code: str) -> None:
    assert currency_code(text) == code


@pytest.mark.parametrize("text", ["XYZ", "EU", "EURO", "€", "", "XXX", "XAU", "12A"])
def test_unknown_codes_and_non_money_are_refused(text: str) -> None:
    assert currency_code(text) is None
