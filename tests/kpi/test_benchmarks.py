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
    assert platform_specific("cpm") == {"facebook", "meta"}  # Meta's exports: Facebook's ads
    assert platform_specific("engagement_rate", [own_li]) == {"linkedin"}


def test_pick_prefers_a_range_in_the_values_currency() -> None:
    own_eur = Benchmark("cpm", low=5.0, high=8.0, currency="EUR", own=True)
    own_fb_usd = Benchmark("cpm", "facebook", low=5.0, high=8.0, currency="USD", own=True)
    # a USD value on Facebook: the workspace's EUR range is skipped for the built-in USD one
    assert pick("cpm", "facebook", paid=True, own=[own_eur], currency="USD") == CPM_FB
    assert pick("cpm", "facebook", paid=True, own=[own_eur], currency="usd") == CPM_FB
    # a EUR value on Facebook: the workspace's EUR range, not Facebook's dollars
    assert pick("cpm", "facebook", paid=True, own=[own_eur], currency="EUR") == own_eur
    assert pick("cpm", "facebook", paid=True, own=[own_fb_usd, own_eur], currency="EUR") == own_eur
    # the workspace's own USD range for Facebook before the built-in one
    assert pick("cpm", "facebook", paid=True, own=[own_fb_usd], currency="USD") == own_fb_usd
    # only ranges in other money: the first in the usual order, for "not compared"
    assert pick("cpm", "facebook", paid=True, currency="GBP") == CPM_FB
    assert pick("cpm", None, paid=True, own=[own_eur], currency="GBP") == own_eur
    # a percentage has no currency: any value's currency picks it
    assert pick("engagement_rate", None, paid=False, currency="GBP") == ENGAGEMENT


def test_a_meta_export_is_placed_against_facebooks_range() -> None:
    # Meta Ads Manager rows (platform "meta") are Facebook's ads: its CPM range applies
    assert pick("cpm", "meta", paid=True, currency="USD") == CPM_FB
    assert "meta" in platform_specific("cpm") and "facebook" in platform_specific("cpm")
    own_meta = Benchmark("cpm", "meta", high=9.0, currency="USD", own=True)
    assert pick("cpm", "meta", paid=True, own=[own_meta], currency="USD") == own_meta
    assert pick("cpm", "instagram", paid=True, currency="USD") is None


def test_the_rules_read_their_thresholds_from_the_ranges() -> None:
    from kpi.insights import HIGH_CTR, LOW_ENGAGEMENT

    # low engagement: under the 1 % low end; high CTR: from the organic range's 2 % top
    assert (LOW_ENGAGEMENT, HIGH_CTR) == (1.0, 2.0)
