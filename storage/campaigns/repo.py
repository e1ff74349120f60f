"""Campaigns of a workspace: list, find, create, edit, and the currency each one's money is
in. Part of storage.repository.Repository; every method takes the workspace first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, Row, func, select
from sqlalchemy.orm import Session

from storage.campaigns import upsert
from storage.campaigns.naming import slugify
from storage.campaigns.records import CampaignRec
from storage.errors import UnknownCampaign
from storage.models import Campaign
from storage.rows import aware_or_none
from storage.workspaces import ensure_workspace

#: Campaign columns update_campaign may set; the id, workspace and bookkeeping stay put.
EDITABLE = frozenset(Campaign.__table__.columns.keys()) - {
    "id",
    "team_id",
    "created_at",
    "last_import_at",
    "archived_at",
}


def opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _campaign(row: Campaign | Row[Any]) -> CampaignRec:
    return CampaignRec(
        id=row.id, team_id=row.team_id, slug=row.slug, name=row.name, goal=row.goal,
        currency=row.currency, start_date=row.start_date, end_date=row.end_date,
        budget=opt_float(row.budget), value_per_conversion=opt_float(row.value_per_conversion),
        ltv_per_customer=opt_float(row.ltv_per_customer),
        last_import_at=aware_or_none(row.last_import_at),
        archived_at=aware_or_none(row.archived_at),
    )  # fmt: skip


def ensure_campaigns(
    session: Session, team_id: str, wanted: Mapping[str, tuple[str | None, str | None]]
) -> dict[str, int]:
    """Campaign ids for these slugs, creating the missing ones (name, currency)."""
    if not wanted:
        return {}
    query = select(Campaign.slug, Campaign.id).where(Campaign.team_id == team_id)
    ids: dict[str, int] = {row.slug: row.id for row in session.execute(query)}
    missing = [
        {"team_id": team_id, "slug": slug, "name": name or slug, "currency": currency}
        for slug, (name, currency) in wanted.items()
        if slug not in ids
    ]
    if missing:
        # DO NOTHING: a concurrent import may create the same campaign first; fine.
        session.execute(upsert.insert_ignoring(session, Campaign, ["team_id", "slug"]), missing)
        ids = {row.slug: row.id for row in session.execute(query)}
    return {slug: ids[slug] for slug in wanted}


class CampaignMethods:
    engine: Engine

    def list_campaigns(self, team_id: str, *, archived: bool = False) -> list[CampaignRec]:
        """The workspace's campaigns by slug; archived ones only when `archived` is True."""
        # Rows, not ORM objects: a workspace of a thousand campaigns is listed in
        # milliseconds (building ORM instances took a second).
        query = select(*Campaign.__table__.c).where(Campaign.team_id == team_id)
        if not archived:
            query = query.where(Campaign.archived_at.is_(None))
        with self.engine.connect() as conn:
            return [_campaign(row) for row in conn.execute(query.order_by(Campaign.slug))]

    def find_campaign(self, team_id: str, slug_or_name: str) -> CampaignRec | None:
        """By slug (exact, case-insensitive), else by display name (case-insensitive), else
        by the slug the name gives (`Лиды Москва` finds `лиды-москва`: SQLite's lower() knows
        only ASCII). Archived campaigns are found too."""
        word = slug_or_name.strip().lower()
        with Session(self.engine) as session:
            for condition in (
                Campaign.slug == word,
                func.lower(Campaign.name) == word,
                Campaign.slug == slugify(slug_or_name),
            ):
                row = session.scalars(
                    select(Campaign).where(Campaign.team_id == team_id, condition).limit(1)
                ).first()
                if row is not None:
                    return _campaign(row)
        return None

    def get_campaign(self, team_id: str, campaign_id: int) -> CampaignRec | None:
        """By id, when it is a campaign of this workspace (archived ones too)."""
        with Session(self.engine) as session:
            query = select(Campaign).where(Campaign.team_id == team_id, Campaign.id == campaign_id)
            row = session.scalars(query).first()
            return None if row is None else _campaign(row)

    def ensure_campaign(
        self, team_id: str, slug: str, name: str | None = None, currency: str | None = None
    ) -> CampaignRec:
        ensure_workspace(self.engine, team_id)
        with Session(self.engine) as session:
            ids = ensure_campaigns(session, team_id, {slug: (name, currency)})
            session.commit()
            row = session.get(Campaign, ids[slug])
            assert row is not None
            return _campaign(row)

    def update_campaign(self, team_id: str, slug: str, **fields: Any) -> CampaignRec:
        with Session(self.engine) as session, session.begin():
            row = session.scalars(
                select(Campaign).where(Campaign.team_id == team_id, Campaign.slug == slug)
            ).first()
            if row is None:
                raise UnknownCampaign(team_id, slug)
            for key, value in fields.items():
                if key not in EDITABLE:
                    raise TypeError(f"campaign has no field {key!r} to update")
                setattr(row, key, value)
            session.flush()
            return _campaign(row)

    def currency_groups(
        self, team_id: str, campaign_ids: Sequence[int] | None
    ) -> dict[str, list[int]]:
        """Currency code -> ids of the campaigns (of `campaign_ids`, None = all that are not
        archived) whose money is in it: the campaign's own currency, else the workspace
        default. Codes sorted."""
        default = ensure_workspace(self.engine, team_id).currency
        query = select(Campaign.id, Campaign.currency).where(Campaign.team_id == team_id)
        if campaign_ids is not None:
            query = query.where(Campaign.id.in_(campaign_ids))
        else:
            query = query.where(Campaign.archived_at.is_(None))
        groups: dict[str, list[int]] = {}
        with self.engine.connect() as conn:
            for cid, code in conn.execute(query.order_by(Campaign.id)):
                groups.setdefault(code or default, []).append(cid)
        return dict(sorted(groups.items()))
