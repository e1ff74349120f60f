"""Totals: not reported versus zero, adding parts, and sharing costs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kpi.totals import Totals


def test_get_tells_not_reported_from_zero() -> None:
    totals = Totals(counters={"clicks": 0, "reach": None})
    assert totals.get("clicks") == 0
    assert totals.get("reach") is None
    assert totals.get("leads") is None


def test_costs_and_spend() -> None:
    totals = Totals(counters={"spend": 1_402.80}, costs={"staff": 174.0, "tools": 25.0})
    assert totals.ad_spend == pytest.approx(1_402.80)
    assert totals.other_costs == pytest.approx(199.0)  # 174 + 25
    assert totals.total_cost == pytest.approx(1_601.80)  # 1402.80 + 199


def test_ad_spend_is_zero_when_not_reported() -> None:
    totals = Totals(costs={"agency": 500.0})
    assert totals.ad_spend == 0
    assert totals.total_cost == 500


def test_empty() -> None:
    empty = Totals.empty()
    assert dict(empty.counters) == {} and dict(empty.costs) == {}
    assert (empty.staff_hours, empty.days, empty.total_cost) == (0.0, 0, 0.0)
    assert empty.ltv_per_customer is None and empty.followers_at_start is None


def test_adding_parts() -> None:
    early = Totals(
        counters={"clicks": 10, "reach": None, "likes": None},
        costs={"staff": 90.0},
        staff_hours=2.0,
        days=3,
        followers_at_start=1_000,
        ltv_per_customer=80.0,
    )
    late = Totals(
        counters={"clicks": 5, "reach": 200, "spend": 12.5},
        costs={"staff": 45.0, "tools": 10.0},
        staff_hours=1.0,
        days=4,
        followers_at_start=1_050,
    )
    both = early + late
    assert dict(both.counters) == {
        "clicks": 15,  # 10 + 5
        "reach": 200,  # None + 200
        "likes": None,  # None + missing: still not reported
        "spend": 12.5,
    }
    assert dict(both.costs) == {"staff": 135.0, "tools": 10.0}  # 90 + 45
    assert (both.staff_hours, both.days) == (3.0, 7)
    assert both.followers_at_start == 1_000  # the earlier part's start
    assert both.ltv_per_customer == 80.0


def test_adding_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Totals.empty() + 1  # type: ignore[operator, unused-ignore]


def test_scaled_costs_keeps_counters() -> None:
    totals = Totals(
        counters={"spend": 300.0, "revenue": 900.0},
        costs={"staff": 200.0, "tools": 40.0},
        staff_hours=5.0,
    )
    share = totals.scaled_costs(0.25)
    assert share.counters == totals.counters
    assert dict(share.costs) == {"staff": 50.0, "tools": 10.0}  # 200 x 0.25, 40 x 0.25
    assert share.staff_hours == 1.25
    assert share.total_cost == pytest.approx(300 + 60)


def test_values_are_floats_and_read_only() -> None:
    totals = Totals(counters={"revenue": Decimal("10.50")}, costs={"tools": Decimal("2")})  # type: ignore[dict-item]
    assert isinstance(totals.get("revenue"), float)
    assert totals.total_cost == 2.0
    with pytest.raises(TypeError):
        totals.counters["revenue"] = 1.0  # type: ignore[index]
