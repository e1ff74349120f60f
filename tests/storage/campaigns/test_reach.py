"""Reach is not additive: a de-duplicated reach for exactly the asked period is used as it
is; otherwise the sum of daily reach is returned and marked as such, by days and by parts."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.frame_totals import totals_of
from kpi.registry import REGISTRY, compute
from kpi.weeks import totals_by_week, weekly_from_daily
from storage.campaigns.records import MetricRow
from storage.repository import Repository

D1, D2, D3 = dt.date(2026, 11, 2), dt.date(2026, 11, 3), dt.date(2026, 11, 4)


def _day(line: int, slug: str, day: dt.date, platform: str, reach: int) -> MetricRow:
    return MetricRow(line, slug, day, platform, {"reach": reach, "impressions": 2 * reach})


def test_daily_reach_over_days_is_summed_and_says_so(repo: Repository) -> None:
    repo.upsert_metrics(
        "T1", [_day(2, "a", D1, "facebook", 900), _day(3, "a", D2, "facebook", 700)]
    )
    totals = repo.totals("T1", None, D1, D2)
    assert totals.get("reach") == 900 + 700
    assert totals.reach_basis is not None
    assert totals.reach_basis.days_summed and totals.reach_basis.parts == 1
    # one day asked: that day's reach is exactly the day's unique reach
    one = repo.totals("T1", None, D1, D1)
    assert one.get("reach") == 900
    assert one.reach_basis is not None and not one.reach_basis.summed


def test_a_period_total_for_exactly_the_period_is_used_as_it_is(repo: Repository) -> None:
    # Meta period export: reach 1,350 unique people over 2-4 Nov (less than 900+700+...).
    total = MetricRow(2, "b", D1, "facebook", {"reach": 1350, "impressions": 4000}, day_end=D3)
    repo.upsert_metrics("T1", [total])
    totals = repo.totals("T1", None, D1, D3)
    assert totals.get("reach") == 1350
    assert totals.reach_basis is not None and not totals.reach_basis.summed


def test_reach_over_platforms_or_campaigns_is_marked_as_parts(repo: Repository) -> None:
    repo.upsert_metrics(
        "T1",
        [_day(2, "a", D1, "facebook", 900), _day(3, "a", D1, "instagram", 400),
         _day(4, "c", D1, "facebook", 100)],
    )  # fmt: skip
    totals = repo.totals("T1", None, D1, D1)
    assert totals.get("reach") == 900 + 400 + 100
    assert totals.reach_basis is not None
    assert totals.reach_basis.parts == 3 and not totals.reach_basis.days_summed
    split = repo.totals_by_platform("T1", None, D1, D1)
    assert split["instagram"].get("reach") == 400
    assert split["instagram"].reach_basis is not None
    assert not split["instagram"].reach_basis.summed
    assert split["facebook"].reach_basis is not None and split["facebook"].reach_basis.parts == 2


def test_no_reach_reported_says_nothing(repo: Repository) -> None:
    repo.upsert_metrics("T1", [MetricRow(2, "a", D1, "google", {"clicks": 5})])
    totals = repo.totals("T1", None, D1, D1)
    assert totals.get("reach") is None and totals.reach_basis is None


def test_frequency_and_engagement_rate_count_only_rows_that_report_reach(
    repo: Repository,
) -> None:
    # Meta campaign reports reach; the Google Ads campaign next to it reports none.
    meta = {
        "reach": 900,
        "impressions": 1800,
        "likes": 30,
        "comments": 5,
        "shares": 4,
        "clicks": 36,
    }
    google = {"impressions": 5000, "clicks": 90}
    repo.upsert_metrics(
        "T1", [MetricRow(2, "a", D1, "facebook", meta), MetricRow(3, "g", D1, "google", google)]
    )  # fmt: skip
    totals = repo.totals("T1", None, D1, D1)
    # The totals of everything stay what they are ...
    assert totals.get("reach") == 900 and totals.get("impressions") == 1800 + 5000
    assert totals.get("clicks") == 36 + 90
    basis = totals.reach_basis
    assert basis is not None and basis.partial
    assert basis.reporting == {"facebook"} and basis.silent == {"google"}
    # ... but the ratios over reach take the Meta rows only: 1800 / 900 and 75 / 900 x 100.
    assert compute(REGISTRY["frequency"], totals).value == pytest.approx(2.0)
    rate = compute(REGISTRY["engagement_rate"], totals).value
    assert rate == pytest.approx((30 + 5 + 4 + 36) / 900 * 100)
    # CTR is not over reach: all clicks over all impressions.
    assert compute(REGISTRY["ctr"], totals).value == pytest.approx(126 / 6800 * 100)
    only_meta = repo.totals("T1", None, D1, D1, platform="facebook")
    assert only_meta.reach_basis is not None and not only_meta.reach_basis.partial
    assert compute(REGISTRY["frequency"], only_meta).value == pytest.approx(2.0)
    split = repo.totals_by_platform("T1", None, D1, D1)
    assert compute(REGISTRY["frequency"], split["facebook"]).value == pytest.approx(2.0)
    assert compute(REGISTRY["frequency"], split["google"]).reason == "na.not_reported"


def test_rows_without_reach_inside_one_platform_are_left_out(repo: Repository) -> None:
    # One Meta day with reach, one without (a partial export): frequency = 1800 / 900.
    repo.upsert_metrics(
        "T1",
        [_day(2, "a", D1, "facebook", 900),
         MetricRow(3, "a", D2, "facebook", {"impressions": 700})],
    )  # fmt: skip
    totals = repo.totals("T1", None, D1, D2)
    assert totals.get("impressions") == 1800 + 700
    assert totals.reach_basis is not None and totals.reach_basis.partial
    assert totals.reach_basis.silent == frozenset()
    assert compute(REGISTRY["frequency"], totals).value == pytest.approx(2.0)


def test_weekly_and_window_totals_from_the_daily_frame_keep_ratios_over_reach_like_for_like(
    repo: Repository,
) -> None:
    # Digests, charts and targets sum a per-day frame (both platforms in one row per day):
    # frequency must still be Meta's 1800 / 900 and 1400 / 700, not (impressions of Google
    # too) / Meta's reach.
    repo.upsert_metrics(
        "T1",
        [
            _day(2, "a", D1, "facebook", 900),
            _day(3, "a", D2, "facebook", 700),
            MetricRow(4, "a", D1, "google", {"impressions": 5000, "clicks": 90}),
            MetricRow(5, "a", D2, "google", {"impressions": 3000, "clicks": 60}),
        ],
    )
    daily = repo.daily_frame("T1", None, D1, D2, by="campaign")
    week = totals_by_week(weekly_from_daily(daily))["a", D1]
    assert week.get("impressions") == 1800 + 1400 + 5000 + 3000
    assert compute(REGISTRY["frequency"], week).value == pytest.approx((1800 + 1400) / 1600)
    window = totals_of(daily, D1, D2)
    assert compute(REGISTRY["frequency"], window).value == pytest.approx(3200 / 1600)
    assert compute(REGISTRY["ctr"], window).value == pytest.approx(150 / 11200 * 100)
    # Meta alone (every row has reach): nothing left out.
    meta = repo.daily_frame("T1", None, D1, D1, by="platform")
    only_meta = totals_of(meta[meta["platform"] == "facebook"], D1, D1)
    assert only_meta.reach_basis is None
    assert compute(REGISTRY["frequency"], only_meta).value == pytest.approx(2.0)
