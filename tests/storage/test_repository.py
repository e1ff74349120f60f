"""The repository on SQLite and PostgreSQL: sums against hand arithmetic, idempotent
upserts, costs, and workspaces that never see each other's data."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine

from storage.campaigns.records import MetricRow
from storage.models import Base
from storage.repository import Repository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))


def row(day: int, platform: str = "facebook", campaign: str = "campaign-x", **counters: float):
    return MetricRow(0, campaign, D(2026, 11, day), platform, counters)


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_totals_are_sums_and_null_means_not_reported(repo: Repository) -> None:
    repo.upsert_metrics("T1", [
        row(2, clicks=10, impressions=1000, spend=12.5),
        row(3, clicks=0, impressions=500, spend=7.25),
        row(3, "instagram", clicks=5, impressions=800),
    ])  # fmt: skip
    cid = repo.find_campaign("T1", "campaign-x").id  # type: ignore[union-attr]
    totals = repo.totals("T1", [cid], *NOV)
    assert totals.get("clicks") == 10 + 0 + 5
    assert totals.get("impressions") == 1000 + 500 + 800
    assert totals.get("spend") == pytest.approx(12.5 + 7.25)
    assert totals.get("reach") is None  # never reported
    assert totals.days == 30
    only_day_3 = repo.totals("T1", [cid], D(2026, 11, 3), D(2026, 11, 3), platform="facebook")
    assert only_day_3.get("clicks") == 0  # reported as zero, not missing


def test_importing_twice_doubles_nothing_and_restated_numbers_update(repo: Repository) -> None:
    rows = [row(d, clicks=d * 10, spend=d * 1.5) for d in range(1, 11)]
    first = repo.upsert_metrics("T1", rows)
    second = repo.upsert_metrics("T1", rows)
    assert (first.inserted, first.updated) == (10, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 10)  # as stored
    assert repo.totals("T1", None, *NOV).get("clicks") == sum(d * 10 for d in range(1, 11))

    restated = repo.upsert_metrics("T1", [row(5, clicks=999)])
    assert (restated.inserted, restated.updated, restated.unchanged) == (0, 1, 0)
    totals = repo.totals("T1", None, *NOV)
    assert totals.get("clicks") == sum(d * 10 for d in range(1, 11)) - 50 + 999
    assert totals.get("spend") == pytest.approx(sum(d * 1.5 for d in range(1, 11)))  # kept


def test_dry_run_reports_but_writes_nothing(repo: Repository) -> None:
    stats = repo.upsert_metrics("T1", [row(1, clicks=3), row(2, clicks=4)], dry_run=True)
    assert (stats.inserted, stats.updated) == (2, 0)
    assert repo.data_range("T1", None) is None


def test_costs_count_in_total_cost_with_staff_hours_times_rate(repo: Repository) -> None:
    repo.upsert_metrics("T1", [row(2, spend=100.0)])
    cid = repo.find_campaign("T1", "campaign-x").id  # type: ignore[union-attr]
    repo.add_cost("T1", cid, D(2026, 11, 4), "staff", 4 * 43.5, hours=4, hourly_rate=43.5)
    repo.add_cost("T1", cid, D(2026, 11, 5), "tools", 29.0, note="Canva")
    repo.add_cost("T1", cid, D(2026, 12, 1), "agency", 500.0)  # outside November
    totals = repo.totals("T1", [cid], *NOV)
    assert dict(totals.costs) == {"staff": pytest.approx(174.0), "tools": pytest.approx(29.0)}
    assert totals.staff_hours == 4
    assert totals.total_cost == pytest.approx(100.0 + 174.0 + 29.0)
    assert [c.note for c in repo.list_costs("T1", [cid], *NOV)] == [None, "Canva"]


def test_a_workspace_never_sees_another_workspaces_campaigns(repo: Repository) -> None:
    repo.upsert_metrics("T1", [row(2, clicks=10, spend=5.0)])
    theirs = repo.find_campaign("T1", "campaign-x")
    assert theirs is not None
    repo.ensure_workspace("T2")
    assert repo.find_campaign("T2", "campaign-x") is None
    assert repo.list_campaigns("T2") == []
    assert repo.data_range("T2", [theirs.id]) is None
    assert repo.totals("T2", [theirs.id], *NOV).get("clicks") is None
    assert repo.totals("T2", None, *NOV).get("clicks") is None
    assert repo.totals_by_platform("T2", [theirs.id], *NOV) == {}
    assert repo.daily_frame("T2", [theirs.id], *NOV).empty
    with pytest.raises(LookupError):
        repo.add_cost("T2", theirs.id, D(2026, 11, 2), "tools", 10.0)
    with pytest.raises(LookupError):
        repo.update_campaign("T2", "campaign-x", goal="conversion")
    # the same slug in T2 is a campaign of its own
    repo.upsert_metrics("T2", [row(2, clicks=1)])
    assert repo.totals("T1", None, *NOV).get("clicks") == 10


def test_campaigns_are_found_by_slug_or_name(repo: Repository) -> None:
    repo.upsert_metrics("T1", [MetricRow(2, "zomer-actie-2026", D(2026, 7, 1), "facebook",
                                         {"clicks": 1}, "Zomer Actie 2026")])  # fmt: skip
    assert repo.find_campaign("T1", "zomer-actie-2026").name == "Zomer Actie 2026"  # type: ignore[union-attr]
    assert repo.find_campaign("T1", "zomer actie 2026").slug == "zomer-actie-2026"  # type: ignore[union-attr]
    assert repo.find_campaign("T1", "winter") is None


def test_data_range_and_platform_split(repo: Repository) -> None:
    repo.upsert_metrics("T1", [row(3, clicks=1), row(9, "instagram", clicks=2), row(6, clicks=3)])
    assert repo.data_range("T1", None) == (D(2026, 11, 3), D(2026, 11, 9))
    split = repo.totals_by_platform("T1", None, *NOV)
    assert {p: t.get("clicks") for p, t in split.items()} == {"facebook": 4, "instagram": 2}


def test_period_total_rows_count_once_and_extend_the_range(repo: Repository) -> None:
    total = MetricRow(2, "campaign-x", D(2026, 11, 1), "facebook", {"reach": 5000},
                      day_end=D(2026, 11, 7))  # fmt: skip
    repo.upsert_metrics("T1", [total])
    assert repo.totals("T1", None, *NOV).get("reach") == 5000
    assert repo.data_range("T1", None) == (D(2026, 11, 1), D(2026, 11, 7))


def test_daily_frame_sums_per_day_and_campaign(repo: Repository) -> None:
    repo.upsert_metrics("T1", [
        row(2, clicks=1), row(2, "instagram", clicks=2), row(3, clicks=4),
        row(2, campaign="campaign-y", clicks=8),
    ])  # fmt: skip
    frame = repo.daily_frame("T1", None, *NOV, by="campaign")
    got = {(r.day, r.campaign): r.clicks for r in frame.itertuples()}
    assert got == {(D(2026, 11, 2), "campaign-x"): 3, (D(2026, 11, 3), "campaign-x"): 4,
                   (D(2026, 11, 2), "campaign-y"): 8}  # fmt: skip


def test_log_sets_only_the_given_counters(repo: Repository) -> None:
    repo.upsert_metrics("T1", [row(2, clicks=10, spend=5.0)])
    repo.log_metrics("T1", "campaign-x", D(2026, 11, 2), "facebook", {"clicks": 12})
    totals = repo.totals("T1", None, *NOV)
    assert (totals.get("clicks"), totals.get("spend")) == (12, 5.0)


def test_totals_query_uses_the_campaign_day_index(repo: Repository, engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    repo.upsert_metrics("T1", [row(d, clicks=d) for d in range(1, 29)])
    with engine.connect() as conn:
        plan = conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT SUM(clicks) FROM daily_metrics "
            "WHERE campaign_id = 1 AND day BETWEEN '2026-11-01' AND '2026-11-30'"
        )).all()  # fmt: skip
    # the unique (campaign_id, day, platform) index: a range search, not a table scan
    assert any("USING INDEX" in str(r) and "campaign_id=? AND day>?" in str(r) for r in plan), plan


def test_data_ranges_of_every_campaign_in_one_call(repo: Repository) -> None:
    repo.upsert_metrics(
        "T1", [row(3, clicks=1), row(9, clicks=2), row(5, campaign="campaign-y", clicks=1)]
    )
    repo.upsert_metrics("T2", [row(1, campaign="other", clicks=1)])
    ids = {c.slug: c.id for c in repo.list_campaigns("T1")}
    assert repo.data_ranges("T1") == {
        ids["campaign-x"]: (D(2026, 11, 3), D(2026, 11, 9)),
        ids["campaign-y"]: (D(2026, 11, 5), D(2026, 11, 5)),
    }


def test_a_reimport_reports_changed_and_unchanged_rows_apart(repo: Repository) -> None:
    rows = [row(d, clicks=d, spend=d * 2.5) for d in range(1, 6)]
    repo.upsert_metrics("T1", rows)
    again = [row(d, clicks=d, spend=d * 2.5) for d in range(1, 4)]
    again += [row(4, clicks=40, spend=10.0), row(5, clicks=5, spend=99.0), row(6, clicks=6)]
    stats = repo.upsert_metrics("T1", again)
    # days 1-3 as stored, day 4 clicks restated, day 5 spend restated, day 6 new
    assert (stats.inserted, stats.updated, stats.unchanged) == (1, 2, 3)
    partial = repo.upsert_metrics("T1", [row(1, clicks=1)])  # spend not reported: kept
    assert (partial.inserted, partial.updated, partial.unchanged) == (0, 0, 1)
