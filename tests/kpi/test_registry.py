"""Every KPI formula against hand-computed values, n/a reasons, lookup and change."""

from __future__ import annotations

import math
import re

import pytest

from kpi.counters import COUNTERS, GOALS
from kpi.registry import REGISTRY, KpiResult, UnknownKpi, change, compute, lookup
from kpi.totals import Totals

# One campaign-month, numbers chosen so the arithmetic is easy to follow by hand.
SAMPLE = Totals(
    counters={
        "impressions": 40_000,
        "reach": 16_000,
        "likes": 600,
        "comments": 80,
        "shares": 40,
        "saves": 25,
        "clicks": 480,
        "sessions": 900,
        "video_views": 2_000,
        "video_completions": 1_500,
        "followers_gained": 150,
        "mentions": 12,
        "conversions": 24,
        "leads": 60,
        "customers": 20,
        "revenue": 3_000.0,
        "spend": 600.0,
        "posts": 15,
    },
    costs={"tools": 50.0, "staff": 150.0},  # staff: 4 h x 37.50
    staff_hours=4.0,
    days=30,
    ltv_per_customer=90.0,
    followers_at_start=5_000,
)

CASES = [
    ("reach", 16_000),
    ("impressions", 40_000),
    ("frequency", 40_000 / 16_000),  # 2.5
    ("engagements", 600 + 80 + 40 + 480),  # 1200
    ("engagement_rate", 1_200 / 16_000 * 100),  # 7.5 %
    ("ctr", 480 / 40_000 * 100),  # 1.2 %
    ("conversion_rate", 24 / 480 * 100),  # 5 %
    ("cpc", 600 / 480),  # 1.25, ad spend only
    ("cpm", 600 / 40_000 * 1000),  # 15
    ("cpa", 600 / 24),  # 25, ad spend only
    ("cpl", 600 / 60),  # 10
    ("total_cost", 600 + 50 + 150),  # 800
    ("roi", (3_000 - 800) / 800 * 100),  # 275 %
    ("roas", 3_000 / 600),  # 5.0
    ("follower_growth", 150),
    ("follower_growth_rate", 150 / 5_000 * 100),  # 3 %
    ("video_completion", 1_500 / 2_000 * 100),  # 75 %
    ("ltv", 20 * 90),  # 1800
    ("ltv_roi", (1_800 - 800) / 800 * 100),  # 125 %
    ("posts", 15),
    ("posts_per_day", 15 / 30),  # 0.5
    ("cost_per_post", 800 / 15),  # total cost per post
    ("hours_per_post", 4 / 15),
    ("spend", 600),
    ("revenue", 3_000),
    ("clicks", 480),
    ("sessions", 900),  # a sum of its own: in no other KPI (engagements stay 1200)
    ("conversions", 24),
    ("leads", 60),
    ("likes", 600),
    ("comments", 80),
    ("shares", 40),
    ("saves", 25),
    ("mentions", 12),
    ("video_views", 2_000),
]


def test_every_kpi_has_a_case() -> None:
    assert sorted(REGISTRY) == sorted(name for name, _ in CASES)


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_formula(name: str, expected: float) -> None:
    result = compute(name, SAMPLE)
    assert result.available and result.reason is None
    assert result.value == pytest.approx(expected)


def test_roi_shows_its_terms_for_the_filled_in_formula() -> None:
    result = compute("roi", SAMPLE)
    assert dict(result.terms) == {"revenue": 3_000, "total_cost": 800}
    assert result.kpi.formula == "({revenue} − {total_cost}) / {total_cost} × 100"


def test_terms_cover_every_name_in_every_template() -> None:
    for kpi in REGISTRY.values():
        named = set(re.findall(r"\{(\w+)\}", kpi.formula))
        assert set(compute(kpi, SAMPLE).terms) == named, kpi.name
        assert set(compute(kpi, Totals.empty()).terms) == named, kpi.name


NA_CASES: list[tuple[str, dict[str, float | None], dict[str, float], str, str]] = [
    # (kpi, counters, costs, reason, term)
    ("engagement_rate", {"likes": 5, "reach": 0}, {}, "na.zero_denominator", "reach"),
    ("engagement_rate", {"likes": 5}, {}, "na.not_reported", "reach"),
    ("engagement_rate", {"reach": 100}, {}, "na.not_reported", "engagements"),
    ("ctr", {"clicks": 3, "impressions": 0}, {}, "na.zero_denominator", "impressions"),
    ("conversion_rate", {"conversions": 0, "clicks": 0}, {}, "na.zero_denominator", "clicks"),
    ("cpc", {"spend": 10.0, "clicks": 0}, {}, "na.zero_denominator", "clicks"),
    ("cpc", {"clicks": 10}, {}, "na.not_reported", "ad_spend"),
    ("cpm", {"spend": 10.0, "impressions": 0}, {}, "na.zero_denominator", "impressions"),
    ("cpa", {"spend": 10.0, "conversions": 0}, {}, "na.zero_denominator", "conversions"),
    ("cpl", {"spend": 10.0}, {}, "na.not_reported", "leads"),
    ("roi", {"revenue": 10.0, "spend": 0.0}, {}, "na.zero_denominator", "total_cost"),
    ("roi", {"spend": 10.0}, {}, "na.not_reported", "revenue"),
    ("roi", {"revenue": 10.0}, {}, "na.not_reported", "total_cost"),
    ("roas", {"revenue": 10.0, "spend": 0.0}, {}, "na.zero_denominator", "ad_spend"),
    ("frequency", {"impressions": 10, "reach": 0}, {}, "na.zero_denominator", "reach"),
    ("video_completion", {"video_completions": 0, "video_views": 0}, {}, "na.zero_denominator",
     "video_views"),
    ("follower_growth_rate", {"followers_gained": 3}, {}, "na.not_reported",
     "followers_at_start"),
    ("ltv", {"customers": 3}, {}, "na.not_set", "ltv_per_customer"),
    ("ltv_roi", {"customers": 3, "spend": 5.0}, {}, "na.not_set", "ltv_per_customer"),
    ("cost_per_post", {"spend": 10.0, "posts": 0}, {}, "na.zero_denominator", "posts"),
    ("hours_per_post", {"posts": 4}, {}, "na.not_reported", "staff_hours"),
    ("posts_per_day", {"posts": 4}, {}, "na.zero_denominator", "days"),  # days = 0
    ("total_cost", {}, {}, "na.not_reported", "total_cost"),
    ("reach", {"reach": None}, {}, "na.not_reported", "reach"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "counters", "costs", "reason", "term"), NA_CASES)
def test_not_available_with_reason(
    name: str, counters: dict[str, float | None], costs: dict[str, float], reason: str, term: str
) -> None:
    result = compute(name, Totals(counters=counters, costs=costs))
    assert result.value is None and not result.available
    assert result.reason == reason
    assert result.reason_args == {"term": term}


def test_ratio_follower_growth_uses_followers_at_start_from_totals() -> None:
    # 30 gained on 1 200 at the start: 30 / 1200 x 100 = 2.5 %
    totals = Totals(counters={"followers_gained": 30}, followers_at_start=1_200)
    assert compute("follower_growth_rate", totals).value == pytest.approx(2.5)


def test_total_cost_without_ad_spend_is_the_other_costs() -> None:
    # an organic campaign: no spend reported, 8 h x 45 staff + 20 tools = 380
    totals = Totals(counters={"revenue": 760.0}, costs={"staff": 360.0, "tools": 20.0})
    assert compute("total_cost", totals).value == pytest.approx(380)
    assert compute("roi", totals).value == pytest.approx((760 - 380) / 380 * 100)  # 100 %
    assert compute("cpa", totals).reason == "na.not_reported"  # CPA is over ad spend only


def test_engagements_count_the_parts_reported() -> None:
    # shares and comments not in this export: 40 likes + 10 clicks
    totals = Totals(counters={"likes": 40, "clicks": 10, "reach": 1_000})
    assert compute("engagements", totals).value == 50
    assert compute("engagement_rate", totals).value == pytest.approx(50 / 1_000 * 100)


def test_zero_numerator_is_a_value_not_na() -> None:
    result = compute("ctr", Totals(counters={"clicks": 0, "impressions": 1_000}))
    assert result.value == 0 and result.available


def test_huge_values_are_na_not_infinity() -> None:
    result = compute("engagement_rate", Totals(counters={"likes": 1e308, "reach": 1e-10}))
    assert result.value is None and result.reason == "na.not_finite"


def test_empty_totals_never_raise() -> None:
    for kpi in REGISTRY.values():
        result = compute(kpi, Totals.empty())
        assert result.value is None and result.reason is not None


# --- registry data -------------------------------------------------------------------


def test_registry_data_is_consistent() -> None:
    for name, kpi in REGISTRY.items():
        assert name == kpi.name and name == name.lower() and " " not in name
        assert kpi.unit in ("count", "percent", "currency", "ratio")
        assert kpi.direction in ("higher", "lower")
        assert set(kpi.goals) <= set(GOALS)
        assert set(kpi.needs) <= set(COUNTERS)
        assert kpi.needs, name


def test_benchmarks_have_one_source() -> None:
    # kpi.benchmarks holds the ranges; a KPI carries none of its own (it once repeated the
    # CTR range as 0.5-5 %, neither the organic 0.5-2 % nor the paid 2-5 %)
    assert all(not hasattr(kpi, "benchmark") for kpi in REGISTRY.values())


def test_directions_and_vanity() -> None:
    assert REGISTRY["cpa"].direction == "lower" and REGISTRY["roi"].direction == "higher"
    assert REGISTRY["likes"].vanity and REGISTRY["impressions"].vanity
    assert not REGISTRY["roi"].vanity and not REGISTRY["cpa"].vanity


def test_list_order_starts_with_reach() -> None:
    names = list(REGISTRY)
    assert names[:5] == ["reach", "impressions", "frequency", "engagements", "engagement_rate"]


# --- lookup --------------------------------------------------------------------------

LOOKUPS = [
    ("engagement rate", "engagement_rate"),
    ("Engagement-Rate", "engagement_rate"),
    ("engagement_rate", "engagement_rate"),
    ("  ER ", "engagement_rate"),
    ("betrokkenheid", "engagement_rate"),
    ("bereik", "reach"),
    ("weergaven", "impressions"),
    ("vertoningen", "impressions"),
    ("klikken", "clicks"),
    ("kosten", "total_cost"),
    ("total cost", "total_cost"),
    ("omzet", "revenue"),
    ("conversieratio", "conversion_rate"),
    ("doorklikratio", "ctr"),
    ("CTR", "ctr"),
    ("ROI", "roi"),
    ("kosten per klik", "cpc"),
    ("video completion rate", "video_completion"),
    ("ltv roi", "ltv_roi"),
    ("posts per day", "posts_per_day"),
]


@pytest.mark.parametrize(("word", "name"), LOOKUPS)
def test_lookup(word: str, name: str) -> None:
    assert lookup(word).name == name


def test_every_alias_leads_to_its_own_kpi() -> None:
    for kpi in REGISTRY.values():
        for alias in kpi.aliases:
            assert lookup(alias) is kpi, alias


def test_unknown_kpi_carries_word_and_closest_names() -> None:
    with pytest.raises(UnknownKpi) as info:
        lookup("engagment rat")
    assert isinstance(info.value, LookupError)
    assert info.value.word == "engagment rat"
    assert info.value.suggestions[0] == "engagement_rate"
    assert len(set(info.value.suggestions)) == len(info.value.suggestions)


def test_compute_by_unknown_name_raises_unknown_kpi() -> None:
    with pytest.raises(UnknownKpi):
        compute("happiness", SAMPLE)


# --- change --------------------------------------------------------------------------


def _result(name: str, value: float | None) -> KpiResult:
    return KpiResult(REGISTRY[name], value, None if value is not None else "na.not_reported")


CHANGES = [
    # (kpi, current, previous, delta, unit, better)
    ("roi", 682.9, 641.9, 41.0, "pts", True),  # percent KPI: points, 682.9 - 641.9
    ("engagement_rate", 3.1, 4.0, -0.9, "pts", False),
    ("cpa", 17.5, 20.0, -12.5, "%", True),  # (17.5 - 20) / 20 x 100; lower is better
    ("reach", 1_380, 1_000, 38.0, "%", True),  # (1380 - 1000) / 1000 x 100
    ("spend", 120.0, 100.0, 20.0, "%", False),
    ("clicks", 100, 100, 0.0, "%", None),
    ("ctr", 2.0, 2.0, 0.0, "pts", None),
    ("roas", 3.0, -1.5, 300.0, "%", True),  # relative to |previous|: (3 - -1.5) / 1.5
]


@pytest.mark.parametrize(("name", "now", "before", "delta", "unit", "better"), CHANGES)
def test_change(
    name: str, now: float, before: float, delta: float, unit: str, better: bool | None
) -> None:
    moved = change(_result(name, now), _result(name, before))
    assert moved is not None
    assert moved.delta == pytest.approx(delta)
    assert moved.unit == unit
    assert moved.better is better
    assert (moved.current, moved.previous) == (now, before)


def test_no_change_when_previous_is_zero_or_na() -> None:
    assert change(_result("reach", 10), _result("reach", 0)) is None
    assert change(_result("reach", 10), _result("reach", None)) is None
    assert change(_result("reach", None), _result("reach", 10)) is None
    # a percent KPI from 0 is fine: points, not a ratio
    moved = change(_result("ctr", 1.5), _result("ctr", 0.0))
    assert moved is not None and math.isclose(moved.delta, 1.5)


@pytest.mark.parametrize(
    ("name", "first", "second", "side"),
    [
        ("engagement_rate", 6.0, 6.0, None),  # a tie marks nobody
        ("engagement_rate", 6.01, 6.04, None),  # both read "6.0 %"
        ("engagement_rate", 6.1, 6.0, 0),
        ("cpa", 4.69, 5.10, 0),  # lower is better
        ("cpa", 5.10, 4.69, 1),
        ("roi", -100.0, 742.7, 1),
        ("total_cost", 3379.75, 3389.65, None),  # spending less is no better result
        ("spend", 100.0, 200.0, None),
        ("ctr", None, 1.6, None),
    ],
)
def test_better_of(name: str, first: float | None, second: float | None, side: int | None) -> None:
    from kpi.registry import better_of

    assert better_of(REGISTRY[name], first, second) == side
