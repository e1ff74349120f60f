"""`/kpi compare me <competitor>` against figures worked out by hand, in English and Dutch,
on SQLite and PostgreSQL; what cannot be compared says why; `/kpi compare a b` between
campaigns still answers as before."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dispatch import answer, make_ctx
from bot.render_text import render
from bot.services import Services
from storage.campaigns.records import MetricRow
from tests.bot.both_dbs import services_on  # noqa: F401  (fixture)

TEAM = "T1"
FIRST = dt.date(2026, 11, 17)


@pytest.fixture
def svc(services_on: Services) -> Services:  # noqa: F811 (the fixture of both databases)
    """`brand` on LinkedIn 17–24 Nov: each day reach 800, likes 20, comments 5, shares 5,
    clicks 10 (40 engagements), followers 2000 rising 10 a day, a post on 18, 20 and 23 Nov.
    Acme on LinkedIn: 12,000 followers, 2.9 %, 4 posts on 17 Nov; 12,400, 3.1 %, 5 posts
    on 24 Nov."""
    services_on.repo.ensure_workspace(TEAM)
    services_on.repo.ensure_campaign(TEAM, "brand")
    rows = []
    for i in range(8):
        day = FIRST + dt.timedelta(days=i)
        posts = 1 if day.day in (18, 20, 23) else 0
        counters = {"reach": 800, "likes": 20, "comments": 5, "shares": 5, "clicks": 10,
                    "followers": 2000 + 10 * i, "posts": posts}  # fmt: skip
        rows.append(MetricRow(line=i + 2, campaign="brand", day=day, platform="linkedin",
                              counters=counters))  # fmt: skip
    services_on.repo.upsert_metrics(TEAM, rows)
    ask(
        services_on,
        "competitor add Acme linkedin followers=12000 engagement=2.9% posts=4 on 2026-11-17",
    )
    ask(
        services_on,
        "competitor add Acme linkedin followers=12400 engagement=3.1% posts=5 on 2026-11-24",
    )
    return services_on


def ask(services: Services, text: str, locale: str = "en") -> str:
    services.repo.update_workspace(TEAM, locale=locale)
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id="C1")
    return render(answer(services, ctx, text).blocks)


def test_you_against_a_competitor_in_english(svc: Services) -> None:
    out = ask(svc, "compare me Acme")
    # 18–24 Nov: 7 x 40 engagements / 7 x 800 reach x 100 = 5.0 %, against Acme's 3.1 %
    assert "Engagement rate · 18–24 Nov: you 5.0 % ✓ · Acme 3.1 %" in out
    # 17 → 24 Nov: 2070 - 2000 = +70, 70 / 2000 = 3.5 %; Acme 400 / 12,000 = 3.3 %
    assert "you +3.5 % (+70 followers) ✓ · Acme +3.3 % (+400 followers)" in out
    # 18–24 Nov: 3 posts in 7 days = 3.0 a week; Acme 5 in 7 days = 5.0 a week
    assert "Posting frequency · 18–24 Nov: you 3.0 posts a week · Acme 5.0 posts a week ✓" in out


def test_the_same_in_dutch_one_measure(svc: Services) -> None:
    out = ask(svc, "vergelijk mij acme engagement op linkedin", "nl")
    assert "Engagementratio · 18–24 nov.: jij 5,0 % ✓ · Acme 3,1 %" in out
    assert "Volgersgroei" not in out


def test_different_periods_and_missing_figures_say_why(svc: Services) -> None:
    # an observation after your data ends: not compared, both ranges named
    ask(svc, "competitor add Acme linkedin engagement=4% on 2026-11-28")
    out = ask(svc, "compare me Acme engagement")
    assert "Engagement rate · 22–28 Nov: you n/a (your LinkedIn figures cover" in out
    assert "17–24 Nov, not all of these dates) · Acme 4.0 %" in out
    # a platform you have no figures on
    ask(svc, "competitor add Acme tiktok posts=10 on 2026-11-24")
    tiktok = ask(svc, "compare me Acme posting on tiktok")
    assert "you n/a (you have no TikTok figures in kpibot) · Acme 10.0 posts a week" in tiktok
    assert "growth needs" not in tiktok
    none = ask(svc, "compare me Acme followers on x")
    assert "Acme has no observations on X; it has some on LinkedIn, TikTok." in none


def test_compare_between_campaigns_still_works(svc: Services) -> None:
    svc.repo.ensure_campaign(TEAM, "other")
    out = ask(svc, "compare brand other")
    assert "brand vs other" in out
    refused = ask(svc, "compare me Nobody")
    assert "No competitor named “Nobody”" in refused and "Try:" in refused
