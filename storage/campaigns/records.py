"""Campaigns and their metrics as the repository hands them out (ORM objects never leave
storage/): a campaign, an imported row, what an upsert changed, what a campaign holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One imported row: a campaign's counters for one day (or a period total) and platform.

    ``counters`` maps counter names from ``kpi.counters.COUNTERS`` to numbers; a counter that
    is absent was not reported (stored as NULL). ``day_end`` is set only for a period total
    (reporting start and end differ) and is then the last day it covers.
    """

    line: int
    campaign: str  # slug
    day: dt.date
    platform: str
    counters: Mapping[str, float]
    campaign_name: str | None = None
    day_end: dt.date | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class CampaignRec:
    id: int
    team_id: str
    slug: str
    name: str
    goal: str | None = None
    currency: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget: float | None = None
    value_per_conversion: float | None = None
    ltv_per_customer: float | None = None
    last_import_at: dt.datetime | None = None
    archived_at: dt.datetime | None = None  # set: hidden from `all`, lists and digests
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UpsertStats:
    """What an upsert changed: rows inserted, changed and unchanged, the campaigns (slugs)
    and days."""

    inserted: int
    updated: int  # rows whose numbers changed
    campaigns: tuple[str, ...]
    first_day: dt.date | None
    last_day: dt.date | None
    unchanged: int = 0  # rows already stored with these numbers (a re-import)


@dataclass(frozen=True, slots=True)
class Footprint:
    """What a campaign holds, counted in the database: daily metric rows (with their first
    and last day), cost entries, targets, and digest subscriptions that name it. `overlap`
    (merges only): rows of the same day and platform in both campaigns, added together."""

    rows: int
    costs: int
    targets: int
    subscriptions: int
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    overlap: int = 0
