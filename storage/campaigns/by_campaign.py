"""Totals of every chosen campaign over one period from the period's grid (one grouped
query: counters and reach per campaign and platform, storage.campaigns.grid) and one for
the costs, instead of a query set per campaign: what an `all` reply needs to say which
campaign drove a change. Each campaign's Totals equal the repository's `totals` over that
campaign alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from kpi.totals import Totals
from storage.campaigns.grid import Grid, read_grid
from storage.campaigns.summary_source import chosen_ids
from storage.models import Campaign, Cost


def totals_by_campaign(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None = None,
    grid: Grid | None = None,
) -> dict[int, Totals]:
    """Campaign id -> its Totals over [start, end] (on `platform` when given; costs only
    without one), for every chosen campaign; from `grid` when it was read already."""
    if grid is None:
        grid = read_grid(conn, team_id, campaign_ids, start, end, platform)
    groups = grid.groups(lambda cell: cell.part.campaign_id)
    costs: dict[int, tuple[dict[str, float], float]] = {}
    if platform is None:
        costs = _costs(conn, team_id, campaign_ids, start, end)
    ltv = dict(
        conn.execute(select(Campaign.id, Campaign.ltv_per_customer).where(
            Campaign.id.in_(chosen_ids(team_id, campaign_ids))
        )).all()
    )  # fmt: skip
    out: dict[int, Totals] = {}
    for cid in sorted(ltv):
        amounts, hours = costs.get(cid, ({}, 0.0))
        value = ltv.get(cid)
        # One Totals per campaign, built with its costs (no copy of a Totals without them).
        out[cid] = grid.counters(
            groups.get(cid, ()), costs=amounts, staff_hours=hours,
            ltv_per_customer=None if value is None else float(value),
        )  # fmt: skip
    return out


def _costs(
    conn: Connection, team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, tuple[dict[str, float], float]]:
    query = (
        select(Cost.campaign_id, Cost.category, func.sum(Cost.amount), func.sum(Cost.hours))
        .where(Cost.campaign_id.in_(chosen_ids(team_id, campaign_ids)))
        .where(Cost.day.between(start, end))
        .group_by(Cost.campaign_id, Cost.category)
    )
    out: dict[int, tuple[dict[str, float], float]] = {}
    for cid, category, amount, hours in conn.execute(query):
        amounts, staff = out.get(cid, ({}, 0.0))
        amounts[category] = float(amount or 0)
        if category == "staff":
            staff += float(hours or 0)
        out[cid] = (amounts, staff)
    return out
