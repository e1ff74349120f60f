"""Frequency and engagement rate where only part of the data reports reach: the numerator
comes from the rows that report reach only, also when periods or parts are added up."""

from __future__ import annotations

import pytest

from kpi.reach import ReachBasis, reach_note_keys
from kpi.registry import REGISTRY, compute
from kpi.totals import Totals

META = frozenset({"facebook"})
GOOGLE = frozenset({"google"})


def _week(reach: float, meta_impr: float, google_impr: float, meta_clicks: float) -> Totals:
    """A Meta campaign with reach next to a Google Ads campaign without it."""
    return Totals(
        counters={"reach": reach, "impressions": meta_impr + google_impr,
                  "clicks": meta_clicks + 100, "likes": 20},
        days=7,
        reach_basis=ReachBasis(1, True, True, META, GOOGLE),
        with_reach={"impressions": meta_impr, "clicks": meta_clicks, "likes": 20},
    )  # fmt: skip


def test_ratios_over_reach_take_the_rows_with_reach_only() -> None:
    week = _week(reach=1000, meta_impr=3000, google_impr=40_000, meta_clicks=50)
    assert compute(REGISTRY["frequency"], week).value == pytest.approx(3000 / 1000)
    assert compute(REGISTRY["engagement_rate"], week).value == pytest.approx(70 / 1000 * 100)
    # the filled formula shows the same like-for-like numbers
    assert compute(REGISTRY["frequency"], week).terms["impressions"] == 3000
    # not over reach: everything counts
    assert compute(REGISTRY["impressions"], week).value == 43_000
    assert compute(REGISTRY["ctr"], week).value == pytest.approx(150 / 43_000 * 100)


def test_adding_weeks_keeps_the_rows_with_reach_apart() -> None:
    both = _week(1000, 3000, 40_000, 50) + _week(500, 1000, 10_000, 10)
    assert both.get("impressions") == 54_000
    assert compute(REGISTRY["frequency"], both).value == pytest.approx(4000 / 1500)
    assert compute(REGISTRY["engagement_rate"], both).value == pytest.approx((60 + 40) / 1500 * 100)


def test_a_part_where_all_rows_report_reach_adds_all_its_counters() -> None:
    whole = Totals(counters={"reach": 200, "impressions": 600}, reach_basis=ReachBasis(1))
    both = _week(1000, 3000, 40_000, 50) + whole
    assert compute(REGISTRY["frequency"], both).value == pytest.approx(3600 / 1200)
    nothing = Totals(counters={"impressions": 9000})  # no reach at all: left out
    assert compute(REGISTRY["frequency"], both + nothing).value == pytest.approx(3600 / 1200)


def test_the_note_names_how_many_platforms_report_reach() -> None:
    basis = ReachBasis(2, False, True, frozenset({"facebook", "instagram"}), GOOGLE)
    assert reach_note_keys(basis)[-1] == (
        "reach.note.partial_platforms",
        {"reporting": 2, "total": 3, "silent": "google"},
    )
    assert reach_note_keys(ReachBasis(1)) == []
