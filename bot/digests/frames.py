"""The frames a digest is computed from — its campaigns' daily rows over the charts' weeks,
their weekly sums, the like-for-like weekly sums and the campaigns whose metrics lag —
read and summed once per digest tick for the whole workspace, each digest taking its
campaigns' rows.

Every one of these frames is made per campaign (a row is one day or week of one
campaign; like for like is decided per campaign), so the rows of some campaigns taken
from the workspace's frame are the rows a read of those campaigns alone gives. Outside a
tick (storage.campaigns.memo not active: a preview, `/kpi digest now`) the digest's own
campaigns are read, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from bot.services import Services
from kpi.digest import lagging, like_for_like_daily
from kpi.digest import weekly_from_daily as _weekly
from kpi.periods import Comparison, Period
from storage.campaigns import memo
from storage.campaigns.records import CampaignRec


@dataclass(frozen=True)
class Frames:
    daily: pd.DataFrame
    weekly: pd.DataFrame
    same_days: pd.DataFrame
    lagging: dict[str, Comparison] | None


def _empty(key: str) -> pd.DataFrame:
    return pd.DataFrame({key: pd.Series([], dtype=object), "week_start": []})


def weekly_frame(daily: pd.DataFrame, key: str = "campaign") -> pd.DataFrame:
    """kpi.digest.weekly_from_daily, or an empty weekly frame when there are no rows."""
    return _weekly(daily, key) if len(daily) else _empty(key)


def frames_of(daily: pd.DataFrame, week: Period) -> Frames:
    weekly = weekly_frame(daily)
    if not len(daily):
        return Frames(daily, weekly, weekly, None)
    # each campaign like for like: one whose metrics stop midweek against the same days
    same_days = weekly_frame(like_for_like_daily(daily, week))
    return Frames(daily, weekly, same_days, lagging(daily, week))


def campaign_frames(
    services: Services,
    team_id: str,
    recs: Sequence[CampaignRec],
    ids: Sequence[int] | None,
    start: dt.date,
    week: Period,
) -> Frames:
    """The Frames of the campaigns `recs` (ids: None for every campaign) from `start` to the
    end of `week`."""

    def read(chosen: Sequence[int] | None) -> Frames:
        daily = services.repo.daily_frame(
            team_id, chosen, start, week.end, by="campaign", with_costs=True
        )
        return frames_of(daily, week)

    if ids is None or not memo.active() or any(c.archived_at for c in recs):
        return read(ids)  # (an archived campaign is not in the workspace's frames)
    every = memo.remembered(("digest_frames", team_id, start, week.end), lambda: read(None))
    slugs = {c.slug for c in recs}

    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["campaign"].isin(slugs)].reset_index(drop=True)

    daily = rows(every.daily)
    if not len(daily):
        return frames_of(daily, week)
    lag = {slug: c for slug, c in (every.lagging or {}).items() if slug in slugs}
    return Frames(daily, rows(every.weekly), rows(every.same_days), lag)
