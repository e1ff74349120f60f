"""One person's Home tab against a real database, numbers by hand: this week's KPIs like for
like with their change in words, a target's pace, Block Kit's Home limits for 0, 1 and 200
campaigns with paging, following, sparklines uploaded once per change, the debounce."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.home.blocks import home_view
from bot.home.data import load_home
from bot.home.publish import mark_changed, publish, refresh_due, sparkline_files
from bot.services import Services
from kpi.benchmarks import Benchmark
from storage.home import HomeRepository
from storage.targets.repo import TargetRepository
from tests.bot.both_dbs import DATABASES, open_services
from tests.slack_limits import problems

TEAM, USER = "T1", "U1"
TODAY = dt.date(2026, 12, 3)  # a Thursday: this week has metrics through Wed 2 Dec


@pytest.fixture(params=DATABASES)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    with open_services(request.param, tmp_path, today=TODAY) as svc:
        svc.repo.ensure_workspace(TEAM)
        yield svc


class FakeClient:
    """Records what kpibot asks of Slack's Web API (nothing leaves the machine)."""

    def __init__(self, locale: str = "en-US") -> None:
        self.published: list[dict[str, Any]] = []
        self.uploads: list[dict[str, Any]] = []
        self.locale = locale

    def users_info(self, **kw: Any) -> dict[str, Any]:
        return {"ok": True, "user": {"id": kw["user"], "locale": self.locale}}

    def files_upload_v2(self, **kw: Any) -> dict[str, Any]:
        self.uploads.append(kw)
        return {"ok": True, "files": [{"id": f"F{len(self.uploads)}"}]}

    def views_publish(self, **kw: Any) -> dict[str, Any]:
        self.published.append(kw)
        return {"ok": True}


def log_two_weeks(services: Services, slug: str = "campaign-x", spend_now: float = 12.0) -> None:
    # Mon-Wed of the weeks of 16 and 23 Nov: spend 10, revenue 30, 1 conversion a day;
    # Mon 30 Nov - Wed 2 Dec the same with spend `spend_now`.
    weeks = ((dt.date(2026, 11, 16), 10.0), (dt.date(2026, 11, 23), 10.0),
             (dt.date(2026, 11, 30), spend_now))  # fmt: skip
    for start, spend in weeks:
        for i in range(3):
            day = start + dt.timedelta(days=i)
            counters = {"spend": spend, "revenue": 30.0, "conversions": 1.0, "clicks": 50.0,
                        "impressions": 2000.0, "reach": 1500.0, "likes": 40.0}  # fmt: skip
            services.repo.log_metrics(TEAM, slug, day, "facebook", counters)


def texts(view: dict[str, Any]) -> str:
    out = []
    for block in view["blocks"]:
        if isinstance(block.get("text"), dict):
            out.append(block["text"]["text"])
        out += [e.get("text", "") for e in block.get("elements", []) if isinstance(e, dict)]
    return "\n".join(str(x) for x in out)


def test_one_campaign_shows_this_weeks_kpis_like_for_like_and_a_targets_pace(
    services: Services,
) -> None:
    log_two_weeks(services)
    rec = services.repo.find_campaign(TEAM, "campaign-x")
    assert rec is not None
    targets = TargetRepository(services.engine)
    target = targets.add_target(
        TEAM, campaign_id=rec.id, kpi="revenue", op=">=", value=500.0,
        deadline=dt.date(2026, 12, 31), channel_id="C1",
    )  # fmt: skip
    targets.record_check(TEAM, target.id, 200.0)
    data = load_home(services, TEAM, USER, "en")
    view = home_view(data)
    assert problems(view["blocks"], "home") == []
    shown = texts(view)
    # 30 Nov - 2 Dec (spend 36, revenue 90, 3 conversions) against 23-25 Nov (30, 90, 3)
    assert "This week: 30 Nov – 6 Dec" in shown
    assert (
        "changes compare 30 Nov – 2 Dec with the same days of the week before, 23–25 Nov" in shown
    )
    assert "Ad spend: *€36.00*  ▲ 20.0 % — worse" in shown  # (36 - 30) / 30
    assert "CPA: *€12.00*  ▲ 20.0 % — worse" in shown  # 36 / 3 against 30 / 3
    assert "ROI: *150.0 %*  ▼ 50.0 pts — worse" in shown  # (90-36)/36 against (90-30)/30
    # 500 - 200 = 300 to go over 3 Dec..31 Dec (29 days): 10.34 a day
    assert (
        "Revenue &gt;= €500.00 by 31 Dec 2026: *not checked yet* (€200.00) · needs €10.34 a day "
        "for 29 more day(s)"
    ) in shown
    assert "Facebook: metrics through 2 Dec 2026" in shown
    buttons = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [
        "home_subscribe", "home_report", "home_share", "home_target", "home_unfollow",
    ]  # fmt: skip


def test_a_cards_values_say_where_they_sit_in_their_benchmarks(services: Services) -> None:
    log_two_weeks(services)
    # Mon 30 Nov - Wed 2 Dec: engagements (40 likes + 50 clicks) x 3 = 270 over reach 4,500
    # = 6.0 % (above 1-5 %); CTR 150 / 6,000 = 2.5 % with spend (paid 2-5 %: within);
    # CPA €36 / 3 = €12.00 against the workspace's at most €10: short of it
    services.repo.set_benchmark(
        TEAM, Benchmark("cpa", high=10.0, currency="EUR", source="own", own=True), "U1"
    )
    view = home_view(load_home(services, TEAM, USER, "en"))
    assert problems(view["blocks"], "home") == []
    shown = texts(view)
    assert (
        "Engagement rate: *6.0 %*  = 0.0 pts — unchanged  · above the typical 1–5 % (better)"
        in shown
    )
    assert "CTR: *2.5 %*  = 0.0 pts — unchanged  · within the typical paid 2–5 %" in shown
    assert "CPA: *€12.00*  ▲ 20.0 % — worse  · short of your benchmark ≤ €10 (worse)" in shown
    assert (
        "Benchmarks: industry rule of thumb (kpibot 2026) · your own (`/kpi benchmark`)"
        " — all of them: `/kpi benchmarks`"
    ) in shown
    nl = texts(home_view(load_home(services, TEAM, USER, "nl")))
    assert "· boven de gangbare 1–5 % (beter)" in nl
    assert "· haalt jullie benchmark ≤ € 10 niet (slechter)" in nl


def test_no_campaigns_and_two_hundred_stay_within_homes_limits(services: Services) -> None:
    empty = home_view(load_home(services, TEAM, USER, "en"))
    assert problems(empty["blocks"], "home") == []
    assert "No campaigns yet." in texts(empty)
    for n in range(200):
        services.repo.log_metrics(
            TEAM, f"campaign-{n:03d}", dt.date(2026, 12, 1), "facebook", {"spend": 1.0 + n}
        )
    first = home_view(load_home(services, TEAM, USER, "en"))
    assert problems(first["blocks"], "home") == [], problems(first["blocks"], "home")
    assert "Campaigns 1–10 of 200" in texts(first)
    # the biggest spenders first: campaign-199 spent 200.00
    assert texts(first).index("campaign-199") < texts(first).index("campaign-198")
    paging = [b for b in first["blocks"] if b["type"] == "actions"][-1]
    assert [e["value"] for e in paging["elements"]] == ['{"p":1}']
    last = home_view(load_home(services, TEAM, USER, "en", page=19))
    assert "Campaigns 191–200 of 200" in texts(last)
    assert problems(last["blocks"], "home") == []
    paging = [b for b in last["blocks"] if b["type"] == "actions"][-1]
    assert [e["value"] for e in paging["elements"]] == ['{"p":18}']
    # unfollow 150: the rest fits on 5 pages, the 150 in one "Follow again" menu of 100
    home = HomeRepository(services.engine)
    for rec in services.repo.list_campaigns(TEAM)[:150]:
        assert home.unfollow(TEAM, USER, rec.id)
    less = home_view(load_home(services, TEAM, USER, "en"))
    assert "Campaigns 1–10 of 50" in texts(less) and "Not followed: 150" in texts(less)
    assert problems(less["blocks"], "home") == []


def test_sparklines_are_uploaded_once_per_change(services: Services) -> None:
    log_two_weeks(services)
    client = FakeClient()
    data = load_home(services, TEAM, USER, "en")
    assert sparkline_files(services, client, data) == {data.cards[0].campaign.id: "F1"}
    again = load_home(services, TEAM, USER, "en")
    assert sparkline_files(services, client, again) == {data.cards[0].campaign.id: "F1"}
    assert len(client.uploads) == 1 and client.uploads[0]["content"].startswith(b"\x89PNG")
    # ROI (no target, no goal) over the 7 complete weeks through 23 Nov: 200 % in the last two
    assert data.cards[0].spark is not None
    assert data.cards[0].spark.values[-2:] == (200.0, 200.0)
    # this week is still going: the sparkline ends with the week of 23 Nov, so a change
    # this week draws nothing new; a change in a complete week does
    services.repo.log_metrics(
        TEAM, "campaign-x", dt.date(2026, 12, 2), "facebook", {"revenue": 1.0}
    )
    assert sparkline_files(services, client, load_home(services, TEAM, USER, "en")) == {
        data.cards[0].campaign.id: "F1"
    }
    services.repo.log_metrics(
        TEAM, "campaign-x", dt.date(2026, 11, 24), "facebook", {"revenue": 99.0}
    )
    changed = load_home(services, TEAM, USER, "en")
    assert sparkline_files(services, client, changed) == {data.cards[0].campaign.id: "F2"}
    assert len(client.uploads) == 2


def test_rebuilds_are_debounced_and_only_for_people_who_opened_home(services: Services) -> None:
    log_two_weeks(services)
    client = FakeClient()
    now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    assert refresh_due(services, client, now) == 0  # nobody opened Home
    publish(services, client, TEAM, USER, "nl")
    assert len(client.published) == 1
    assert refresh_due(services, client, now) == 0  # nothing changed
    mark_changed(services, TEAM)  # an import
    published = HomeRepository(services.engine).get_user(TEAM, USER)
    assert published is not None and published.published_at is not None
    soon = published.published_at + dt.timedelta(seconds=30)
    assert refresh_due(services, client, soon) == 0  # within 60 s of the last publish
    later = published.published_at + dt.timedelta(seconds=61)
    assert refresh_due(services, client, later) == 1
    assert refresh_due(services, client, later + dt.timedelta(seconds=120)) == 0  # done
    assert len(client.published) == 2
    assert "Jouw campagnes" in texts(client.published[-1]["view"])  # the language it opened in


def test_a_campaign_without_revenue_gets_a_sparkline_of_what_it_has(services: Services) -> None:
    # no revenue: ROI is n/a every week, so the line shows the engagement rate:
    # (likes 30 + clicks 20) / reach 1000 x 100 = 5.0 % each complete week
    for i in range(24):  # 9 Nov - 2 Dec: the complete weeks of 9, 16 and 23 Nov
        day = dt.date(2026, 11, 9) + dt.timedelta(days=i)
        counters = {"reach": 1000.0, "likes": 30.0, "clicks": 20.0, "impressions": 1500.0}
        services.repo.log_metrics(TEAM, "brand", day, "instagram", counters)
    [card] = load_home(services, TEAM, USER, "en").cards
    assert card.spark is not None and card.spark.kpi == "engagement_rate"
    assert card.spark.values[-3:] == (5.0, 5.0, 5.0)


def test_a_day_far_outside_its_history_is_flagged_unusual_with_its_direction(
    services: Services,
) -> None:
    from bot.home.blocks import home_view as view_of
    from bot.home.unusual import unusual_flags

    # 8 Oct - 1 Dec: every day spend 40, revenue 160 (ROAS 4.00), 400 clicks of 12000
    # impressions; Wed 2 Dec revenue halves: ROAS 2.00, far below a flat history
    for i in range(56):
        day = dt.date(2026, 10, 7) + dt.timedelta(days=i)
        counters = {"spend": 40.0, "revenue": 160.0, "conversions": 4.0, "clicks": 400.0,
                    "impressions": 12000.0, "reach": 8000.0, "likes": 250.0}  # fmt: skip
        services.repo.log_metrics(TEAM, "sale", day, "facebook", counters)
    last = {**counters, "revenue": 80.0}
    services.repo.log_metrics(TEAM, "sale", dt.date(2026, 12, 2), "facebook", last)
    data = load_home(services, TEAM, USER, "en")
    flags = unusual_flags(services, data)
    [(campaign_id, lines)] = flags.items()
    # (80 - 40) / 40 = 100 % against 300 % every day before
    [roi] = [x for x in lines if x.startswith("Unusual: ROI 100.0 % on 2 Dec 2026 — expected ")]
    assert roi.endswith("(worse than usual)")  # the week's change is worse too: no note
    assert not any(x.startswith(("Unusual: CTR", "Unusual: CPA")) for x in lines)
    assert f":mag: {roi}" in str(view_of(data, {}, flags))
