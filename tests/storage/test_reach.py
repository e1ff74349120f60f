"""Reach is not additive: a de-duplicated reach for exactly the asked period is used as it
is; otherwise the sum of daily reach is returned and marked as such, by days and by parts."""

from __future__ import annotations

import datetime as dt

from storage.records import MetricRow
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


def test_rows_without_reach_next_to_rows_with_it_are_flagged(repo: Repository) -> None:
    # Meta reports reach, Google Ads does not: frequency over both would read too high.
    repo.upsert_metrics(
        "T1",
        [_day(2, "a", D1, "facebook", 900),
         MetricRow(3, "g", D1, "google", {"impressions": 5000, "clicks": 90})],
    )  # fmt: skip
    totals = repo.totals("T1", None, D1, D1)
    assert totals.get("reach") == 900 and totals.get("impressions") == 1800 + 5000
    assert totals.reach_basis is not None and totals.reach_basis.partial
    only_meta = repo.totals("T1", None, D1, D1, platform="facebook")
    assert only_meta.reach_basis is not None and not only_meta.reach_basis.partial
