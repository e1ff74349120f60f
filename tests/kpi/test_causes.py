"""likely_cause: each rule on hand-made periods, the thresholds, and the rendered text."""

from __future__ import annotations

import pytest

from kpi.causes import likely_cause, pct_change, render_cause
from kpi.registry import lookup
from kpi.totals import Totals


def T(**counters: float) -> Totals:  # noqa: N802 - reads like the type it builds
    return Totals(counters=counters, days=7)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [(138.0, 100.0, 38.0), (80.0, 100.0, -20.0), (5.0, 0.0, None), (None, 1.0, None)],
)
def test_pct_change(current: float | None, previous: float | None, expected: float | None) -> None:
    got = pct_change(current, previous)
    assert got == (None if expected is None else pytest.approx(expected))


def test_reach_up_engagements_flat_is_a_new_audience() -> None:
    # reach 10,000 -> 13,800 (+38 %); engagements 400 -> 410 (+2.5 %): rate 4.0 % -> 2.97 %
    prev = T(reach=10_000, likes=300, comments=50, shares=30, clicks=20)
    cur = T(reach=13_800, likes=310, comments=50, shares=30, clicks=20)
    assert likely_cause(cur, prev, lookup("engagement_rate")) == (
        "targets.cause.new_audience",
        {"reach_change": pytest.approx(38.0)},
    )


def test_new_audience_needs_reach_up_by_20_percent_and_engagements_within_10() -> None:
    prev = T(reach=10_000, likes=400)
    assert likely_cause(T(reach=11_900, likes=400), prev, "engagement_rate") is None  # +19 %
    assert likely_cause(T(reach=13_000, likes=450), prev, "engagement_rate") is None  # +12.5 %
    assert likely_cause(T(reach=12_000, likes=440), prev, "engagement_rate") is not None


def test_reach_fell_while_engagement_per_person_held() -> None:
    # reach 10,000 -> 7,000 (-30 %), engagements 500 -> 340: 0.050 -> 0.0486 per person (-2.9 %)
    prev = T(reach=10_000, likes=500, spend=100.0)
    cur = T(reach=7_000, likes=340, spend=100.0)
    assert likely_cause(cur, prev, "engagements") == (
        "targets.cause.reach_fell",
        {"reach_change": pytest.approx(-30.0)},
    )


def test_clicks_high_conversions_low() -> None:
    # clicks 1,000 -> 1,100 (+10 %); conversion rate 5 % -> 2 % (50 -> 22 conversions)
    prev = T(clicks=1_000, conversions=50, spend=500.0, impressions=50_000)
    cur = T(clicks=1_100, conversions=22, spend=500.0, impressions=50_000)
    key, args = likely_cause(cur, prev, "cpa")  # type: ignore[misc]
    assert key == "targets.cause.clicks_not_converting"
    assert args == {
        "rate_before": pytest.approx(5.0),
        "rate_after": pytest.approx(2.0),
        "clicks_change": pytest.approx(10.0),
    }


def test_cpm_rose() -> None:
    # 100 / 50,000 x 1000 = 2.00 -> 150 / 60,000 x 1000 = 2.50: +25 %
    prev = T(spend=100.0, impressions=50_000, clicks=500, conversions=10)
    cur = T(spend=150.0, impressions=60_000, clicks=600, conversions=12)
    assert likely_cause(cur, prev, "cpa") == (
        "targets.cause.cpm_up",
        {"cpm_change": pytest.approx(25.0), "cpm_before": 2.0, "cpm_after": 2.5},
    )
    # +10 % CPM is below the 15 % threshold: no cause
    assert (
        likely_cause(T(spend=110.0, impressions=50_000), T(spend=100.0, impressions=50_000), "cpm")
        is None
    )


def test_ctr_fell_with_impressions_held() -> None:
    # CTR 2 % -> 1.2 % on the same 10,000 impressions
    prev = T(impressions=10_000, clicks=200)
    cur = T(impressions=10_000, clicks=120)
    assert likely_cause(cur, prev, "ctr") == (
        "targets.cause.ctr_fell",
        {"rate_before": pytest.approx(2.0), "rate_after": pytest.approx(1.2)},
    )


def test_spend_fell() -> None:
    prev = T(spend=1_000.0, reach=20_000, impressions=40_000)
    cur = T(spend=600.0, reach=12_000, impressions=24_000)  # same CPM
    assert likely_cause(cur, prev, "reach") == (
        "targets.cause.spend_fell",
        {"spend_change": pytest.approx(-40.0)},
    )


def test_fewer_posts() -> None:
    prev = T(posts=10, reach=5_000)
    cur = T(posts=6, reach=3_000)
    assert likely_cause(cur, prev, "reach") == (
        "targets.cause.fewer_posts",
        {"posts_change": pytest.approx(-40.0)},
    )


def test_no_rule_fires_on_steady_numbers_or_missing_data() -> None:
    same = T(reach=10_000, likes=400, clicks=300, conversions=10, spend=100.0, impressions=9_000)
    for kpi in ("engagement_rate", "engagements", "cpa", "ctr", "reach", "roi"):
        assert likely_cause(same, same, kpi) is None
    assert likely_cause(T(), T(), "engagement_rate") is None
    assert likely_cause(T(reach=5_000), T(), "reach") is None  # nothing to compare with


def test_a_rule_only_explains_the_kpis_it_is_about() -> None:
    prev = T(reach=10_000, likes=400)
    cur = T(reach=13_800, likes=400)
    assert likely_cause(cur, prev, "cpa") is None


def test_render_cause_in_both_languages() -> None:
    cause = ("targets.cause.new_audience", {"reach_change": 38.0})
    assert render_cause(cause, "en", "EUR") == (
        "reach up 38 % while engagements stayed flat — a new audience engages less."
    )
    assert render_cause(cause, "nl", "EUR").startswith("bereik 38 % hoger")
    conv = (
        "targets.cause.clicks_not_converting",
        {"rate_before": 5.0, "rate_after": 2.5, "clicks_change": 10.0},
    )
    assert "from 5.0 % to 2.5 %" in render_cause(conv, "en", "EUR")
    assert "van 5,0 % naar 2,5 %" in render_cause(conv, "nl", "EUR")
    cpm = ("targets.cause.cpm_up", {"cpm_change": 25.0, "cpm_before": 2.0, "cpm_after": 2.5})
    assert render_cause(cpm, "en", "EUR") == (
        "CPM rose 25 % (from €2.00 to €2.50): the auction got more expensive."
    )
