"""The digest's headline (kpi.story) against values computed by hand: the week in a
sentence, the change that moved most beyond noise with its direction, targets at risk, one
suggested action, and whether a quiet subscription skips the week."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.digest import CampaignInfo, Digest, TargetInfo, build_digest
from kpi.periods import Period
from kpi.story import headline, moved

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
PREV = dt.date(2026, 11, 16)
BASE = {"spend": 100.0, "revenue": 400.0, "conversions": 10.0, "reach": 5000.0, "likes": 200.0,
        "comments": 20.0, "shares": 10.0, "clicks": 120.0, "impressions": 10000.0}  # fmt: skip


def digest(
    now: dict[str, float], before: dict[str, float], targets: tuple[TargetInfo, ...] = ()
) -> Digest:
    weekly = pd.DataFrame(
        [
            {"campaign": "alpha", "week_start": WEEK.start, **now},
            {"campaign": "alpha", "week_start": PREV, **before},
        ]
    )
    return build_digest(
        weekly,
        campaigns={"alpha": CampaignInfo("alpha", "Alpha <b>")},
        week=WEEK,
        targets=targets,
        locale="en",
        currency="EUR",
    )


def test_a_week_like_the_one_before_did_not_move() -> None:
    same = digest(BASE, BASE)
    assert not moved(same)
    lines = headline(same)
    assert lines[0] == "*23–29 Nov*: €100.00 ad spend on one campaign, revenue €400.00."
    assert lines[1] == "Nothing moved beyond noise against the week before."
    assert lines[-1] == "Suggested: keep the plan; no rule asks for a change this week."
    assert len(lines) == 3


def test_small_moves_stay_noise() -> None:
    # revenue 400 -> 430 (+7.5 %, under 10 %); ROI 300 % -> 330 % would be 30 pts: keep the
    # ROI flat by moving spend along: 100 -> 107.5 and revenue 400 -> 430 (ROI 300 % both)
    now = {**BASE, "spend": 107.5, "revenue": 430.0, "conversions": 10.5}
    # CPA 10.00 -> 10.238 (+2.4 %), CTR 1.2 % both, engagement rate 7.0 % both
    assert not moved(digest(now, BASE))


def test_the_biggest_move_beyond_noise_leads_with_its_direction() -> None:
    # conversions 10 -> 5 with the same spend: CPA 10.00 -> 20.00 (+100 %, 10x the noise of
    # 10 %), worse; revenue the same. CTR 1.2 % -> 1.2 %; ROI 300 % both.
    now = {**BASE, "conversions": 5.0}
    story = digest(now, BASE)
    assert moved(story)
    assert headline(story)[1] == "Biggest change: Alpha <b> · CPA €20.00 ▲ 100.0 % — worse."


def test_targets_at_risk_are_named_and_counted() -> None:
    targets = (
        TargetInfo("engagement_rate", ">=", 8.0, "below", "alpha"),
        TargetInfo("cpa", "<=", 12.0, "ok", "alpha"),
        TargetInfo("roi", ">=", 100.0, "at_risk", None),
    )
    story = digest(BASE, BASE, targets)
    assert moved(story)  # nothing moved, but a target is at risk
    assert headline(story)[2] == (
        "Targets at risk: 2 of 3 — Alpha <b> Engagement rate (off target), "
        "all campaigns ROI (at risk)."
    )
    calm = digest(BASE, BASE, (targets[1],))
    assert headline(calm)[2] == "Targets: none of 1 at risk."


def test_the_action_comes_from_the_first_insight_that_asks_for_one() -> None:
    # CTR 300/10000 = 3 % (>= 2 %) on 300 clicks, conversions 2 / 300 = 0.67 % (< 1 %)
    now = {**BASE, "clicks": 300.0, "conversions": 2.0}
    lines = headline(digest(now, now))
    assert lines[-1] == (
        "Suggested: check the landing page and the offer of Alpha <b>: clicks do not turn "
        "into conversions."
    )
    assert len(lines) <= 5


def test_dutch() -> None:
    now = {**BASE, "conversions": 5.0}
    weekly = pd.DataFrame(
        [
            {"campaign": "alpha", "week_start": WEEK.start, **now},
            {"campaign": "alpha", "week_start": PREV, **BASE},
        ]
    )
    story = build_digest(
        weekly, campaigns={"alpha": CampaignInfo("alpha", "alpha")}, week=WEEK,
        locale="nl", currency="EUR",
    )  # fmt: skip
    lines = headline(story)
    assert lines[0] == (
        "*23–29 nov.*: € 100,00 advertentie-uitgaven aan één campagne, omzet € 400,00."
    )
    assert lines[1] == "Grootste verandering: alpha · CPA € 20,00 ▲ 100,0 % — slechter."
