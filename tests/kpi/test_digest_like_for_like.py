"""kpi.digest.like_for_like_daily: each campaign's week before is cut to the days its own
metrics cover in the digest week. Rows are built here; the days kept are counted by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kpi.digest import like_for_like_daily
from kpi.periods import Period

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")


def _rows(campaign: str, first: dt.date, last: dt.date) -> list[dict[str, object]]:
    days = (last - first).days + 1
    return [
        {"campaign": campaign, "day": first + dt.timedelta(days=i), "clicks": 1.0}
        for i in range(days)
    ]


def test_a_campaign_whose_metrics_stop_midweek_keeps_the_same_days_before() -> None:
    daily = pd.DataFrame(
        _rows("a", dt.date(2026, 11, 9), dt.date(2026, 11, 29))  # whole weeks: all 21 kept
        + _rows("b", dt.date(2026, 11, 9), dt.date(2026, 11, 25))  # stops Wednesday
    )
    kept = like_for_like_daily(daily, WEEK)
    a = sorted(kept[kept["campaign"] == "a"]["day"])
    b = sorted(kept[kept["campaign"] == "b"]["day"])
    assert len(a) == 21
    # b: 9–15 Nov (7, the charts' earlier week), 16–18 Nov (3, like 23–25), 23–25 Nov (3)
    assert len(b) == 13
    assert dt.date(2026, 11, 18) in b and dt.date(2026, 11, 19) not in b
    assert dt.date(2026, 11, 22) not in b and dt.date(2026, 11, 15) in b


def test_a_campaign_without_metrics_in_the_week_keeps_its_whole_week_before() -> None:
    daily = pd.DataFrame(_rows("c", dt.date(2026, 11, 16), dt.date(2026, 11, 22)))
    assert len(like_for_like_daily(daily, WEEK)) == 7
