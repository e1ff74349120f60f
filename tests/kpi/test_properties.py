"""Hypothesis properties: sums first, ratios after; parts add up to the whole; no raising."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.counters import COUNTERS
from kpi.registry import REGISTRY, compute
from kpi.totals import Totals

Row = dict[str, int | None]


def sum_rows(rows: list[Row], costs: list[dict[str, int]], first: bool = True) -> Totals:
    """What storage does: per counter the sum of the reported values, None if none is."""
    counters: dict[str, float | None] = {}
    for name in COUNTERS:
        reported = [r[name] for r in rows if r.get(name) is not None]
        counters[name] = float(sum(v for v in reported if v is not None)) if reported else None
    spent: dict[str, float] = {}
    for day in costs:
        for category, amount in day.items():
            spent[category] = spent.get(category, 0.0) + amount
    return Totals(
        counters=counters,
        costs=spent,
        staff_hours=float(sum(d.get("staff", 0) for d in costs)) / 40,
        days=len(rows),
        ltv_per_customer=75.0,
        followers_at_start=2_000.0 if first else 2_500.0,
    )


counter_value = st.one_of(st.none(), st.integers(min_value=0, max_value=100_000))
row = st.fixed_dictionaries(dict.fromkeys(COUNTERS, counter_value))
cost_day = st.dictionaries(
    st.sampled_from(["staff", "tools", "agency"]), st.integers(min_value=0, max_value=500)
)


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@given(st.lists(st.tuples(st.integers(0, 5_000), st.integers(1, 100_000)), min_size=1, max_size=40))
def test_ctr_over_a_period_is_the_ratio_of_sums(days: list[tuple[int, int]]) -> None:
    rows: list[Row] = [{"clicks": c, "impressions": i} for c, i in days]
    totals = sum_rows(rows, [])
    clicks = sum(c for c, _ in days)
    impressions = sum(i for _, i in days)
    assert compute("ctr", totals).value == pytest.approx(clicks / impressions * 100)


def test_ratio_of_sums_is_not_the_mean_of_daily_ratios() -> None:
    # day 1: 1 click on 10 impressions = 10 %; day 2: 1 click on 1 000 = 0.1 %
    rows: list[Row] = [{"clicks": 1, "impressions": 10}, {"clicks": 1, "impressions": 1_000}]
    value = compute("ctr", sum_rows(rows, [])).value
    assert value == pytest.approx(2 / 1_010 * 100)  # 0.198 %
    assert value != pytest.approx((10 + 0.1) / 2)  # the mean of daily ratios, 5.05 %


@given(
    st.lists(st.tuples(row, cost_day), min_size=2, max_size=20),
    st.integers(min_value=1, max_value=19),
)
def test_two_halves_add_up_to_the_whole(days: list[tuple[Row, dict[str, int]]], cut: int) -> None:
    cut = min(cut, len(days) - 1)
    rows = [r for r, _ in days]
    costs = [c for _, c in days]
    whole = sum_rows(rows, costs)
    halves = sum_rows(rows[:cut], costs[:cut]) + sum_rows(rows[cut:], costs[cut:], first=False)
    for kpi in REGISTRY.values():
        a, b = compute(kpi, whole), compute(kpi, halves)
        assert same(a.value, b.value), kpi.name
        assert a.reason == b.reason, kpi.name


maybe_amount = st.one_of(st.none(), st.floats(min_value=0))


@given(maybe_amount, maybe_amount, maybe_amount, maybe_amount, maybe_amount)
def test_engagement_rate_never_raises(
    likes: float | None,
    comments: float | None,
    shares: float | None,
    clicks: float | None,
    reach: float | None,
) -> None:
    totals = Totals(
        counters={
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "clicks": clicks,
            "reach": reach,
        }
    )
    result = compute("engagement_rate", totals)
    if result.value is None:
        assert result.reason in ("na.not_reported", "na.zero_denominator", "na.not_finite")
    else:
        assert math.isfinite(result.value) and result.value >= 0


@given(st.fixed_dictionaries(dict.fromkeys(COUNTERS, maybe_amount)))
def test_no_kpi_raises_or_gives_infinity(counters: dict[str, float | None]) -> None:
    totals = Totals(counters=counters, costs={"staff": 10.0}, days=7)
    for kpi in REGISTRY.values():
        value = compute(kpi, totals).value
        assert value is None or math.isfinite(value)
