"""A Meta sync end to end below Slack, on SQLite and PostgreSQL: connect (credentials
sealed), sync the window (values by hand), again (nothing changes), a restatement (reported
and overwritten, never added), a renamed campaign (still one campaign), a revoked token
(the connection stops, the text says what to do) and the lease (never twice at once)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.services import Services
from bot.sync import texts
from bot.sync.runner import sync_connection
from bot.sync.sources import make_source, vault
from storage.models import Connection
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.fake_meta import FakeMeta, error_body, item

ACT = "act_555"
TEAM = "T0SYNC"
KEY = Fernet.generate_key().decode()
# today 30 Nov 2026 (both_dbs.TODAY): yesterday 29 Nov, the 28-day look-back from 2 Nov.


@pytest.fixture
def meta() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    fake.accounts[ACT] = {"name": "Acme", "currency": "EUR", "timezone_name": "Europe/Amsterdam"}
    fake.insights[ACT] = [
        item("9001", "Summer Sale", "2026-11-27", impressions=1000, reach=800, spend="50.00",
             link_clicks=40, purchases=12, revenue="600.00"),
        item("9001", "Summer Sale", "2026-11-28", impressions=2000, reach=1500, spend="70.00",
             link_clicks=60, purchases=3, revenue="150.00"),
        item("9002", "Leads Q4", "2026-11-28", impressions=500, reach=450, spend="20.00",
             link_clicks=10, leads=4),
    ]  # fmt: skip
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def services(services_on: Services, meta: FakeMeta) -> Services:  # noqa: F811
    settings = dataclasses.replace(
        services_on.settings, secret_keys=(KEY,), platform_urls={"meta": meta.url},
        sync_backfill_days=28,
    )  # fmt: skip
    return dataclasses.replace(services_on, settings=settings)


def connect(services: Services, meta: FakeMeta) -> int:
    source = make_source(services.settings, "meta", ACT, {"token": meta.token})
    info = source.check()
    services.repo.ensure_workspace(TEAM)
    conn = services.connections.save(
        TEAM, "meta", info.account_id, vault(services.settings).seal({"token": meta.token}),
        account_name=info.name, currency=info.currency, timezone=info.timezone,
        channel_id="C0SYNC", api_url=None, token_expires_at=source.token_expiry(),
    )  # fmt: skip
    return conn.id


def sync(services: Services, conn_id: int):  # type: ignore[no-untyped-def]
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None
    source = make_source(services.settings, "meta", ACT, {"token": "EAAB-test-token"},
                         sleep=lambda s: None)  # fmt: skip
    return sync_connection(services, conn, source=source)


def stored(services: Services) -> dict[tuple[str, str], tuple]:
    query = text(
        "SELECT c.slug, m.day, m.impressions, m.reach, m.clicks, m.spend, m.conversions, "
        "m.revenue, m.leads, m.platform FROM daily_metrics m JOIN campaigns c "
        "ON c.id = m.campaign_id WHERE c.team_id = :team ORDER BY c.slug, m.day"
    )
    with services.engine.connect() as conn:
        return {
            (r[0], str(r[1])): (r[2], r[3], r[4], float(r[5]), float(r[6]), float(r[7]),
                                float(r[8]), r[9])
            for r in conn.execute(query, {"team": TEAM})
        }  # fmt: skip


EXPECTED = {
    ("summer-sale", "2026-11-27"): (1000, 800, 40, 50.0, 12.0, 600.0, 0.0, "meta"),
    ("summer-sale", "2026-11-28"): (2000, 1500, 60, 70.0, 3.0, 150.0, 0.0, "meta"),
    ("leads-q4", "2026-11-28"): (500, 450, 10, 20.0, 0.0, 0.0, 4.0, "meta"),
}


def test_the_credentials_are_sealed(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    with Session(services.engine) as session:
        row = session.get(Connection, conn_id)
        assert row is not None
        assert meta.token not in row.secret
        assert vault(services.settings).open(row.secret) == {"token": meta.token}


def test_sync_stores_the_window_and_twice_changes_nothing(
    services: Services, meta: FakeMeta
) -> None:
    conn_id = connect(services, meta)
    report = sync(services, conn_id)
    assert report.ok and (report.since, report.until) == (
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 29),
    )
    call = meta.calls("/insights")[0]
    assert call.query["time_range"] == '{"since":"2026-11-02","until":"2026-11-29"}'
    assert stored(services) == EXPECTED
    assert (report.rows, report.inserted, report.updated) == (3, 3, 0)
    again = sync(services, conn_id)
    assert (again.rows, again.inserted, again.updated, again.restated) == (3, 0, 0, [])
    assert stored(services) == EXPECTED
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.synced_through == dt.date(2026, 11, 29)
    assert conn.last_status == "ok"
    # the next run: tomorrow (by the real clock) at 06:00 Amsterdam (05:00 UTC in winter)
    # plus this connection's jitter: id 1 × 7919 mod 3600 = 719 s = 11 min 59 s
    assert conn.next_run_at is not None
    assert conn.next_run_at.time() == dt.time(5, 11, 59)
    assert conn.next_run_at.date() == dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def test_a_restatement_overwrites_and_is_reported(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    sync(services, conn_id)
    meta.insights[ACT][0] = item("9001", "Summer Sale", "2026-11-27", impressions=1000,
                                 reach=800, spend="50.00", link_clicks=40, purchases=16,
                                 revenue="790.50")  # fmt: skip
    report = sync(services, conn_id)
    assert (report.inserted, report.updated) == (0, 1)
    assert [(r.campaign, r.day, r.counter, r.old, r.new) for r in report.restated] == [
        ("summer-sale", dt.date(2026, 11, 27), "conversions", 12.0, 16.0),
        ("summer-sale", dt.date(2026, 11, 27), "revenue", 600.0, 790.5),
    ]
    row = stored(services)[("summer-sale", "2026-11-27")]
    assert (row[4], row[5]) == (16.0, 790.5)  # overwritten, not 28 / 1390.50
    lines = texts.report_lines(report, "en")
    assert "27 Nov 2026 summer-sale conversions 12 → 16" in "\n".join(lines)
    assert "27 nov. 2026 summer-sale omzet 600,00 → 790,50" in "\n".join(
        texts.report_lines(report, "nl")
    )


def test_a_renamed_campaign_stays_one_campaign(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    sync(services, conn_id)
    for entry in meta.insights[ACT]:
        if entry["campaign_id"] == "9001":
            entry["campaign_name"] = "Winter Sale"
    sync(services, conn_id)
    slugs = [c.slug for c in services.repo.list_campaigns(TEAM)]
    assert slugs == ["leads-q4", "summer-sale"]


def test_a_revoked_token_stops_the_connection(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    meta.queued.append((400, error_body(190, "Error validating access token: The user has "
                                             "not authorized application 123.",
                                        error_subcode=458), {}))  # fmt: skip
    report = sync(services, conn_id)
    assert report.stopped and not report.ok
    text_en = "\n".join(texts.report_lines(report, "en"))
    assert "no longer accepts the token" in text_en and "/kpi connect meta" in text_en
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.stopped == "sync.error.token"
    assert services.connections.due(dt.datetime(2030, 1, 1, tzinfo=dt.UTC)) == []
    line = texts.connection_line(conn, "Europe/Amsterdam", "nl")
    assert "gestopt" in line and "accepteert het token niet meer" in line
    assert stored(services) == {}


def test_a_held_lease_keeps_a_second_sync_out(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    assert services.connections.take_lease(conn_id, "other-replica")
    report = sync(services, conn_id)
    assert report.busy and meta.calls("/insights") == []
    services.connections.release(conn_id, "other-replica")
    assert sync(services, conn_id).ok


def test_a_lease_left_by_a_dead_process_is_taken_over(services: Services, meta: FakeMeta) -> None:
    conn_id = connect(services, meta)
    long_ago = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert services.connections.take_lease(conn_id, "dead", now=long_ago)
    assert sync(services, conn_id).ok


def test_a_csv_campaign_of_the_same_name_is_linked(services: Services, meta: FakeMeta) -> None:
    services.repo.ensure_workspace(TEAM)
    services.repo.ensure_campaign(TEAM, "summer-sale", "Summer Sale")
    conn_id = connect(services, meta)
    sync(services, conn_id)
    assert [c.slug for c in services.repo.list_campaigns(TEAM)] == ["leads-q4", "summer-sale"]
    with services.engine.connect() as conn:
        linked = conn.execute(select(text("count(*)")).select_from(text("platform_campaigns")))
        assert linked.scalar_one() == 2


def _summaries(services: Services) -> list[tuple]:  # type: ignore[type-arg]
    query = text(
        "SELECT campaign_id, grain, bucket, platform, rows, impressions, clicks, spend, "
        "conversions, revenue, reach_rows FROM metric_summaries ORDER BY 1, 2, 3, 4"
    )
    with services.engine.connect() as conn:
        return [tuple(str(v) for v in r) for r in conn.execute(query)]


def test_a_row_the_platform_no_longer_returns_is_removed_and_reported(
    services: Services, meta: FakeMeta
) -> None:
    from storage.campaigns import summaries
    from storage.campaigns.records import MetricRow

    services.repo.ensure_workspace(TEAM)
    # A CSV import: the same campaign on Instagram, and another campaign on the word "meta".
    services.repo.upsert_metrics(TEAM, [
        MetricRow(0, "summer-sale", dt.date(2026, 11, 27), "instagram",
                  {"impressions": 300, "clicks": 7, "spend": 9.5}),
        MetricRow(0, "newsletter", dt.date(2026, 11, 27), "meta", {"clicks": 5, "spend": 1.0}),
    ])  # fmt: skip
    conn_id = connect(services, meta)
    sync(services, conn_id)
    # Meta stops returning Summer Sale on 27 Nov (its purchases were taken back, the day
    # is empty now).
    del meta.insights[ACT][0]
    report = sync(services, conn_id)
    assert report.ok and (report.rows, report.removed) == (2, 1)
    with services.engine.connect() as conn:
        synced = conn.execute(text(
            "SELECT c.slug, m.day, m.spend FROM daily_metrics m JOIN campaigns c "
            "ON c.id = m.campaign_id WHERE m.platform = 'meta' AND c.slug <> 'newsletter' "
            "ORDER BY c.slug, m.day"
        )).all()  # fmt: skip
        assert [(r[0], str(r[1]), float(r[2])) for r in synced] == [
            ("leads-q4", "2026-11-28", 20.0), ("summer-sale", "2026-11-28", 70.0),
        ]  # fmt: skip
        untouched = conn.execute(text(
            "SELECT c.slug, m.platform, m.clicks, m.spend FROM daily_metrics m JOIN campaigns c "
            "ON c.id = m.campaign_id WHERE m.platform <> 'meta' OR c.slug = 'newsletter' "
            "ORDER BY c.slug"
        )).all()  # fmt: skip
    assert [(r[0], r[1], r[2], float(r[3])) for r in untouched] == [
        ("newsletter", "meta", 5, 1.0), ("summer-sale", "instagram", 7, 9.5),
    ]  # fmt: skip
    # Reported with what the removed row held (1000 impressions, 800 reach, 50.00 spend, 40
    # link clicks, 12 purchases worth 600.00).
    assert [(r.campaign, r.day, r.counter, r.old, r.new, r.gone) for r in report.restated] == [
        ("summer-sale", dt.date(2026, 11, 27), c, old, 0.0, True)
        for c, old in (("impressions", 1000.0), ("reach", 800.0), ("clicks", 40.0),
                       ("conversions", 12.0), ("revenue", 600.0), ("spend", 50.0))
    ]  # fmt: skip
    en = "\n".join(texts.report_lines(report, "en"))
    assert (
        "• 27 Nov 2026 summer-sale: no longer reported by the platform, so removed — "
        "impressions 1,000 → 0, reach 800 → 0, clicks 40 → 0, conversions 12 → 0, "
        "revenue 600.00 → 0, ad spend 50.00 → 0"
    ) in en
    assert "2 rows (inserted 0, updated 0, unchanged 2). Removed 1 row the platform no" in en
    nl = "\n".join(texts.report_lines(report, "nl"))
    assert "• 27 nov. 2026 summer-sale: niet meer gemeld door het platform, dus verwijderd" in nl
    assert "1 rij die het platform niet meer meldt is verwijderd." in nl
    # Summer Sale in November: 28 Nov (70.00) and the Instagram row (9.50) = 79.50; all
    # campaigns: 79.50 + 20.00 + 1.00 = 100.50; clicks 60 + 7 + 10 + 5 = 82 (whole weeks
    # read from the summaries).
    november = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    totals = services.repo.totals(TEAM, None, *november)
    assert (totals.get("spend"), totals.get("clicks")) == (100.5, 82)
    kept = _summaries(services)
    with services.engine.begin() as conn:
        summaries.refresh_all(conn)
    assert _summaries(services) == kept  # the buckets equal the rows summed again
    assert sync(services, conn_id).removed == 0  # nothing more to remove
