"""Managing campaigns on SQLite and PostgreSQL: what a campaign holds is counted in the
database, rename/merge/delete carry rows, costs, targets and digest subscriptions along,
archive hides a campaign from "all" but keeps its data, and nothing reaches another
workspace."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.campaigns.records import MetricRow
from storage.digests.repo import DigestRepository
from storage.errors import CampaignExists, UnknownCampaign
from storage.repository import Repository
from storage.targets.repo import TargetRepository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))


def row(day: int, campaign: str, platform: str = "facebook", **counters: float) -> MetricRow:
    return MetricRow(0, campaign, D(2026, 11, day), platform, counters)


@pytest.fixture
def setup(repo: Repository):  # type: ignore[no-untyped-def]
    """Team T1: summer-sale (3 rows, 2 costs, 1 target, 2 subscriptions naming it) and
    summer-sael (a typo: 2 rows, one on the same day and platform as summer-sale's).
    Team T2: a campaign of the same slug that must never be touched."""
    repo.upsert_metrics("T1", [
        row(2, "summer-sale", clicks=10, impressions=1000, spend=5.5),
        row(3, "summer-sale", clicks=20, impressions=2000),
        row(3, "summer-sale", "instagram", clicks=7),
        row(3, "summer-sael", clicks=30, reach=300, spend=2.25),
        row(4, "summer-sael", clicks=1),
    ])  # fmt: skip
    repo.upsert_metrics("T2", [row(2, "summer-sale", clicks=999)])
    sale = repo.find_campaign("T1", "summer-sale")
    typo = repo.find_campaign("T1", "summer-sael")
    other = repo.find_campaign("T2", "summer-sale")
    assert sale and typo and other
    repo.add_cost("T1", sale.id, D(2026, 11, 2), "tools", 40.0)
    repo.add_cost("T1", sale.id, D(2026, 11, 3), "staff", None, hours=2, hourly_rate=50)
    repo.add_cost("T1", typo.id, D(2026, 11, 4), "agency", 100.0)
    targets = TargetRepository(repo.engine)
    targets.add_target("T1", campaign_id=sale.id, kpi="ctr", op=">=", value=1.0,
                       deadline=D(2026, 12, 31), channel_id="C1")  # fmt: skip
    targets.add_target("T1", campaign_id=typo.id, kpi="cpc", op="<=", value=2.0,
                       deadline=D(2026, 12, 31), channel_id="C1")  # fmt: skip
    targets.add_target("T2", campaign_id=other.id, kpi="ctr", op=">=", value=1.0,
                       deadline=D(2026, 12, 31), channel_id="C9")  # fmt: skip
    digests = DigestRepository(repo.engine)
    digests.subscribe("T1", "C1", 0, "09:00", "Europe/Amsterdam", ["summer-sale"])
    digests.subscribe("T1", "C2", 0, "09:00", "Europe/Amsterdam", ["summer-sale", "summer-sael"])
    digests.subscribe("T1", "C3", 0, "09:00", "Europe/Amsterdam", None)
    digests.subscribe("T2", "C9", 0, "09:00", "Europe/Amsterdam", ["summer-sale"])
    return repo, sale, typo, other


def campaigns_of(repo: Repository, channel: str, team: str = "T1") -> tuple[str, ...] | None:
    sub = DigestRepository(repo.engine).get_subscription(team, channel)
    return None if sub is None else sub.campaigns


def test_footprint_counts_what_a_campaign_holds(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, typo, other = setup
    got = repo.footprint("T1", sale.id)
    assert (got.rows, got.costs, got.targets, got.subscriptions) == (3, 2, 1, 2)
    assert (got.first_day, got.last_day) == (D(2026, 11, 2), D(2026, 11, 3))
    merge = repo.footprint("T1", typo.id, into_id=sale.id)
    assert (merge.rows, merge.costs, merge.targets, merge.subscriptions) == (2, 1, 1, 1)
    assert merge.overlap == 1  # 3 Nov on facebook is in both
    with pytest.raises(UnknownCampaign):
        repo.footprint("T1", other.id)  # another workspace's id is no campaign of T1
    with pytest.raises(UnknownCampaign):
        repo.footprint("T2", other.id, into_id=sale.id)


def test_merge_moves_everything_and_adds_clashing_days(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, typo, other = setup
    before = repo.totals("T1", [sale.id, typo.id], *NOV)
    moved = repo.merge_campaigns("T1", typo.id, sale.id)
    assert (moved.rows, moved.costs, moved.targets, moved.overlap) == (2, 1, 1, 1)
    assert repo.find_campaign("T1", "summer-sael") is None
    after = repo.totals("T1", [sale.id], *NOV)
    assert after.get("clicks") == 10 + 20 + 7 + 30 + 1 == before.get("clicks")
    assert after.get("spend") == pytest.approx(5.5 + 2.25)
    assert after.total_cost == before.total_cost
    # the clashing day holds both campaigns' numbers; a counter only one reported is kept
    assert repo.metric_values("T1", sale.id, D(2026, 11, 3), "facebook") == {
        "clicks": 20 + 30,
        "impressions": 2000,
        "reach": 300,
        "spend": 2.25,
    }
    assert repo.footprint("T1", sale.id).rows == 4  # 3 own + 2 moved - 1 added together
    kpis = sorted(t.kpi for t in TargetRepository(repo.engine).list_targets("T1"))
    assert kpis == ["cpc", "ctr"]
    assert all(t.campaign_id == sale.id for t in TargetRepository(repo.engine).list_targets("T1"))
    assert campaigns_of(repo, "C2") == ("summer-sale",)  # no duplicate after the merge
    # the other workspace is untouched
    assert repo.totals("T2", [other.id], *NOV).get("clicks") == 999
    with pytest.raises(UnknownCampaign):
        repo.merge_campaigns("T2", sale.id, other.id)


def test_delete_removes_rows_costs_targets_and_lone_subscriptions(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, typo, other = setup
    gone = repo.delete_campaign("T1", sale.id)
    assert (gone.rows, gone.costs, gone.targets, gone.subscriptions) == (3, 2, 1, 2)
    assert repo.find_campaign("T1", "summer-sale") is None
    assert repo.totals("T1", None, *NOV).get("clicks") == 30 + 1  # only the typo's rows
    assert repo.list_costs("T1", None, *NOV)[0].amount == 100.0
    assert [t.kpi for t in TargetRepository(repo.engine).list_targets("T1")] == ["cpc"]
    assert campaigns_of(repo, "C1") is None  # named only summer-sale: gone with it
    assert campaigns_of(repo, "C2") == ("summer-sael",)
    all_campaigns = DigestRepository(repo.engine).get_subscription("T1", "C3")
    assert all_campaigns is not None and all_campaigns.campaigns is None  # "all" stays
    # T2's campaign of the same slug, its target and subscription are all still there
    assert repo.totals("T2", [other.id], *NOV).get("clicks") == 999
    assert len(TargetRepository(repo.engine).list_targets("T2")) == 1
    assert campaigns_of(repo, "C9", "T2") == ("summer-sale",)
    with pytest.raises(UnknownCampaign):
        repo.delete_campaign("T1", other.id)


def test_rename_follows_into_subscriptions_and_refuses_a_taken_slug(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, typo, _ = setup
    assert repo.rename_campaign("T1", sale.id, "summer-2026") == ("summer-sale", "summer-2026")
    renamed = repo.find_campaign("T1", "summer-2026")
    assert renamed is not None and renamed.id == sale.id and renamed.name == "summer-2026"
    assert campaigns_of(repo, "C1") == ("summer-2026",)
    assert campaigns_of(repo, "C9", "T2") == ("summer-sale",)
    with pytest.raises(CampaignExists):
        repo.rename_campaign("T1", sale.id, "summer-sael")
    repo.rename_campaign("T1", typo.id, "winter", name="Winter Sale")
    assert repo.find_campaign("T1", "Winter Sale").slug == "winter"  # type: ignore[union-attr]


def test_archive_hides_from_all_but_keeps_the_data(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, typo, _ = setup
    assert repo.archive_campaign("T1", typo.id) is True
    assert repo.archive_campaign("T1", typo.id) is False  # already archived
    assert [c.slug for c in repo.list_campaigns("T1")] == ["summer-sale"]
    assert [c.slug for c in repo.list_campaigns("T1", archived=True)] == [
        "summer-sael",
        "summer-sale",
    ]
    everything = repo.totals("T1", None, *NOV)
    assert everything.get("clicks") == 10 + 20 + 7  # "all" leaves the archived one out
    assert everything.total_cost == pytest.approx(5.5 + 40 + 2 * 50)  # ad spend + costs
    assert repo.data_range("T1", None) == (D(2026, 11, 2), D(2026, 11, 3))
    frame = repo.daily_frame("T1", None, *NOV, by="campaign", with_costs=True)
    assert set(frame["campaign"]) == {"summer-sale"}
    kept = repo.totals("T1", [typo.id], *NOV)  # asked for by name: still all there
    assert kept.get("clicks") == 31 and kept.total_cost == pytest.approx(2.25 + 100)
    found = repo.find_campaign("T1", "summer-sael")
    assert found is not None and found.archived_at is not None
    assert repo.archive_campaign("T1", typo.id, archived=False) is True
    assert repo.totals("T1", None, *NOV).get("clicks") == 10 + 20 + 7 + 31


def test_metric_values_are_scoped_to_the_workspace(setup) -> None:  # type: ignore[no-untyped-def]
    repo, sale, _, other = setup
    assert repo.metric_values("T1", sale.id, D(2026, 11, 2), "facebook") == {
        "clicks": 10,
        "impressions": 1000,
        "spend": 5.5,
    }
    assert repo.metric_values("T1", sale.id, D(2026, 11, 9), "facebook") is None
    assert repo.metric_values("T1", other.id, D(2026, 11, 2), "facebook") is None
