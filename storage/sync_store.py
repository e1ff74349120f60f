"""A synced window into daily_metrics, in one transaction: the platform's campaign ids
mapped to kpibot's campaigns (created the first time, linked to a campaign of the same name
that a CSV import made), the stored numbers read, the rows upserted on (campaign, day,
platform) with storage.campaigns.upsert — values overwritten, never added — and every stored number
that changed reported as a restatement ("3 Oct conversions 12 → 16")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from kpi.counters import COUNTERS, MONEY_COUNTERS
from storage.campaigns import summaries, upsert
from storage.campaigns.naming import slugify
from storage.campaigns.records import MetricRow
from storage.errors import CurrencyMismatch
from storage.models import Campaign, DailyMetric, PlatformCampaign
from storage.rows import utcnow

#: Differences below this are the same number (NUMERIC(18, 4) money, NUMERIC(18, 6) counts).
SAME = 1e-6


@dataclass(frozen=True, slots=True)
class SyncedRow:
    """One campaign's day as a platform reports it, before it is mapped to a campaign."""

    external_id: str
    name: str
    day: dt.date
    counters: Mapping[str, float]
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class Restated:
    campaign: str  # slug
    day: dt.date
    counter: str
    old: float
    new: float


@dataclass(frozen=True, slots=True)
class WindowResult:
    rows: int
    inserted: int
    updated: int
    restated: tuple[Restated, ...]
    campaigns: tuple[str, ...]  # slugs

    @property
    def unchanged(self) -> int:
        return self.rows - self.inserted - self.updated


def store_window(
    engine: Engine, team_id: str, source: str, platform: str, rows: Sequence[SyncedRow]
) -> WindowResult:
    """Upsert `rows` of `source` (a connection's platform, e.g. "meta") as `platform` rows
    (the word daily_metrics keeps, the same as the platform's CSV import). The workspace must
    exist. Raises CurrencyMismatch, writing nothing, when a campaign is kept in another
    currency than the platform reports."""
    if not rows:
        return WindowResult(0, 0, 0, (), ())
    with Session(engine) as session, session.begin():
        names = {row.external_id: row.name for row in rows}
        ids = _campaign_ids(session, team_id, source, names)
        slugs = dict(
            session.execute(
                select(Campaign.id, Campaign.slug).where(Campaign.id.in_(ids.values()))
            ).all()
        )
        _settle_currency(session, ids, slugs, rows)
        first, last = min(r.day for r in rows), max(r.day for r in rows)
        old = _stored(session, list(ids.values()), first, last, platform)
        metric_rows = [
            MetricRow(0, str(ids[r.external_id]), r.day, platform, r.counters) for r in rows
        ]
        keyed = {str(cid): cid for cid in ids.values()}
        conn = session.connection()
        before = upsert.count_rows(conn, team_id)
        changed = upsert.write_rows(conn, metric_rows, keyed, upsert.counters_in(metric_rows))
        inserted = upsert.count_rows(conn, team_id) - before
        if changed:
            summaries.refresh(conn, ids.values(), first, last)
        restated = []
        for r in rows:
            cid = ids[r.external_id]
            stored = old.get((cid, r.day))
            if stored is None:
                continue
            for counter in COUNTERS:
                new, was = r.counters.get(counter), stored.get(counter)
                if new is not None and was is not None and abs(new - was) > SAME:
                    restated.append(Restated(slugs[cid], r.day, counter, was, new))
        session.execute(
            update(Campaign).where(Campaign.id.in_(ids.values())).values(last_import_at=utcnow())
        )
    restated.sort(key=lambda x: (x.day, x.campaign, COUNTERS.index(x.counter)))
    return WindowResult(
        len(rows), inserted, changed - inserted, tuple(restated), tuple(sorted(slugs.values()))
    )


def _campaign_ids(
    session: Session, team_id: str, source: str, names: Mapping[str, str]
) -> dict[str, int]:
    """Campaign ids by the platform's campaign id. An id seen for the first time gets the
    campaign its name slugs to when that campaign is not yet another id's (a CSV import of
    the same campaign), else a new campaign (`<slug>-<id>` when the name is taken)."""
    mapped = select(PlatformCampaign.external_id, PlatformCampaign.campaign_id).where(
        PlatformCampaign.team_id == team_id, PlatformCampaign.platform == source
    )
    known: dict[str, int] = dict(session.execute(mapped).all())
    linked = set(known.values())
    for external_id, name in sorted(names.items()):
        if external_id in known:
            continue
        slug = slugify(name) or external_id
        found = session.scalars(
            select(Campaign.id).where(Campaign.team_id == team_id, Campaign.slug == slug)
        ).first()
        if found is not None and found in linked:
            slug, found = f"{slug}-{external_id}"[:100], None
            found = session.scalars(
                select(Campaign.id).where(Campaign.team_id == team_id, Campaign.slug == slug)
            ).first()
        if found is None:
            row = Campaign(team_id=team_id, slug=slug, name=name[:200] or slug)
            session.add(row)
            session.flush()
            found = row.id
        session.add(
            PlatformCampaign(
                team_id=team_id, platform=source, external_id=external_id, campaign_id=found
            )
        )
        known[external_id] = found
        linked.add(found)
    session.flush()
    return {external_id: known[external_id] for external_id in names}


def _settle_currency(
    session: Session, ids: Mapping[str, int], slugs: Mapping[int, str], rows: Sequence[SyncedRow]
) -> None:
    reported = {ids[r.external_id]: r.currency for r in rows if r.currency}
    if not reported:
        return
    query = select(Campaign.id, Campaign.currency).where(Campaign.id.in_(reported))
    for cid, stored in session.execute(query):
        code = reported[cid]
        if stored is None:
            if any(MONEY_COUNTERS & set(r.counters) for r in rows):
                session.execute(update(Campaign).where(Campaign.id == cid).values(currency=code))
        elif stored != code:
            raise CurrencyMismatch(slugs[cid], stored, code)


def _stored(
    session: Session, campaign_ids: list[int], first: dt.date, last: dt.date, platform: str
) -> dict[tuple[int, dt.date], dict[str, float]]:
    query = select(DailyMetric).where(
        DailyMetric.campaign_id.in_(campaign_ids),
        DailyMetric.day.between(first, last),
        DailyMetric.platform == platform,
    )
    found: dict[tuple[int, dt.date], dict[str, float]] = {}
    for row in session.scalars(query):
        values = {c: getattr(row, c) for c in COUNTERS}
        found[(row.campaign_id, row.day)] = {
            c: float(v) for c, v in values.items() if v is not None
        }
    return found
