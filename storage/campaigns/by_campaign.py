"""Totals of every chosen campaign over one period in a handful of grouped queries (the
counters, the costs, reach per campaign and platform, its coverage), instead of a query
set per campaign: what an `all` reply needs to say which campaign drove a change. Each
campaign's Totals equal `aggregates.totals` over that campaign alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from kpi.counters import COUNTERS
from kpi.reach import ReachBasis
from kpi.totals import Totals
from storage.campaigns.aggregates import counter_value
from storage.campaigns.reach_sums import Part, Reach, exact_reach, reach_of, reach_parts
from storage.campaigns.summary_source import chosen_ids, source
from storage.models import Campaign, Cost


def totals_by_campaign(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None = None,
) -> dict[int, Totals]:
    """Campaign id -> its Totals over [start, end] (on `platform` when given; costs only
    without one), for every chosen campaign."""
    rows, params = source(team_id, campaign_ids, start, end, platform)
    sums = select(rows.c.campaign_id, *(func.sum(rows.c[c]).label(c) for c in COUNTERS))
    counters: dict[int, dict[str, float | None]] = {
        row.campaign_id: {c: counter_value(c, row._mapping[c]) for c in COUNTERS}
        for row in conn.execute(sums.group_by(rows.c.campaign_id), params)
    }
    costs: dict[int, tuple[dict[str, float], float]] = {}
    if platform is None:
        costs = _costs(conn, team_id, campaign_ids, start, end)
    reach = _reach(conn, team_id, campaign_ids, start, end, platform)
    ltv = dict(
        conn.execute(select(Campaign.id, Campaign.ltv_per_customer).where(
            Campaign.id.in_(chosen_ids(team_id, campaign_ids))
        )).all()
    )  # fmt: skip
    days = (end - start).days + 1
    out: dict[int, Totals] = {}
    for cid in sorted(ltv):
        mine = counters.get(cid) or dict.fromkeys(COUNTERS)
        amounts, hours = costs.get(cid, ({}, 0.0))
        basis: ReachBasis | None = None
        with_reach: dict[str, float | None] = {}
        if mine.get("reach") is not None and cid in reach:
            mine["reach"], basis, with_reach = reach[cid]
        value = ltv.get(cid)
        out[cid] = Totals(
            counters=mine, costs=amounts, staff_hours=hours, days=days,
            ltv_per_customer=None if value is None else float(value),
            reach_basis=basis, with_reach=with_reach,
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


def _reach(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None,
) -> dict[int, Reach]:
    """Per campaign what reach_sums.reach gives for that campaign alone, from one grouped
    query for all of them."""
    exact = exact_reach(conn, team_id, campaign_ids, start, end, platform)
    by_campaign: dict[int, list[Part]] = {}
    for part in reach_parts(conn, team_id, campaign_ids, start, end, platform):
        by_campaign.setdefault(part.campaign_id, []).append(part)
    out: dict[int, Reach] = {}
    for cid, parts in by_campaign.items():
        found = reach_of(parts, exact)
        if found is not None:
            out[cid] = found
    return out
