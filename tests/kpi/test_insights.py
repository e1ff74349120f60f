"""Each insight rule triggered (and not) by a small frame; ranking, cap and fallbacks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.digest import CampaignDigest, CampaignInfo, build_digest
from kpi.insights import (
    MAX_PER_KEY,
    Insight,
    Num,
    best_and_worst_platform,
    clicks_not_converting,
    falling_reach,
    find_insights,
    low_engagement,
    rank,
    render_insight,
    spend_pace,
)
from kpi.periods import Period

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
PREV = dt.date(2026, 11, 16)


def section(now: dict[str, float], before: dict[str, float] | None = None) -> CampaignDigest:
    rows = [{"campaign": "x", "week_start": WEEK.start, **now}]
    if before is not None:
        rows.append({"campaign": "x", "week_start": PREV, **before})
    info = {"x": CampaignInfo("x", "Campaign X")}
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    return d.campaigns[0]


@pytest.mark.parametrize(
    ("reach", "engagements", "rate"),
    [(1000, 5, "0.50 %"), (1000, 10, None), (400, 1, None), (1000, 0, "0.0 %")],
)
def test_low_engagement(reach: float, engagements: float, rate: str | None) -> None:
    insight = low_engagement(section({"reach": reach, "likes": engagements}))
    assert (insight is not None) == (rate is not None)
    if insight is not None:
        assert insight.key == "insight.low_engagement" and insight.severity == "medium"
        assert insight.args["rate"] == Num(engagements / reach * 100, "percent")
        assert render_insight(insight, "en", "EUR") == (
            f"Campaign X: engagement rate {rate} is under the "
            "1.0 % benchmark; the posts reach people who do not react."
        )


@pytest.mark.parametrize(
    ("impressions", "clicks", "conversions", "fires"),
    [
        (5000, 150, 1, True),  # CTR 3 %, conversion 0.67 %
        (5000, 150, 5, False),  # conversion 3.3 %
        (10000, 150, 0, False),  # CTR 1.5 %: not high
        (900, 150, 0, False),  # too few impressions
        (2000, 60, 0, False),  # too few clicks
    ],
)
def test_clicks_not_converting(
    impressions: float, clicks: float, conversions: float, fires: bool
) -> None:
    s = section({"impressions": impressions, "clicks": clicks, "conversions": conversions})
    insight = clicks_not_converting(s)
    assert (insight is not None) == fires
    if insight is not None:
        assert render_insight(insight, "nl", "EUR") == (
            "Campaign X: de CTR is hoog met 3,0 %, maar maar 0,67 % van de klikken converteert; "
            "kijk naar de landingspagina en het aanbod."
        )


def test_clicks_not_converting_needs_conversions_reported() -> None:
    assert clicks_not_converting(section({"impressions": 5000, "clicks": 150})) is None


@pytest.mark.parametrize(
    ("before", "after", "severity"),
    [(10000, 7000, "medium"), (10000, 5000, "high"), (10000, 8500, None), (400, 10, None)],
)
def test_falling_reach(before: float, after: float, severity: str | None) -> None:
    insight = falling_reach(section({"reach": after}, {"reach": before}))
    assert (None if insight is None else insight.severity) == severity
    if before == 10000 and after == 7000:
        assert insight is not None
        assert render_insight(insight, "en", "EUR") == (
            "Campaign X: reach fell 30 % against the week before (10,000 → 7,000)."
        )


def test_best_and_worst_platform_on_roas() -> None:
    platforms = pd.DataFrame(
        [
            {"platform": "facebook", "week_start": WEEK.start, "spend": 100.0, "revenue": 400.0},
            {"platform": "instagram", "week_start": WEEK.start, "spend": 100.0, "revenue": 100.0},
            {"platform": "tiktok", "week_start": WEEK.start, "spend": 50.0, "revenue": 150.0},
            {"platform": "x", "week_start": PREV, "spend": 1.0, "revenue": 900.0},  # other week
        ]
    )
    insight = best_and_worst_platform(platforms, WEEK)
    assert insight is not None
    assert (insight.args["best"], insight.args["worst"]) == ("Facebook", "Instagram")
    assert render_insight(insight, "en", "EUR") == (
        "Best platform on ROAS: Facebook (4.00); weakest: Instagram (1.00)."
    )


def test_platforms_fall_back_to_engagement_rate_and_need_two() -> None:
    platforms = pd.DataFrame(
        [
            {"platform": "facebook", "week_start": WEEK.start, "reach": 1000.0, "likes": 30.0},
            {"platform": "linkedin", "week_start": WEEK.start, "reach": 2000.0, "likes": 20.0},
        ]
    )
    insight = best_and_worst_platform(platforms, WEEK)
    assert insight is not None and insight.args["kpi"] == "engagement_rate"
    assert insight.args["best_value"] == Num(3.0, "percent")
    assert insight.args["worst_value"] == Num(1.0, "percent")
    assert best_and_worst_platform(platforms.iloc[:1], WEEK) is None


# Campaign 2 Nov - 31 Dec 2026: 60 days; through Sun 29 Nov 28 days = 46.67 % of the run.
RUN = {"budget": 1000.0, "start": dt.date(2026, 11, 2), "end": dt.date(2026, 12, 31)}


@pytest.mark.parametrize(
    ("spent", "key", "severity"),
    [
        (700.0, "insight.pace.over", "high"),  # 70 % spent: 50 % ahead of pace
        (500.0, "insight.pace.on_track", "info"),  # 7 % ahead: within 10 %
        (300.0, "insight.pace.under", "low"),  # 30 %: 36 % behind
        (1000.0, "insight.pace.budget_spent", "high"),
    ],
)
def test_spend_pace(spent: float, key: str, severity: str) -> None:
    info = CampaignInfo("x", "Campaign X", **RUN)  # type: ignore[arg-type]
    insight = spend_pace(info, spent, WEEK)
    assert insight is not None and (insight.key, insight.severity) == (key, severity)
    assert insight.args["time_share"] == Num(pytest.approx(28 / 60 * 100), "percent")  # type: ignore[arg-type]
    assert insight.args["projected"] == Num(pytest.approx(spent / 28 * 60), "money")  # type: ignore[arg-type]


def test_spend_pace_text() -> None:
    info = CampaignInfo("x", "Campaign X", **RUN)  # type: ignore[arg-type]
    insight = spend_pace(info, 700.0, WEEK)
    assert insight is not None
    assert render_insight(insight, "en", "EUR") == (
        "Campaign X spends ahead of plan: 70.0 % of the €1,000.00 budget is gone after 46.7 % "
        "of its run; at this pace it ends at €1,500.00."
    )


@pytest.mark.parametrize(
    "info",
    [
        CampaignInfo("x", "X", budget=None, start=dt.date(2026, 11, 2), end=dt.date(2026, 12, 31)),
        CampaignInfo("x", "X", budget=1000.0, start=None, end=dt.date(2026, 12, 31)),
        CampaignInfo(
            "x", "X", budget=1000.0, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)
        ),
        CampaignInfo("x", "X", budget=1000.0, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 1)),
    ],
)
def test_spend_pace_needs_budget_dates_and_a_running_campaign(info: CampaignInfo) -> None:
    assert spend_pace(info, 100.0, WEEK) is None


def test_spend_pace_sums_the_frame_from_the_campaign_start() -> None:
    rows = [
        {"campaign": "x", "week_start": dt.date(2026, 11, 2) + dt.timedelta(weeks=w),
         "spend": 150.0, "cost_staff": 25.0}
        for w in range(5)
    ]  # fmt: skip
    info = {"x": CampaignInfo("x", "Campaign X", **RUN)}  # type: ignore[arg-type]
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    pace = [i for i in d.insights if i.key.startswith("insight.pace")]
    # 4 weeks through 29 Nov x (150 + 25) = 700 spent; the 5th week is after the digest's
    assert [p.key for p in pace] == ["insight.pace.over"]
    assert pace[0].args["spent"] == Num(700.0, "money")


def test_rank_orders_by_severity_then_score_and_caps() -> None:
    found = [Insight(f"k{i % 3}", {}, "medium", None, float(i)) for i in range(9)]
    found.append(Insight("top", {}, "high", None, 0.0))
    ranked = rank(found)
    assert ranked[0].key == "top"
    assert len(ranked) == 5
    assert all(sum(r.key == k for r in ranked) <= MAX_PER_KEY for k in ("k0", "k1", "k2"))
    assert [r.score for r in ranked[1:]] == sorted((r.score for r in ranked[1:]), reverse=True)


def test_many_low_engagement_campaigns_give_at_most_two_of_that_kind() -> None:
    rows = [{"campaign": f"c{i}", "week_start": WEEK.start, "reach": 1000.0, "likes": float(i)}
            for i in range(6)]  # fmt: skip
    info = {f"c{i}": CampaignInfo(f"c{i}", f"C{i}") for i in range(6)}
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    low = [i for i in d.insights if i.key == "insight.low_engagement"]
    assert [i.campaign for i in low] == ["c0", "c1"]  # the lowest rates first
    assert 3 <= len(d.insights) <= 5


def test_quiet_week_falls_back_to_facts() -> None:
    rows = [
        {"campaign": "a", "week_start": WEEK.start, "spend": 100.0, "revenue": 300.0,
         "reach": 1000.0, "likes": 40.0},
        {"campaign": "b", "week_start": WEEK.start, "spend": 300.0, "revenue": 600.0,
         "reach": 1000.0, "likes": 20.0},
    ]  # fmt: skip
    info = {"a": CampaignInfo("a", "A"), "b": CampaignInfo("b", "B")}
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    assert [i.key for i in d.insights] == [
        "insight.best_roi",
        "insight.best_engagement",
        "insight.top_spender",
    ]
    texts = [render_insight(i, "en", "EUR") for i in d.insights]
    assert texts[0] == "Best return of the week: A with an ROI of 200.0 %."
    assert texts[1] == "Most engaging of the week: A at an engagement rate of 4.0 %."
    assert texts[2] == "B took 75.0 % of the week's ad spend (€300.00)."


def test_no_data_no_insights() -> None:
    empty = pd.DataFrame(columns=["campaign", "week_start"])
    assert find_insights(empty, campaigns={}, week=WEEK, sections=[]) == []


def test_a_tie_names_no_leader() -> None:
    # both: engagement 40 / reach 1000 = 4.0 %; ROI (300 − 100) / 100 = 200 % for both
    rows = [
        {"campaign": c, "week_start": WEEK.start, "spend": 100.0, "revenue": 300.0,
         "reach": 1000.0, "likes": 40.0}
        for c in ("a", "b")
    ]  # fmt: skip
    info = {"a": CampaignInfo("a", "A"), "b": CampaignInfo("b", "B")}
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    keys = [i.key for i in d.insights]
    assert "insight.best_engagement" not in keys
    assert "insight.best_roi" not in keys
    assert "insight.top_spender" not in keys  # both spent €100


def test_a_difference_hidden_by_rounding_is_a_tie() -> None:
    # 4.00 % against 4.04 %: both read "4.0 %", so neither is "most engaging"
    rows = [
        {"campaign": "a", "week_start": WEEK.start, "reach": 10000.0, "likes": 400.0},
        {"campaign": "b", "week_start": WEEK.start, "reach": 10000.0, "likes": 404.0},
    ]
    info = {"a": CampaignInfo("a", "A"), "b": CampaignInfo("b", "B")}
    d = build_digest(pd.DataFrame(rows), campaigns=info, week=WEEK, locale="en", currency="EUR")
    assert "insight.best_engagement" not in [i.key for i in d.insights]
