"""Every repository read, with data in TWO workspaces: each answers with its own workspace's
numbers only. Team B has more of everything (bigger numbers, a campaign with the same slug,
agency costs, an LTV) so a query that forgets the workspace filter shows up in the totals.
The expected numbers are added up by hand from the rows written below."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from storage.campaigns.records import MetricRow
from storage.digests.repo import DigestRepository
from storage.errors import UnknownCampaign
from storage.repository import Repository
from storage.rows import utcnow
from storage.targets.repo import TargetRepository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))
TA, TB = "TA", "TB"


class Ids:
    a_x: int  # team A's only campaign, LTV 120
    b_x: int  # team B's campaign with the same slug, LTV 900
    b_y: int  # team B's second campaign, no LTV
    a_imported: tuple[dt.datetime, dt.datetime]


@pytest.fixture
def ids(repo: Repository) -> Ids:
    out = Ids()
    before = utcnow()
    repo.upsert_metrics(TA, [
        MetricRow(2, "campaign-x", D(2026, 11, 2), "facebook",
                  {"clicks": 10, "spend": 5.0, "customers": 2}, "Campaign X"),
        MetricRow(3, "campaign-x", D(2026, 11, 3), "instagram", {"clicks": 4, "spend": 1.0}),
    ])  # fmt: skip
    out.a_imported = (before, utcnow())
    repo.upsert_metrics(TB, [
        MetricRow(2, "campaign-x", D(2026, 11, 2), "facebook",
                  {"clicks": 1000, "spend": 500.0, "customers": 7}, "Campaign X"),
        MetricRow(3, "campaign-y", D(2026, 11, 5), "linkedin", {"clicks": 70, "spend": 30.0},
                  "Campaign Y"),
    ])  # fmt: skip
    out.a_x = repo.find_campaign(TA, "campaign-x").id  # type: ignore[union-attr]
    out.b_x = repo.find_campaign(TB, "campaign-x").id  # type: ignore[union-attr]
    out.b_y = repo.find_campaign(TB, "campaign-y").id  # type: ignore[union-attr]
    repo.update_campaign(TA, "campaign-x", ltv_per_customer=120)
    repo.update_campaign(TB, "campaign-x", ltv_per_customer=900)
    repo.add_cost(TA, out.a_x, D(2026, 11, 2), "agency", 300.0)
    repo.add_cost(TA, out.a_x, D(2026, 11, 3), "staff", None, hours=2, hourly_rate=50)
    repo.add_cost(TB, out.b_x, D(2026, 11, 2), "agency", 7000.0)
    repo.add_cost(TB, out.b_y, D(2026, 11, 3), "staff", None, hours=10, hourly_rate=80)
    return out


def test_campaign_lists_and_lookups_stay_in_their_workspace(repo: Repository, ids: Ids) -> None:
    assert [c.id for c in repo.list_campaigns(TA)] == [ids.a_x]
    assert [c.id for c in repo.list_campaigns(TB)] == [ids.b_x, ids.b_y]
    assert repo.find_campaign(TA, "campaign-x").id == ids.a_x  # type: ignore[union-attr]
    assert repo.find_campaign(TA, "Campaign Y") is None
    assert repo.find_campaign(TA, "campaign-y") is None


def test_totals_of_all_campaigns_count_only_the_workspaces_rows_and_costs(
    repo: Repository, ids: Ids
) -> None:
    a = repo.totals(TA, None, *NOV)
    assert (a.get("clicks"), a.get("spend"), a.get("customers")) == (14, 6.0, 2)
    assert dict(a.costs) == {"agency": 300.0, "staff": 100.0} and a.staff_hours == 2
    # team A has one campaign: its LTV is the scope's (team B's two must not be looked at)
    assert a.ltv_per_customer == 120
    b = repo.totals(TB, None, *NOV)
    assert (b.get("clicks"), b.get("spend"), b.get("customers")) == (1070, 530.0, 7)
    assert dict(b.costs) == {"agency": 7000.0, "staff": 800.0} and b.staff_hours == 10
    assert b.ltv_per_customer is None  # two campaigns: no one LTV


def test_totals_through_another_workspaces_campaign_id_show_nothing_of_it(
    repo: Repository, ids: Ids
) -> None:
    for campaign_ids in ([ids.b_x], [ids.b_x, ids.b_y]):
        a = repo.totals(TA, campaign_ids, *NOV)
        assert a.get("clicks") is None and dict(a.costs) == {}
        assert a.ltv_per_customer is None  # team B's 900 must not leak in
    mixed = repo.totals(TA, [ids.a_x, ids.b_x], *NOV)
    assert mixed.get("clicks") == 14 and mixed.ltv_per_customer == 120
    assert repo.totals(TA, None, *NOV, platform="facebook").get("clicks") == 10


def test_totals_by_platform_and_data_ranges_are_the_workspaces(repo: Repository, ids: Ids) -> None:
    split = repo.totals_by_platform(TA, None, *NOV)
    assert {p: t.get("clicks") for p, t in split.items()} == {"facebook": 10, "instagram": 4}
    assert repo.totals_by_platform(TA, [ids.b_y], *NOV) == {}
    assert repo.data_range(TA, None) == (D(2026, 11, 2), D(2026, 11, 3))
    assert repo.data_range(TB, None) == (D(2026, 11, 2), D(2026, 11, 5))
    assert repo.data_range(TA, [ids.b_y]) is None
    assert repo.data_ranges(TA) == {ids.a_x: (D(2026, 11, 2), D(2026, 11, 3))}
    assert set(repo.data_ranges(TB)) == {ids.b_x, ids.b_y}


def test_last_import_is_the_workspaces_own(repo: Repository, ids: Ids) -> None:
    first, last = ids.a_imported
    seen = repo.last_import_at(TA, None)
    assert seen is not None and first <= seen <= last  # not team B's later import
    assert repo.last_import_at(TA, [ids.b_x]) is None


def test_list_costs_lists_the_workspaces_costs(repo: Repository, ids: Ids) -> None:
    assert [(c.category, c.amount) for c in repo.list_costs(TA, None, *NOV)] == [
        ("agency", 300.0),
        ("staff", 100.0),
    ]
    assert repo.list_costs(TA, [ids.b_x, ids.b_y], *NOV) == []


def _rows(frame, *columns: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize("by", [None, "campaign"])
def test_daily_frame_with_costs_has_only_the_workspaces_costs(
    repo: Repository, ids: Ids, by: str | None
) -> None:
    frame = repo.daily_frame(TA, None, *NOV, by=by, with_costs=True)  # type: ignore[arg-type]
    columns = ["day", "clicks", "cost_agency", "cost_staff", "staff_hours"]
    assert _rows(frame, *columns) == [
        (D(2026, 11, 2), 10.0, 300.0, 0.0, 0.0),
        (D(2026, 11, 3), 4.0, 0.0, 100.0, 2.0),
    ]
    if by == "campaign":
        assert set(frame["campaign"]) == {"campaign-x"}
    # another workspace's campaign ids bring in neither its numbers nor its costs
    other = repo.daily_frame(TA, [ids.b_x, ids.b_y], *NOV, by=by, with_costs=True)  # type: ignore[arg-type]
    assert other.empty or float(other[["cost_agency", "cost_staff"]].to_numpy().sum()) == 0


def test_daily_frame_by_platform_is_the_workspaces(repo: Repository, ids: Ids) -> None:
    frame = repo.daily_frame(TA, None, *NOV, by="platform")
    assert _rows(frame, "day", "platform", "clicks") == [
        (D(2026, 11, 2), "facebook", 10.0),
        (D(2026, 11, 3), "instagram", 4.0),
    ]
    b = repo.daily_frame(TB, None, *NOV, with_costs=True)
    assert float(b["cost_agency"].sum()) == 7000.0 and float(b["staff_hours"].sum()) == 10.0


def test_target_and_digest_reads_with_both_workspaces_full(
    engine: Engine, repo: Repository, ids: Ids
) -> None:
    targets, digests = TargetRepository(engine), DigestRepository(engine)
    kw = {"kpi": "ctr", "op": ">=", "value": 1.0, "deadline": D(2026, 12, 31), "channel_id": "C1"}
    ta = targets.add_target(TA, campaign_id=ids.a_x, **kw)  # type: ignore[arg-type]
    tb = targets.add_target(TB, campaign_id=ids.b_x, **kw)  # type: ignore[arg-type]
    ea = targets.claim_transition(TA, ta.id, "new", "below", 0.5, None)
    eb = targets.claim_transition(TB, tb.id, "new", "below", 0.7, None)
    assert ea is not None and eb is not None
    assert [t.id for t in targets.list_targets(TA)] == [ta.id]
    assert [e.id for e in targets.list_events(TA)] == [ea.id]
    assert targets.list_targets(TA, ids.b_x) == [] and targets.list_events(TA, ids.b_x) == []
    sa = digests.subscribe(TA, "C1", 0, "09:00", "UTC")
    sb = digests.subscribe(TB, "C1", 0, "09:00", "UTC")
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    da = digests.claim_delivery(TA, sa.id, D(2026, 11, 23), now=now)
    db = digests.claim_delivery(TB, sb.id, D(2026, 11, 23), now=now)
    assert da is not None and db is not None
    assert [s.id for s in digests.list_subscriptions(TA)] == [sa.id]
    assert digests.get_subscription(TA, "C1").id == sa.id  # type: ignore[union-attr]
    assert [d.id for d in digests.list_deliveries(TA, sa.id)] == [da]
    assert digests.list_deliveries(TA, sb.id) == [] and digests.get_delivery(TA, db) is None
    assert digests.pause(TA, "C1", "x") and not digests.get_subscription(TB, "C1").paused  # type: ignore[union-attr]


def test_campaign_reads_by_id_stay_in_their_workspace(repo: Repository, ids: Ids) -> None:
    assert repo.get_campaign(TA, ids.a_x).slug == "campaign-x"  # type: ignore[union-attr]
    assert repo.get_campaign(TA, ids.b_x) is None
    stored = repo.metric_values(TA, ids.a_x, D(2026, 11, 2), "facebook")
    assert stored == {"clicks": 10, "spend": 5.0, "customers": 2}
    assert repo.metric_values(TA, ids.b_x, D(2026, 11, 2), "facebook") is None
    footprint = repo.footprint(TA, ids.a_x)
    assert (footprint.rows, footprint.costs, footprint.first_day, footprint.last_day) == (
        2, 2, D(2026, 11, 2), D(2026, 11, 3),
    )  # fmt: skip
    with pytest.raises(UnknownCampaign):
        repo.footprint(TA, ids.b_x)
    with pytest.raises(UnknownCampaign):
        repo.footprint(TA, ids.a_x, into_id=ids.b_x)
    assert repo.currency_groups(TA, None) == {"EUR": [ids.a_x]}
    assert repo.currency_groups(TA, [ids.b_x, ids.b_y]) == {}
