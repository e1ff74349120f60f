"""Inside a digest tick (storage.campaigns.memo) the workspace's frames are read once and
each campaign's unusual-day fits made once; a digest built there is the digest built on
its own. Real SQLite; the unusual line worked out in tests/bot/unusual/test_reply."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bot.digests.data import prepare, scope_campaigns
from bot.digests.frames import campaign_frames
from bot.render_text import render
from bot.services import Services
from kpi.periods import Period
from kpi.registry import lookup
from kpi.unusual import judge_last, judge_last_many
from storage.campaigns.memo import one_reply
from tests.bot.unusual.test_reply import FIRST, LAST, TEAM, load_weeks, services  # noqa: F401

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
SPIKE = "summer-sale: Unusual: CPA €30.00 on 29 Nov 2026 — expected €14.25–€15.75"


def with_two_more(services: Services) -> None:  # noqa: F811
    load_weeks(services.repo, last_spend=300.0)  # summer-sale: CPA €30 on the 29th
    day = FIRST
    while day <= LAST:  # two steady campaigns; "winter" stops on Wednesday 25 Nov
        services.repo.log_metrics(TEAM, "autumn", day, "google",
                                  {"spend": 50.0, "clicks": 40, "impressions": 4000})  # fmt: skip
        if day <= dt.date(2026, 11, 25):
            services.repo.log_metrics(TEAM, "winter", day, "facebook",
                                      {"spend": 70.0, "conversions": 5})  # fmt: skip
        day += dt.timedelta(days=1)
    services.repo.update_workspace(TEAM, locale="en", currency="EUR")


def test_a_digest_in_a_tick_is_the_digest_built_alone(services: Services) -> None:  # noqa: F811
    with_two_more(services)
    scopes = [("summer-sale", "winter"), ("summer-sale",), ("autumn", "winter"), None]
    alone = [prepare(services, TEAM, s, WEEK) for s in scopes]
    with one_reply():
        shared = [prepare(services, TEAM, s, WEEK) for s in scopes]
    for a, b in zip(alone, shared, strict=True):
        assert a.built.blocks == b.built.blocks
        assert a.built.headline == b.built.headline
        assert a.specs == b.specs  # the same charts, numbers and all
    texts = [render(p.built.blocks) for p in shared]
    assert [SPIKE in text for text in texts] == [True, True, False, True]


def test_a_campaigns_frames_are_the_workspaces_rows_of_it(services: Services) -> None:  # noqa: F811
    with_two_more(services)
    recs = scope_campaigns(services, TEAM, ["winter", "summer-sale"])
    ids = [c.id for c in recs]
    start = WEEK.start - dt.timedelta(weeks=7)
    alone = campaign_frames(services, TEAM, recs, ids, start, WEEK)
    with one_reply():
        campaign_frames(services, TEAM, recs[:1], ids[:1], start, WEEK)  # reads them all
        shared = campaign_frames(services, TEAM, recs, ids, start, WEEK)
    pd.testing.assert_frame_equal(alone.daily, shared.daily)
    pd.testing.assert_frame_equal(alone.weekly, shared.weekly)
    pd.testing.assert_frame_equal(alone.same_days, shared.same_days)
    # winter's numbers stop on Wednesday: compared with Mon-Wed of the week before
    assert alone.lagging == shared.lagging and list(shared.lagging or {}) == ["winter"]
    assert set(shared.daily["campaign"]) == {"winter", "summer-sale"}


def test_many_kpis_judged_at_once_are_each_judged_alone(services: Services) -> None:  # noqa: F811
    load_weeks(services.repo, last_spend=300.0)
    rec = services.repo.find_campaign(TEAM, "summer-sale")
    assert rec is not None
    daily = services.repo.daily_frame(TEAM, [rec.id], FIRST, LAST, with_costs=True)
    kpis = [lookup(n) for n in ("spend", "cpa", "ctr", "roas")]
    many = judge_last_many(kpis, daily, LAST)
    assert many == {k.name: judge_last(k, daily, LAST) for k in kpis}
    assert many["cpa"].status == "high" and many["ctr"].status == "quiet"


def test_in_a_tick_each_digest_names_only_its_own_late_campaigns(
    services: Services,  # noqa: F811
) -> None:
    # "winter" has no data after Wednesday 25 Nov: by TODAY (30 Nov) it is late; the gaps are
    # found once for the workspace in a tick and each digest keeps its campaigns' ones
    with_two_more(services)
    scopes = [("summer-sale", "winter"), ("summer-sale",), ("autumn", "winter"), None]
    alone = [prepare(services, TEAM, s, WEEK) for s in scopes]
    with one_reply():
        shared = [prepare(services, TEAM, s, WEEK) for s in scopes]
    late = [["winter" in str(p.built.headline)] for p in shared]
    assert late == [[True], [False], [True], [True]]
    assert [p.built.headline for p in alone] == [p.built.headline for p in shared]
    assert [p.built.blocks for p in alone] == [p.built.blocks for p in shared]
