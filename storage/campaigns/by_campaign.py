"""Totals of every chosen campaign over one period in a handful of grouped queries (the
counters, the costs, reach per campaign and platform, its coverage), instead of a query
set per campaign: what an `all` reply needs to say which campaign drove a change. Each
campaign's Totals equal `aggregates.totals` over that campaign alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, select

from kpi.counters import COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH, ReachBasis
from kpi.totals import Totals
from storage.campaigns.aggregates import REACH, counter_value
from storage.campaigns.summary_source import chosen_ids, source
from storage.models import Campaign, Cost, DailyMetric


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
) -> dict[int, tuple[float, ReachBasis, dict[str, float | None]]]:
    """Per campaign what aggregates.reach gives for that campaign alone."""
    exact_query = select(DailyMetric.campaign_id, DailyMetric.platform, REACH).where(
        DailyMetric.campaign_id.in_(chosen_ids(team_id, campaign_ids)),
        and_(DailyMetric.day == start,
             func.coalesce(DailyMetric.day_end, DailyMetric.day) == end),
        REACH.is_not(None),
    )  # fmt: skip
    if platform is not None:
        exact_query = exact_query.where(DailyMetric.platform == platform)
    exact = {(cid, name): float(v) for cid, name, v in conn.execute(exact_query)}
    rows, params = source(team_id, campaign_ids, start, end, platform)
    query = select(
        rows.c.campaign_id,
        rows.c.platform,
        func.sum(rows.c.reach_rows),
        func.sum(rows.c.reach),
        func.sum(rows.c[ROWS_WITHOUT_REACH]),
        *(func.sum(rows.c[column]) for column in WITH_REACH.values()),
    ).group_by(rows.c.campaign_id, rows.c.platform)
    parts: dict[int, list[Any]] = {}
    for cid, name, counted, added, without, *partners in conn.execute(query, params):
        # [total, parts, summed, partial, reporting, silent, partner sums]
        mine = parts.setdefault(cid, [0.0, 0, False, False, set(), set(), {}])
        mine[3] = mine[3] or bool(without)
        if counted:
            mine[1] += 1
            mine[4].add(name)
            if (cid, name) in exact:
                mine[0] += exact[cid, name]
            else:
                mine[0] += float(added)
                mine[2] = mine[2] or counted > 1
        elif without:
            mine[5].add(name)
        for c, value in zip(REACH_PARTNERS, partners, strict=True):
            if value is not None:
                mine[6][c] = (mine[6].get(c) or 0.0) + float(value)
    out: dict[int, tuple[float, ReachBasis, dict[str, float | None]]] = {}
    for cid, (total, count, summed, partial, reporting, silent, sums) in parts.items():
        if not count:
            continue
        basis = ReachBasis(count, summed, partial, frozenset(reporting),
                           frozenset(silent - reporting))  # fmt: skip
        out[cid] = (total, basis, {c: sums.get(c) for c in REACH_PARTNERS})
    return out
