"""A campaign's metrics: rows imported or logged per (campaign, day, platform), and what is
read back from them — Totals, the split per platform, the days with data, daily frames.
Part of storage.repository.Repository; every method takes the workspace first and
`campaign_ids=None` means every campaign of the workspace that is not archived."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd
from sqlalchemy import Engine, func, select

from kpi.totals import Totals
from storage.campaigns import aggregates, by_campaign
from storage.campaigns.bulk import BulkUpsert
from storage.campaigns.grid import Grid, read_grid
from storage.campaigns.memo import recalled, remembered
from storage.campaigns.records import MetricRow, UpsertStats
from storage.campaigns.repo import opt_float
from storage.campaigns.summary_source import Span
from storage.models import Campaign
from storage.rows import aware_or_none


class MetricMethods:
    engine: Engine

    # -- writing ----------------------------------------------------------------------------
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
        with BulkUpsert(self.engine, team_id, currency=currency) as bulk:
            bulk.write(rows)
            return bulk.finish(commit=not dry_run)

    def bulk_upsert(self, team_id: str, *, currency: str | None = None) -> BulkUpsert:
        """An import written chunk by chunk in one transaction (storage.campaigns.bulk)."""
        return BulkUpsert(self.engine, team_id, currency=currency)

    def log_metrics(
        self, team_id: str, slug: str, day: dt.date, platform: str, counters: Mapping[str, float]
    ) -> UpsertStats:
        """Set these counters on one (campaign, day, platform) row; others stay as they are."""
        row = MetricRow(line=0, campaign=slug, day=day, platform=platform, counters=counters)
        return self.upsert_metrics(team_id, [row])

    # -- reading ----------------------------------------------------------------------------
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
        key = ("totals", team_id, _ids(campaign_ids), start, end, platform)
        return remembered(key, lambda: self._totals(team_id, campaign_ids, start, end, platform))

    def _totals(
        self,
        team_id: str,
        campaign_ids: Sequence[int] | None,
        start: dt.date,
        end: dt.date,
        platform: str | None,
    ) -> Totals:
        grid = self._grid(team_id, campaign_ids, start, end, platform)
        query = select(Campaign.ltv_per_customer).where(Campaign.team_id == team_id).limit(2)
        if campaign_ids is not None:
            query = query.where(Campaign.id.in_(campaign_ids))
        else:
            query = query.where(Campaign.archived_at.is_(None))
        with self.engine.connect() as conn:
            found = conn.execute(query).scalars().all()
            ltv = opt_float(found[0]) if len(found) == 1 else None
            costs, hours = (
                ({}, 0.0)
                if platform
                else aggregates.cost_sums(conn, team_id, campaign_ids, start, end)
            )
        return dataclasses.replace(
            grid.counters(grid.cells), costs=costs, staff_hours=hours, ltv_per_customer=ltv
        )

    def _grid(
        self,
        team_id: str,
        campaign_ids: Sequence[int] | None,
        start: dt.date,
        end: dt.date,
        platform: str | None,
    ) -> Grid:
        """The period's cells (storage.campaigns.grid), read once in a reply: on one
        platform, taken from the grid over every platform when that was read already."""
        ids = _ids(campaign_ids)
        # No row starts after the scope's last day with data (read earlier in this reply):
        # a period reaching past it has the cells of the period ending there ("to date" and
        # "to the last day with data" share one read); no row covers exactly such a
        # period, so none of its reach is used alone.
        span = recalled(("data_range", team_id, ids))
        cut = end if span is None else max(start, min(end, span[1]))
        if cut != end:
            found = self._grid(team_id, campaign_ids, start, cut, platform)
            return dataclasses.replace(found, end=end, exact={})
        if platform is not None:
            whole = recalled(("grid", team_id, ids, start, end, None))
            if whole is not None:
                return typing.cast(Grid, whole).on(platform)

        def read() -> Grid:
            with self.engine.connect() as conn:
                return read_grid(
                    conn,
                    team_id,
                    campaign_ids,
                    start,
                    end,
                    platform,
                    typing.cast(Span | None, span),
                )

        return remembered(("grid", team_id, ids, start, end, platform), read)

    def totals_by_campaign(
        self,
        team_id: str,
        campaign_ids: Sequence[int] | None,
        start: dt.date,
        end: dt.date,
        platform: str | None = None,
    ) -> dict[int, Totals]:
        """Campaign id -> what `totals` gives for that campaign alone, for every chosen
        campaign, from the period's grid and one query for the costs."""

        def read() -> dict[int, Totals]:
            grid = self._grid(team_id, campaign_ids, start, end, platform)
            with self.engine.connect() as conn:
                return by_campaign.totals_by_campaign(
                    conn, team_id, campaign_ids, start, end, platform, grid
                )

        key = ("by_campaign", team_id, _ids(campaign_ids), start, end, platform)
        return dict(remembered(key, read))

    def totals_by_platform(
        self, team_id: str, campaign_ids: Sequence[int] | None, start: dt.date, end: dt.date
    ) -> dict[str, Totals]:
        """Platform -> what `totals` on that platform gives (no costs), from the grid."""

        def read() -> dict[str, Totals]:
            grid = self._grid(team_id, campaign_ids, start, end, None)
            return typing.cast(dict[str, Totals], grid.split(lambda cell: cell.part.platform))

        key = ("by_platform", team_id, _ids(campaign_ids), start, end)
        return dict(remembered(key, read))

    def data_range(
        self, team_id: str, campaign_ids: Sequence[int] | None
    ) -> tuple[dt.date, dt.date] | None:
        def read() -> tuple[dt.date, dt.date] | None:
            with self.engine.connect() as conn:
                return aggregates.data_range(conn, team_id, campaign_ids)

        return remembered(("data_range", team_id, _ids(campaign_ids)), read)

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
        counters: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """See aggregates.daily_frame (`counters`: only these, None: every counter)."""

        def read() -> pd.DataFrame:
            with self.engine.connect() as conn:
                return aggregates.daily_frame(
                    conn, team_id, campaign_ids, start, end, by, with_costs, counters
                )

        chosen = None if counters is None else tuple(sorted(counters))
        key = ("daily", team_id, _ids(campaign_ids), start, end, by, with_costs, chosen)
        return remembered(key, read).copy()


def _ids(campaign_ids: Sequence[int] | None) -> tuple[int, ...] | None:
    return None if campaign_ids is None else tuple(campaign_ids)
