"""A campaign's (or every campaign's) KPI judged against its usual range: reads the daily
counters from storage and hands them to kpi.unusual."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

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
) -> pd.DataFrame:
    """One row per day up to ``day`` (SPAN days back): the counters summed over the
    campaigns (and only ``platform`` when given), costs as ``cost_<category>`` columns."""
    start = day - dt.timedelta(days=SPAN)
    if platform is None:
        return repo.daily_frame(team_id, campaign_ids, start, day, with_costs=True)
    frame = repo.daily_frame(team_id, campaign_ids, start, day, by="platform")
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
    """``kpi`` on ``day`` judged against its usual range (kpi.unusual.judge)."""
    return judge_last(kpi, daily_for(repo, team_id, campaign_ids, day, platform), day, ltv)
