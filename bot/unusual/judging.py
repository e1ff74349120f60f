"""A campaign's (or every campaign's) KPI judged against its usual range: reads the daily
counters from storage and hands them to kpi.unusual."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from kpi.formulas import counters_read
from kpi.metric import Kpi
from kpi.unusual import HISTORY_DAYS, WEEK, Verdict, judge_last
from storage.repository import Repository

#: Days read before the judged day: the history of the judged week.
SPAN = HISTORY_DAYS + WEEK


def daily_for(
    repo: Repository,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    day: dt.date,
    platform: str | None = None,
    counters: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per day up to ``day`` (SPAN days back): the counters summed over the
    campaigns (and only ``platform`` when given; only ``counters`` when given), costs as
    ``cost_<category>`` columns."""
    start = day - dt.timedelta(days=SPAN)
    if platform is None:
        return repo.daily_frame(team_id, campaign_ids, start, day, with_costs=True,
                                counters=counters)  # fmt: skip
    frame = repo.daily_frame(team_id, campaign_ids, start, day, by="platform", counters=counters)
    return frame[frame["platform"] == platform].drop(columns=["platform"])


def verdict_for(
    repo: Repository,
    team_id: str,
    kpi: Kpi,
    campaign_ids: Sequence[int] | None,
    day: dt.date,
    *,
    platform: str | None = None,
    ltv: float | None = None,
) -> Verdict:
    """``kpi`` on ``day`` judged against its usual range (kpi.unusual.judge), from a daily
    frame of only the counters the KPI reads (the same verdict, a cheaper read)."""
    daily = daily_for(repo, team_id, campaign_ids, day, platform, counters_read(kpi))
    return judge_last(kpi, daily, day, ltv)
