"""A synced window into daily_metrics, in one transaction: the platform's campaign ids
mapped to kpibot's campaigns (created the first time, linked to a campaign of the same name
that a CSV import made), the stored numbers read, the rows upserted on (campaign, day,
platform) with storage.campaigns.upsert — values overwritten, never added — and every stored number
that changed reported as a restatement ("3 Oct conversions 12 → 16"). A (campaign, day) row
of this connection's campaigns inside the window that the platform no longer returns (its
conversions deleted, the day now empty) is removed and reported with what it held; only
rows of this connection's campaigns on its own platform word, one day each, are looked at
(a CSV import's other platforms and period totals, and other connections, are never touched)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select, tuple_, update
from sqlalchemy.orm import Session

from kpi.counters import COUNTERS, MONEY_COUNTERS
from storage.campaigns import summaries, upsert
from storage.campaigns.naming import slugify
from storage.campaigns.records import MetricRow
from storage.connections import renew_in
from storage.errors import CurrencyMismatch, LeaseLost
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
    #: the platform no longer returns this (campaign, day): the row was removed
    gone: bool = False


@dataclass(frozen=True, slots=True)
class WindowResult:
    rows: int
    inserted: int
    updated: int
    restated: tuple[Restated, ...]
    campaigns: tuple[str, ...]  # slugs
    removed: int = 0  # rows the platform no longer returns

    @property
    def unchanged(self) -> int:
        return self.rows - self.inserted - self.updated


def store_window(
    engine: Engine,
    team_id: str,
    source: str,
    platform: str,
    rows: Sequence[SyncedRow],
    *,
    window: tuple[dt.date, dt.date] | None = None,
    connection_id: int | None = None,
    lease: tuple[str, dt.timedelta] | None = None,
) -> WindowResult:
    """Upsert `rows` of `source` (a connection's platform, e.g. "meta") as `platform` rows
    (the word daily_metrics keeps, the same as the platform's CSV import). The workspace must
    exist. With `window` (the days asked for) and `connection_id`, the rows of this
    connection's campaigns in the window that `rows` no longer hold are removed. Raises
    CurrencyMismatch, writing nothing, when a campaign is kept in another currency than the
    platform reports. With `lease` (its owner and length) and `connection_id`, the same
    transaction first renews the connection's sync lease and raises LeaseLost, writing
    nothing, when another process holds it now."""
    if not rows and (window is None or connection_id is None):
        return WindowResult(0, 0, 0, (), ())
    with Session(engine) as session, session.begin():
        if lease is not None and connection_id is not None:
            if not renew_in(session, connection_id, *lease):
                raise LeaseLost(connection_id)
        names = {row.external_id: row.name for row in rows}
        ids = _campaign_ids(session, team_id, source, names, connection_id)
        owned = _owned(session, team_id, source, connection_id) | set(ids.values())
        slugs = dict(
            session.execute(select(Campaign.id, Campaign.slug).where(Campaign.id.in_(owned))).all()
        )
        _settle_currency(session, ids, slugs, rows)
        days = [r.day for r in rows]
        first, last = window or (min(days), max(days))
        periods: set[tuple[int, dt.date]] = set()
        old = _stored(session, list(owned), first, last, platform, periods)
        metric_rows = [
            MetricRow(0, str(ids[r.external_id]), r.day, platform, r.counters) for r in rows
        ]
        keyed = {str(cid): cid for cid in ids.values()}
        conn = session.connection()
        before = upsert.count_rows(conn, team_id)
        changed = upsert.write_rows(conn, metric_rows, keyed, upsert.counters_in(metric_rows))
        inserted = upsert.count_rows(conn, team_id) - before
        returned = {(ids[r.external_id], r.day) for r in rows}
        gone = sorted(old.keys() - returned - periods) if connection_id else []
        _remove(session, platform, gone)
        if changed or gone:
            summaries.refresh(conn, owned, first, last)
        restated = _restated(rows, ids, slugs, old)
        for cid, day in gone:
            restated += [
                Restated(slugs[cid], day, counter, value, 0.0, gone=True)
                for counter, value in old[(cid, day)].items()
                if abs(value) > SAME
            ]
        session.execute(
            update(Campaign).where(Campaign.id.in_(ids.values())).values(last_import_at=utcnow())
        )
    restated.sort(key=lambda x: (x.day, x.campaign, COUNTERS.index(x.counter)))
    return WindowResult(
        len(rows), inserted, changed - inserted, tuple(restated),
        tuple(sorted(slugs[cid] for cid in ids.values())), len(gone),
    )  # fmt: skip


def _restated(
    rows: Sequence[SyncedRow],
    ids: Mapping[str, int],
    slugs: Mapping[int, str],
    old: Mapping[tuple[int, dt.date], Mapping[str, float]],
) -> list[Restated]:
    found = []
    for r in rows:
        cid = ids[r.external_id]
        stored = old.get((cid, r.day))
        if stored is None:
            continue
        for counter in COUNTERS:
            new, was = r.counters.get(counter), stored.get(counter)
            if new is not None and was is not None and abs(new - was) > SAME:
                found.append(Restated(slugs[cid], r.day, counter, was, new))
    return found


def _owned(session: Session, team_id: str, source: str, connection_id: int | None) -> set[int]:
    """The campaigns this connection's sync maps (none without a connection)."""
    if connection_id is None:
        return set()
    query = select(PlatformCampaign.campaign_id).where(
        PlatformCampaign.team_id == team_id,
        PlatformCampaign.platform == source,
        PlatformCampaign.connection_id == connection_id,
    )
    return set(session.scalars(query))


def _remove(session: Session, platform: str, gone: Sequence[tuple[int, dt.date]]) -> None:
    for first in range(0, len(gone), 500):
        part = gone[first : first + 500]
        session.execute(
            delete(DailyMetric).where(
                DailyMetric.platform == platform,
                DailyMetric.day_end.is_(None),
                tuple_(DailyMetric.campaign_id, DailyMetric.day).in_(part),
            )
        )


def _campaign_ids(
    session: Session,
    team_id: str,
    source: str,
    names: Mapping[str, str],
    connection_id: int | None = None,
) -> dict[str, int]:
    """Campaign ids by the platform's campaign id. An id seen for the first time gets the
    campaign its name slugs to when that campaign is not yet another id's (a CSV import of
    the same campaign), else a new campaign (`<slug>-<id>` when the name is taken). The ids
    reported are marked as this connection's."""
    mapped = select(PlatformCampaign.external_id, PlatformCampaign.campaign_id).where(
        PlatformCampaign.team_id == team_id, PlatformCampaign.platform == source
    )
    known: dict[str, int] = dict(session.execute(mapped).all())
    if connection_id is not None and names:
        reported = [e for e in names if e in known]
        for first in range(0, len(reported), 500):
            session.execute(
                update(PlatformCampaign)
                .where(
                    PlatformCampaign.team_id == team_id,
                    PlatformCampaign.platform == source,
                    PlatformCampaign.external_id.in_(reported[first : first + 500]),
                )
                .values(connection_id=connection_id)
            )
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
                team_id=team_id, platform=source, external_id=external_id, campaign_id=found,
                connection_id=connection_id,
            )
        )  # fmt: skip
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
    session: Session,
    campaign_ids: list[int],
    first: dt.date,
    last: dt.date,
    platform: str,
    periods: set[tuple[int, dt.date]],
) -> dict[tuple[int, dt.date], dict[str, float]]:
    """The rows of these campaigns on `platform` starting in [first, last]; the keys of rows
    that are period totals (a CSV import's, with a `day_end`) are added to `periods`."""
    query = select(DailyMetric).where(
        DailyMetric.campaign_id.in_(campaign_ids),
        DailyMetric.day.between(first, last),
        DailyMetric.platform == platform,
    )
    found: dict[tuple[int, dt.date], dict[str, float]] = {}
    for row in session.scalars(query):
        if row.day_end is not None:
            periods.add((row.campaign_id, row.day))
        values = {c: getattr(row, c) for c in COUNTERS}
        found[(row.campaign_id, row.day)] = {
            c: float(v) for c, v in values.items() if v is not None
        }
    return found
