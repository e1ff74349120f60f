"""Costs outside the ad platforms (tools, staff hours x rate, agency, content, ...), booked
per campaign and day. Part of storage.repository.Repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kpi.counters import COST_CATEGORIES
from storage.errors import UnknownCampaign, UnknownCostCategory
from storage.models import Campaign, Cost, Workspace


@dataclass(frozen=True, slots=True)
class CostRec:
    id: int
    campaign_id: int
    day: dt.date
    category: str
    amount: float
    hours: float | None
    hourly_rate: float | None
    note: str | None
    created_by: str | None


def _cost(row: Cost) -> CostRec:
    rate = None if row.hourly_rate is None else float(row.hourly_rate)
    return CostRec(
        row.id, row.campaign_id, row.day, row.category, float(row.amount), row.hours, rate,
        row.note, row.created_by,
    )  # fmt: skip


class CostMethods:
    engine: Engine

    def add_cost(
        self,
        team_id: str,
        campaign_id: int,
        day: dt.date,
        category: str,
        amount: float | None,
        hours: float | None = None,
        hourly_rate: float | None = None,
        note: str | None = None,
        created_by: str | None = None,
    ) -> CostRec:
        """Book a cost outside the ad platforms. `amount` is money in the campaign's currency;
        for staff time give `hours` and `hourly_rate` and `amount` may be None (then it is
        hours x rate). Raises UnknownCampaign for another workspace's campaign and
        UnknownCostCategory for a category outside kpi.counters.COST_CATEGORIES."""
        if category not in COST_CATEGORIES:
            raise UnknownCostCategory(category, COST_CATEGORIES)
        if amount is None:
            if hours is None or hourly_rate is None:
                raise TypeError("add_cost needs an amount, or hours and an hourly rate")
            amount = hours * hourly_rate
        with Session(self.engine) as session, session.begin():
            campaign = session.get(Campaign, campaign_id)
            if campaign is None or campaign.team_id != team_id:
                raise UnknownCampaign(team_id, str(campaign_id))
            if campaign.currency is None:  # money stored: its currency is fixed from now on
                workspace = session.get(Workspace, team_id)
                campaign.currency = workspace.currency if workspace else None
            row = Cost(
                campaign_id=campaign_id, day=day, category=category, amount=amount, hours=hours,
                hourly_rate=hourly_rate, note=note, created_by=created_by,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return _cost(row)

    def list_costs(
        self, team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
    ) -> list[CostRec]:
        query = (
            select(Cost)
            .join(Campaign, Campaign.id == Cost.campaign_id)
            .where(Campaign.team_id == team_id, Cost.day.between(start, end))
            .order_by(Cost.day, Cost.id)
        )
        if campaign_ids is not None:
            query = query.where(Cost.campaign_id.in_(campaign_ids))
        else:  # every campaign that is not archived, as everywhere else
            query = query.where(Campaign.archived_at.is_(None))
        with Session(self.engine) as session:
            return [_cost(row) for row in session.scalars(query)]
