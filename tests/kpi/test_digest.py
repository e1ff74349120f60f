"""The digest's numbers against values computed by hand from a small weekly frame."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.digest import (
    DIGEST_KPIS,
    CampaignInfo,
    TargetInfo,
    build_digest,
    campaign_info,
    weekly_from_daily,
)
from kpi.periods import Period

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
PREV = dt.date(2026, 11, 16)
CAMPAIGNS = {
    "alpha": CampaignInfo("alpha", "Alpha"),
    "beta": CampaignInfo("beta", "Beta"),
    "gamma": CampaignInfo("gamma", "Gamma"),
}


def row(campaign: str, week: dt.date, **values: float) -> dict[str, object]:
    return {"campaign": campaign, "week_start": week, **values}


ALPHA_NOW = {
    "spend": 200.0,
    "revenue": 1000.0,
    "conversions": 10.0,
    "reach": 5000.0,
    "likes": 100.0,
    "comments": 20.0,
    "shares": 10.0,
    "clicks": 70.0,
    "impressions": 10000.0,
    "cost_staff": 100.0,
}
ALPHA_PREV = {
    "spend": 100.0,
    "revenue": 500.0,
    "conversions": 0.0,
    "reach": 4000.0,
    "likes": 50.0,
    "comments": 10.0,
    "shares": 0.0,
    "clicks": 20.0,
    "impressions": 8000.0,
}
BETA_NOW = {"spend": 50.0, "revenue": 0.0, "conversions": 2.0, "reach": 1000.0, "likes": 5.0,
            "comments": 0.0, "shares": 0.0, "clicks": 5.0, "impressions": 2000.0}  # fmt: skip


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            row("alpha", WEEK.start, **ALPHA_NOW),
            row("alpha", PREV, **ALPHA_PREV),
            row("beta", WEEK.start, **BETA_NOW),
            # the week after the digest's week is still going: ignored
            row("alpha", dt.date(2026, 11, 30), spend=9999.0, revenue=1.0),
        ]
    )


def test_campaign_numbers_by_hand() -> None:
    d = build_digest(frame(), campaigns=CAMPAIGNS, week=WEEK, locale="en", currency="EUR")
    alpha = d.campaigns[0]
    assert alpha.slug == "alpha"
    assert [line.kpi.name for line in alpha.lines] == list(DIGEST_KPIS)
    values = {line.kpi.name: line.current.value for line in alpha.lines}
    assert values["spend"] == 200.0
    assert values["revenue"] == 1000.0
    # ROI over total cost = ad spend 200 + staff 100
    assert values["roi"] == pytest.approx((1000 - 300) / 300 * 100)
    assert values["cpa"] == pytest.approx(200 / 10)
    assert values["engagement_rate"] == pytest.approx((100 + 20 + 10 + 70) / 5000 * 100)
    assert values["ctr"] == pytest.approx(70 / 10000 * 100)


def test_changes_against_the_week_before() -> None:
    d = build_digest(frame(), campaigns=CAMPAIGNS, week=WEEK, locale="en", currency="EUR")
    alpha = d.campaigns[0]
    spend = alpha.line("spend").change
    assert spend is not None and spend.unit == "%" and spend.delta == pytest.approx(100.0)
    roi = alpha.line("roi").change  # 233.3 % against (500 - 100) / 100 = 400 %: points
    assert roi is not None and roi.unit == "pts"
    assert roi.delta == pytest.approx((700 / 3) - 400)
    assert roi.better is False
    er = alpha.line("engagement_rate").change  # 4.0 % against 80 / 4000 = 2.0 %
    assert er is not None and er.delta == pytest.approx(2.0) and er.better is True
    ctr = alpha.line("ctr").change  # 0.7 % against 20 / 8000 = 0.25 %
    assert ctr is not None and ctr.delta == pytest.approx(0.45)
    # CPA the week before: 0 conversions -> n/a with its reason, so no change
    cpa = alpha.line("cpa")
    assert cpa.previous.value is None and cpa.previous.reason == "na.zero_denominator"
    assert cpa.change is None


def test_a_campaign_new_this_week_has_no_changes() -> None:
    d = build_digest(frame(), campaigns=CAMPAIGNS, week=WEEK, locale="en", currency="EUR")
    beta = d.campaigns[1]
    assert beta.slug == "beta" and beta.has_data
    assert beta.line("spend").current.value == 50.0
    assert beta.line("spend").previous.reason == "na.not_reported"
    assert all(line.change is None for line in beta.lines)
    assert beta.line("roi").current.value == pytest.approx((0 - 50) / 50 * 100)


def test_order_quiet_and_overall() -> None:
    d = build_digest(frame(), campaigns=CAMPAIGNS, week=WEEK, locale="nl", currency="EUR")
    assert [c.slug for c in d.campaigns] == ["alpha", "beta"]  # highest ad spend first
    assert d.quiet == ("gamma",)
    assert d.week == WEEK and d.previous_week.start == PREV
    assert d.locale == "nl" and d.currency == "EUR"
    overall = {line.kpi.name: line.current.value for line in d.overall.lines}
    assert overall["spend"] == 250.0
    # sums first: (1000 + 0 − (200 + 100 + 50)) / 350
    assert overall["roi"] == pytest.approx((1000 - 350) / 350 * 100)
    assert overall["ctr"] == pytest.approx((70 + 5) / (10000 + 2000) * 100)
    assert overall["cpa"] == pytest.approx(250 / 12)


def test_only_the_given_campaigns_and_targets_pass_through() -> None:
    target = TargetInfo("ctr", ">=", 1.0, "below", campaign="alpha")
    d = build_digest(
        frame(),
        campaigns={"beta": CAMPAIGNS["beta"]},
        week=WEEK,
        targets=[target],
        locale="en",
        currency="EUR",
    )
    assert [c.slug for c in d.campaigns] == ["beta"]
    assert d.overall.line("spend").current.value == 50.0
    assert d.targets == (target,)


def test_empty_frame() -> None:
    empty = pd.DataFrame(columns=["campaign", "week_start", "spend"])
    d = build_digest(empty, campaigns=CAMPAIGNS, week=WEEK, locale="en", currency="EUR")
    assert d.campaigns == () and d.quiet == ("alpha", "beta", "gamma")
    assert d.overall.line("roi").current.value is None


def test_weekly_from_daily_sums_by_monday_and_keeps_not_reported() -> None:
    daily = pd.DataFrame(
        {
            "day": [dt.date(2026, 11, 22), dt.date(2026, 11, 23), dt.date(2026, 11, 29)] * 1,
            "campaign": ["alpha", "alpha", "alpha"],
            "clicks": [1.0, 2.0, 3.0],
            "revenue": [math.nan, math.nan, math.nan],
            "spend": [0.0, 10.0, math.nan],
            "cost_staff": [5.0, 0.0, 7.0],
            "staff_hours": [0.0, 0.0, 2.0],
        }
    )
    weekly = weekly_from_daily(daily)
    rows = {r["week_start"]: r for r in weekly.to_dict("records")}
    assert set(rows) == {dt.date(2026, 11, 16), dt.date(2026, 11, 23)}
    this = rows[dt.date(2026, 11, 23)]
    assert this["clicks"] == 5.0 and this["spend"] == 10.0 and this["cost_staff"] == 7.0
    assert this["staff_hours"] == 2.0
    assert math.isnan(this["revenue"])  # nobody reported it: not a zero
    assert rows[dt.date(2026, 11, 16)]["spend"] == 0.0  # reported as zero: a zero


def test_campaign_info_from_a_record() -> None:
    class Rec:
        slug, name, goal = "x", "X", "conversion"
        budget, start_date, end_date, ltv_per_customer = 1000, dt.date(2026, 1, 1), None, None

    info = campaign_info(Rec(), spent_to_date=12.5)
    assert info == CampaignInfo(
        "x", "X", "conversion", 1000.0, dt.date(2026, 1, 1), None, None, 12.5
    )


@given(st.lists(st.tuples(st.integers(1, 10_000), st.integers(0, 500)), min_size=1, max_size=6))
def test_overall_ctr_is_a_ratio_of_sums(parts: list[tuple[int, int]]) -> None:
    rows = [
        row(f"c{i}", WEEK.start, impressions=float(imp), clicks=float(min(clicks, imp)))
        for i, (imp, clicks) in enumerate(parts)
    ]
    campaigns = {f"c{i}": CampaignInfo(f"c{i}", f"C{i}") for i in range(len(parts))}
    d = build_digest(
        pd.DataFrame(rows), campaigns=campaigns, week=WEEK, locale="en", currency="EUR"
    )
    clicks = sum(min(c, i) for i, c in parts)
    impressions = sum(i for i, _ in parts)
    assert d.overall.line("ctr").current.value == pytest.approx(clicks / impressions * 100)
