"""Where a value sits in a benchmark, worked out by hand: ends inclusive (a value equal to
the low or high end is within, equal to the top-quartile threshold is in the top quartile),
only a value strictly beyond an end is below or above; lower is better for CPM and CPA."""

from __future__ import annotations

import pytest

from kpi.benchmarks import ALL, BUILT_IN, Benchmark, Placement, pick, place, platform_specific

ENGAGEMENT = Benchmark("engagement_rate", low=1.0, high=5.0, top=3.5)
CPM_FB = Benchmark("cpm", "facebook", low=10.0, high=15.0, currency="USD")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.99, Placement("below", False)),  # under 1 %: worse
        (1.0, Placement("within", None)),  # the low end is in the range
        (3.49, Placement("within", None)),
        (3.5, Placement("top", True)),  # the threshold is in the top quartile
        (5.0, Placement("top", True)),  # the high end: still in the range, top quartile
        (5.01, Placement("above", True)),  # beyond 5 %: better
    ],
)
def test_engagement_rate_higher_is_better(value: float, expected: Placement) -> None:
    assert place(ENGAGEMENT, value, "higher") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (9.99, Placement("below", True)),  # cheaper than the range: better
        (10.0, Placement("within", None)),
        (15.0, Placement("within", None)),
        (15.01, Placement("above", False)),  # dearer: worse
    ],
)
def test_cpm_lower_is_better_in_its_own_currency(value: float, expected: Placement) -> None:
    assert place(CPM_FB, value, "lower", "USD") == expected
    assert place(CPM_FB, value, "lower", "usd") == expected


def test_money_in_another_currency_is_not_compared() -> None:
    # €11 against $10–15: different money, so no verdict (not "within").
    assert place(CPM_FB, 11.0, "lower", "EUR") is None
    assert place(CPM_FB, 11.0, "lower", None) is None


def test_a_range_across_sectors_is_never_placed() -> None:
    cpa = next(b for b in BUILT_IN if b.kpi == "cpa")
    assert cpa.sectors and (cpa.low, cpa.high, cpa.currency) == (20.0, 100.0, "EUR")
    assert place(cpa, 50.0, "lower", "EUR") is None


def test_one_end_is_a_threshold() -> None:
    at_least = Benchmark("engagement_rate", low=2.5, own=True)
    assert place(at_least, 2.5, "higher") == Placement("within", None)
    assert place(at_least, 2.49, "higher") == Placement("below", False)
    assert place(at_least, 40.0, "higher") == Placement("within", None)  # no high end
    at_most = Benchmark("cpa", high=45.0, currency="EUR", own=True)
    assert place(at_most, 45.0, "lower", "EUR") == Placement("within", None)
    assert place(at_most, 45.01, "lower", "EUR") == Placement("above", False)
    assert place(at_most, 1.0, "lower", "EUR") == Placement("within", None)


def test_the_built_in_ranges_are_those_of_the_brief() -> None:
    ranges = {(b.kpi, b.platform, b.variant): (b.low, b.high, b.top) for b in BUILT_IN}
    assert ranges[("engagement_rate", ALL, None)] == (1.0, 5.0, 3.5)
    assert ranges[("ctr", ALL, "organic")] == (0.5, 2.0, None)
    assert ranges[("ctr", ALL, "paid")] == (2.0, 5.0, None)
    assert ranges[("cpm", "facebook", None)] == (10.0, 15.0, None)
    assert ranges[("video_completion", ALL, None)] == (75.0, None, None)
    assert all(b.source and b.year for b in BUILT_IN)


def test_pick_prefers_the_workspace_then_the_platform() -> None:
    own_all = Benchmark("engagement_rate", low=2.0, own=True)
    own_li = Benchmark("engagement_rate", "linkedin", low=2.5, own=True)
    assert pick("engagement_rate", None, paid=False) == ENGAGEMENT
    assert pick("engagement_rate", "linkedin", paid=False, own=[own_all, own_li]) == own_li
    assert pick("engagement_rate", "instagram", paid=False, own=[own_all, own_li]) == own_all
    assert pick("engagement_rate", None, paid=False, own=[own_li]) == ENGAGEMENT
    # CTR: paid when the figures hold ad spend
    assert pick("ctr", None, paid=True).variant == "paid"  # type: ignore[union-attr]
    assert pick("ctr", None, paid=False).variant == "organic"  # type: ignore[union-attr]
    # Facebook's CPM only on Facebook; no CPM range for every platform together
    assert pick("cpm", "facebook", paid=True) == CPM_FB
    assert pick("cpm", None, paid=True) is None
    assert pick("reach", None, paid=True) is None
    assert platform_specific("cpm") == {"facebook"}
    assert platform_specific("engagement_rate", [own_li]) == {"linkedin"}
