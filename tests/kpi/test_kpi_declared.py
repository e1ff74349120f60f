"""A KPI is declared in one place (kpi.catalog): its denominator and whether it is
cumulative are data on the Kpi, consistent with the formula people read — checked here
against the template, which the code itself never parses for them."""

from __future__ import annotations

import re

import pytest

from kpi.registry import REGISTRY

# Read by hand from the KPI table: what each rate divides by.
DENOMINATORS = {
    "frequency": "reach",
    "engagement_rate": "reach",
    "ctr": "impressions",
    "conversion_rate": "clicks",
    "cpc": "clicks",
    "cpm": "impressions",
    "cpa": "conversions",
    "cpl": "leads",
    "roi": "total_cost",
    "roas": "ad_spend",
    "follower_growth_rate": "followers_at_start",
    "video_completion": "video_views",
    "ltv_roi": "total_cost",
    "posts_per_day": "days",
    "cost_per_post": "posts",
    "hours_per_post": "posts",
}


def test_rates_declare_what_they_divide_by() -> None:
    declared = {k.name: k.denominator for k in REGISTRY.values() if k.denominator}
    assert declared == DENOMINATORS


@pytest.mark.parametrize("kpi", list(REGISTRY.values()), ids=lambda k: k.name)
def test_declared_data_agrees_with_the_formula_people_read(kpi) -> None:  # type: ignore[no-untyped-def]
    divides = re.findall(r"/\s*\{(\w+)\}", kpi.formula)
    if kpi.denominator is None:
        assert divides == []
    else:
        assert kpi.denominator in divides
    assert kpi.cumulative is (kpi.unit in ("count", "currency") and not divides)
    assert kpi.direction in ("higher", "lower")
