"""Totals, splits and frames against sums worked out by hand (and, as a property, against
Python's own sums of random rows)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.campaigns.records import MetricRow
from storage.errors import UnknownCostCategory
from storage.repository import Repository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))


def m(day: int, platform: str = "facebook", campaign: str = "x", **counters: float) -> MetricRow:
    return MetricRow(0, campaign, D(2026, 11, day), platform, counters)


def test_null_is_not_reported_and_zero_is_zero(repo: Repository) -> None:
    repo.upsert_metrics("T1", [m(2, clicks=0), m(3, clicks=None), m(3, "instagram", reach=40)])  # type: ignore[arg-type]
    totals = repo.totals("T1", None, *NOV)
    assert totals.get("clicks") == 0  # one row said zero
    assert totals.get("reach") == 40
    assert totals.get("likes") is None  # nobody reported likes
    only_ig = repo.totals("T1", None, *NOV, platform="instagram")
    assert (only_ig.get("clicks"), only_ig.get("reach")) == (None, 40)


def test_the_date_range_is_inclusive_and_days_counts_both_ends(repo: Repository) -> None:
    repo.upsert_metrics("T1", [m(d, clicks=d) for d in range(1, 31)])
    week = repo.totals("T1", None, D(2026, 11, 9), D(2026, 11, 15))
    assert week.get("clicks") == 9 + 10 + 11 + 12 + 13 + 14 + 15
    assert week.days == 7
    assert repo.totals("T1", None, D(2026, 12, 1), D(2026, 12, 31)).get("clicks") is None


def test_costs_by_category_with_staff_hours_times_rate(repo: Repository) -> None:
    repo.upsert_metrics("T1", [m(2, spend=1402.80, revenue=12345.0)])
    x = repo.find_campaign("T1", "x")
    assert x is not None
    repo.add_cost("T1", x.id, D(2026, 11, 4), "staff", None, hours=4, hourly_rate=43.5)
    repo.add_cost("T1", x.id, D(2026, 11, 5), "staff", None, hours=1.5, hourly_rate=40)
    repo.add_cost("T1", x.id, D(2026, 11, 5), "tools", 29.0, note="Canva", created_by="U1")
    repo.add_cost("T1", x.id, D(2026, 10, 31), "agency", 500.0)  # October: not counted
    totals = repo.totals("T1", [x.id], *NOV)
    assert dict(totals.costs) == {
        "staff": pytest.approx(4 * 43.5 + 1.5 * 40),
        "tools": pytest.approx(29.0),
    }
    assert totals.staff_hours == pytest.approx(5.5)
    assert totals.total_cost == pytest.approx(1402.80 + 174.0 + 60.0 + 29.0)
    costs = repo.list_costs("T1", [x.id], *NOV)
    assert [(c.day.day, c.category, c.amount, c.hours) for c in costs] == [
        (4, "staff", 174.0, 4), (5, "staff", 60.0, 1.5), (5, "tools", 29.0, None),
    ]  # fmt: skip
    assert (costs[2].note, costs[2].created_by) == ("Canva", "U1")
    with pytest.raises(UnknownCostCategory):
        repo.add_cost("T1", x.id, D(2026, 11, 5), "coffee", 3.0)


def test_ltv_per_customer_comes_with_a_single_campaign(repo: Repository) -> None:
    repo.upsert_metrics("T1", [m(2, customers=3), m(2, campaign="y", customers=1)])
    x = repo.update_campaign("T1", "x", ltv_per_customer=250, goal="conversion")
    assert (x.ltv_per_customer, x.goal) == (250.0, "conversion")
    assert repo.totals("T1", [x.id], *NOV).ltv_per_customer == 250.0
    assert repo.totals("T1", None, *NOV).ltv_per_customer is None  # two campaigns
    with pytest.raises(TypeError):
        repo.update_campaign("T1", "x", team_id="T2")


def test_platform_split_and_daily_frames(repo: Repository) -> None:
    repo.upsert_metrics("T1", [
        m(2, clicks=1, spend=2.5), m(2, "instagram", clicks=2), m(3, clicks=4),
        m(2, campaign="y", clicks=8),
    ])  # fmt: skip
    split = repo.totals_by_platform("T1", None, *NOV)
    assert {p: t.get("clicks") for p, t in split.items()} == {"facebook": 13, "instagram": 2}
    assert split["facebook"].days == 30 and dict(split["facebook"].costs) == {}
    per_day = repo.daily_frame("T1", None, *NOV)
    assert list(per_day.columns[:2]) == ["day", "impressions"]
    assert dict(zip(per_day["day"], per_day["clicks"], strict=True)) == {
        D(2026, 11, 2): 1 + 2 + 8, D(2026, 11, 3): 4,
    }  # fmt: skip
    by_platform = repo.daily_frame("T1", None, *NOV, by="platform")
    got = {(r.day.day, r.platform): r.clicks for r in by_platform.itertuples()}
    assert got == {(2, "facebook"): 9, (2, "instagram"): 2, (3, "facebook"): 4}
    assert by_platform["spend"].isna().tolist() == [False, True, True]  # NULL stays missing


def test_range_and_last_import(repo: Repository) -> None:
    assert repo.data_range("T1", None) is None and repo.last_import_at("T1", None) is None
    repo.upsert_metrics("T1", [m(9), m(3, "instagram"), m(6, campaign="y")])
    assert repo.data_range("T1", None) == (D(2026, 11, 3), D(2026, 11, 9))
    y = repo.find_campaign("T1", "y")
    assert y is not None
    assert repo.data_range("T1", [y.id]) == (D(2026, 11, 6), D(2026, 11, 6))
    stamp = repo.last_import_at("T1", [y.id])
    assert stamp is not None and stamp.tzinfo is not None


def test_log_sets_the_given_counters_and_leaves_the_rest(repo: Repository) -> None:
    repo.upsert_metrics("T1", [m(2, clicks=10, spend=5.0, impressions=700)])
    stats = repo.log_metrics("T1", "x", D(2026, 11, 2), "facebook", {"clicks": 12, "reach": 300})
    assert (stats.inserted, stats.updated) == (0, 1)
    totals = repo.totals("T1", None, *NOV)
    assert [totals.get(c) for c in ("clicks", "reach", "spend", "impressions")] == [
        12, 300, 5.0, 700,
    ]  # fmt: skip
    new = repo.log_metrics("T1", "x", D(2026, 11, 3), "tiktok", {"posts": 2})
    assert (new.inserted, new.updated) == (1, 0)


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),
        st.integers(1, 30),
        st.sampled_from(["facebook", "instagram"]),
        st.one_of(st.none(), st.integers(0, 10**9)),
        st.integers(0, 10**6).map(lambda cents: cents / 100),
    ),
    max_size=40,
    unique_by=lambda r: r[:3],
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows_strategy, start=st.integers(1, 30), length=st.integers(0, 29))
def test_totals_equal_the_sum_of_the_rows_in_range(
    repo: Repository, rows: list[tuple[str, int, str, int | None, float]], start: int, length: int
) -> None:
    team = f"H{next(_teams)}"  # a fresh workspace per example, same database
    records = []
    for campaign, day, platform, clicks, spend in rows:
        counters = {"spend": spend} if clicks is None else {"clicks": clicks, "spend": spend}
        records.append(MetricRow(0, campaign, D(2026, 11, day), platform, counters))
    repo.upsert_metrics(team, records)
    end = min(start + length, 30)
    inside = [r for r in rows if start <= r[1] <= end]
    clicks = [r[3] for r in inside if r[3] is not None]
    totals = repo.totals(team, None, D(2026, 11, start), D(2026, 11, end))
    assert totals.get("clicks") == (sum(clicks) if clicks else None)
    assert totals.get("spend") == (pytest.approx(sum(r[4] for r in inside)) if inside else None)
    split = repo.totals_by_platform(team, None, D(2026, 11, start), D(2026, 11, end))
    assert set(split) == {r[2] for r in inside}


_teams = itertools.count()
