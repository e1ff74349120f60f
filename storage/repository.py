"""The repository kpibot's commands use. Every method takes the workspace (`team_id`) first
and scopes every query by it: one workspace can never read, list or change another's data.
Returns records, Totals or DataFrames; ORM objects stay inside this package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from kpi.counters import MONEY_COUNTERS
from kpi.reach import ReachBasis
from kpi.totals import Totals
from storage import aggregates, upsert
from storage.canonical import slugify
from storage.errors import UnknownCampaign
from storage.frame_rows import FrameRows
from storage.models import Campaign
from storage.records import CampaignRec, MetricRow, UpsertStats
from storage.repo_campaigns import CampaignAdminMethods
from storage.repo_costs import CostMethods
from storage.repo_workspaces import WorkspaceMethods
from storage.rows import aware_or_none, utcnow

__all__ = ["Repository", "UpsertStats"]

#: Campaign columns update_campaign may set; the id, workspace and bookkeeping stay put.
EDITABLE = frozenset(Campaign.__table__.columns.keys()) - {
    "id",
    "team_id",
    "created_at",
    "last_import_at",
    "archived_at",
}


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)


def _campaign(row: Campaign) -> CampaignRec:
    return CampaignRec(
        id=row.id, team_id=row.team_id, slug=row.slug, name=row.name, goal=row.goal,
        currency=row.currency, start_date=row.start_date, end_date=row.end_date,
        budget=_opt(row.budget), value_per_conversion=_opt(row.value_per_conversion),
        ltv_per_customer=_opt(row.ltv_per_customer),
        last_import_at=aware_or_none(row.last_import_at),
        archived_at=aware_or_none(row.archived_at),
    )  # fmt: skip


class Repository(WorkspaceMethods, CostMethods, CampaignAdminMethods):
    """Campaigns, metrics and their aggregates; workspaces, costs and managing campaigns
    (rename, archive, merge, delete) come from the mixins (storage/repo_workspaces.py,
    storage/repo_costs.py, storage/repo_campaigns.py). Built from an Engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- campaigns --------------------------------------------------------------------------
    def list_campaigns(self, team_id: str, *, archived: bool = False) -> list[CampaignRec]:
        """The workspace's campaigns by slug; archived ones only when `archived` is True."""
        with Session(self.engine) as session:
            query = select(Campaign).where(Campaign.team_id == team_id).order_by(Campaign.slug)
            if not archived:
                query = query.where(Campaign.archived_at.is_(None))
            return [_campaign(row) for row in session.scalars(query)]

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
        self.ensure_workspace(team_id)
        with Session(self.engine) as session:
            ids = self._ensure_campaigns(session, team_id, {slug: (name, currency)})
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

    @staticmethod
    def _ensure_campaigns(
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

    # -- metrics ----------------------------------------------------------------------------
    def upsert_metrics(
        self,
        team_id: str,
        rows: Iterable[MetricRow],
        *,
        dry_run: bool = False,
        currency: str | None = None,
    ) -> UpsertStats:
        """Insert or update rows keyed on (campaign, day, platform) in one transaction;
        missing campaigns are created. `dry_run` rolls the transaction back and only
        reports what would change."""
        rows = rows if isinstance(rows, Sequence) else list(rows)
        wanted: dict[str, tuple[str | None, str | None]] = {}
        if isinstance(rows, FrameRows):
            wanted = {slug: (name, currency) for slug, name in rows.campaign_names().items()}
        else:
            for row in rows:
                if row.campaign not in wanted:
                    wanted[row.campaign] = (row.campaign_name, row.currency or currency)
        workspace = self.ensure_workspace(team_id)
        with Session(self.engine) as session:
            ids = self._ensure_campaigns(session, team_id, wanted)
            conn = session.connection()
            before = upsert.count_rows(conn, team_id)
            written = upsert.counters_in(rows)
            changed = upsert.write_rows(conn, rows, ids, written)
            after = upsert.count_rows(conn, team_id)
            if ids:
                mine = (Campaign.team_id == team_id, Campaign.id.in_(ids.values()))
                now = utcnow()
                session.execute(update(Campaign).where(*mine).values(last_import_at=now))
                # A campaign's currency is fixed when money is first stored for it: the
                # file's, else the workspace default (so changing the default later never
                # relabels these figures). Campaigns without money yet stay open.
                default = workspace.currency if MONEY_COUNTERS & set(written) else None
                by_currency: dict[str, list[int]] = {}
                for slug, (_name, code) in wanted.items():
                    if currency := code or default:
                        by_currency.setdefault(currency, []).append(ids[slug])
                for code, some in by_currency.items():
                    session.execute(
                        update(Campaign)
                        .where(Campaign.id.in_(some), Campaign.currency.is_(None))
                        .values(currency=code)
                    )
            if dry_run:
                session.rollback()
            else:
                session.commit()
        first, last = upsert.day_span(rows)
        inserted = after - before
        return UpsertStats(
            inserted, changed - inserted, tuple(sorted(ids)), first, last, len(rows) - changed
        )

    def log_metrics(
        self, team_id: str, slug: str, day: dt.date, platform: str, counters: Mapping[str, float]
    ) -> UpsertStats:
        """Set these counters on one (campaign, day, platform) row; others stay as they are."""
        row = MetricRow(line=0, campaign=slug, day=day, platform=platform, counters=counters)
        return self.upsert_metrics(team_id, [row])

    def currency_groups(
        self, team_id: str, campaign_ids: Sequence[int] | None
    ) -> dict[str, list[int]]:
        """Currency code -> ids of the campaigns (of `campaign_ids`, None = all that are not
        archived) whose money is in it: the campaign's own currency, else the workspace
        default. Codes sorted."""
        default = self.ensure_workspace(team_id).currency
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

    # -- aggregates -------------------------------------------------------------------------
    def totals(
        self,
        team_id: str,
        campaign_ids: Sequence[int] | None,
        start: dt.date,
        end: dt.date,
        platform: str | None = None,
    ) -> Totals:
        """Every counter summed in SQL over the rows whose `day` lies in [start, end] (a
        period-total row counts when its first day does); None = no row reported it. Costs:
        the costs table's amounts per category booked in [start, end] (staff = hours x rate),
        none when `platform` is given. `days` = end - start + 1. `campaign_ids=None`: every
        campaign of the workspace that is not archived; ids of another workspace's campaigns
        count nothing.
        `ltv_per_customer` is the campaign's when the scope is exactly one campaign."""
        query = select(Campaign.ltv_per_customer).where(Campaign.team_id == team_id).limit(2)
        if campaign_ids is not None:
            query = query.where(Campaign.id.in_(campaign_ids))
        else:
            query = query.where(Campaign.archived_at.is_(None))
        with self.engine.connect() as conn:
            found = conn.execute(query).scalars().all()
            ltv = _opt(found[0]) if len(found) == 1 else None
            return aggregates.totals(conn, team_id, campaign_ids, start, end, platform, ltv)

    def totals_by_platform(
        self, team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
    ) -> dict[str, Totals]:
        days = (end - start).days + 1
        out: dict[str, Totals] = {}
        with self.engine.connect() as conn:
            split = aggregates.sums_by_platform(conn, team_id, campaign_ids, start, end)
            for platform, counters in split.items():
                basis: ReachBasis | None = None
                with_reach: dict[str, float | None] = {}
                if counters.get("reach") is not None:
                    found = aggregates.reach(conn, team_id, campaign_ids, start, end, platform)
                    if found is not None:
                        counters["reach"], basis, with_reach = found
                out[platform] = Totals(
                    counters=counters, days=days, reach_basis=basis, with_reach=with_reach
                )
        return out

    def data_range(
        self, team_id: str, campaign_ids: Sequence[int] | None
    ) -> tuple[dt.date, dt.date] | None:
        with self.engine.connect() as conn:
            return aggregates.data_range(conn, team_id, campaign_ids)

    def data_ranges(self, team_id: str) -> dict[int, tuple[dt.date, dt.date]]:
        """Campaign id -> (first, last day with data), for every campaign that has data."""
        with self.engine.connect() as conn:
            return aggregates.data_ranges(conn, team_id)

    def last_import_at(
        self, team_id: str, campaign_ids: Sequence[int] | None
    ) -> dt.datetime | None:
        query = select(func.max(Campaign.last_import_at)).where(Campaign.team_id == team_id)
        if campaign_ids is not None:
            query = query.where(Campaign.id.in_(campaign_ids))
        with self.engine.connect() as conn:
            return aware_or_none(conn.execute(query).scalar())

    def daily_frame(
        self,
        team_id: str,
        campaign_ids: Sequence[int] | None,
        start: dt.date,
        end: dt.date,
        by: Literal["campaign", "platform"] | None = None,
        with_costs: bool = False,
    ) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return aggregates.daily_frame(conn, team_id, campaign_ids, start, end, by, with_costs)
