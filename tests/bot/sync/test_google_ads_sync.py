"""A Google Ads sync below Slack, on SQLite and PostgreSQL: rows stored on platform
`google` (as the Google Ads CSV import keeps them), fractional conversions exactly,
cost_micros as money, the 30-day look-back, a restatement reported, and a revoked refresh
token stopping the connection."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.services import Services
from bot.sync import texts
from bot.sync.runner import SyncReport, sync_connection
from bot.sync.sources import make_source, vault
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.fake_google_ads import FakeGoogleAds, result
from tests.storage.test_sync_google_ads import SECRETS

TEAM = "T0GADS"


@pytest.fixture
def google() -> Iterator[FakeGoogleAds]:
    fake = FakeGoogleAds()
    fake.results = [
        result("111", "Search NL", "2026-11-27", impressions=5000, clicks=250,
               cost_micros=123_450_000, conversions=8.17, value=420.5),
        result("111", "Search NL", "2026-11-28", impressions=4000, clicks=120,
               cost_micros=80_000_000, conversions=0.15, value=7.5),
    ]  # fmt: skip
    yield fake.start()
    fake.stop()


@pytest.fixture
def services(services_on: Services, google: FakeGoogleAds) -> Services:  # noqa: F811
    settings = dataclasses.replace(
        services_on.settings, secret_keys=(Fernet.generate_key().decode(),),
        platform_urls={"google-ads": google.url, "google-token": google.token_url},
        sync_backfill_days=30,
    )  # fmt: skip
    return dataclasses.replace(services_on, settings=settings)


def sync(services: Services, conn_id: int) -> SyncReport:
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None
    source = make_source(services.settings, "google-ads", conn.account_id, SECRETS,
                         sleep=lambda s: None)  # fmt: skip
    return sync_connection(services, conn, source=source)


def connect(services: Services) -> int:
    info = make_source(services.settings, "google-ads", "123-456-7890", SECRETS).check()
    services.repo.ensure_workspace(TEAM)
    return services.connections.save(
        TEAM, "google-ads", info.account_id, vault(services.settings).seal(SECRETS),
        account_name=info.name, currency=info.currency, timezone=info.timezone,
        channel_id=None, api_url=None,
    ).id  # fmt: skip


def stored(services: Services) -> list[tuple]:
    query = text(
        "SELECT c.slug, m.day, m.platform, m.impressions, m.clicks, m.spend, m.conversions, "
        "m.revenue, m.reach FROM daily_metrics m JOIN campaigns c ON c.id = m.campaign_id "
        "WHERE c.team_id = :team ORDER BY m.day"
    )
    with services.engine.connect() as conn:
        return [
            (r[0], str(r[1]), r[2], r[3], r[4], Decimal(str(r[5])), Decimal(str(r[6])),
             Decimal(str(r[7])), r[8])
            for r in conn.execute(query, {"team": TEAM})
        ]  # fmt: skip


def test_google_ads_rows_exact_and_restated(services: Services, google: FakeGoogleAds) -> None:
    conn_id = connect(services)
    report = sync(services, conn_id)
    assert report.ok and (report.since, report.until) == (
        dt.date(2026, 10, 31), dt.date(2026, 11, 29))  # 30 days to yesterday  # fmt: skip
    assert stored(services) == [
        ("search-nl", "2026-11-27", "google", 5000, 250, Decimal("123.45"), Decimal("8.17"),
         Decimal("420.5"), None),
        ("search-nl", "2026-11-28", "google", 4000, 120, Decimal("80"), Decimal("0.15"),
         Decimal("7.5"), None),
    ]  # fmt: skip
    google.results[0] = result("111", "Search NL", "2026-11-27", impressions=5000, clicks=250,
                               cost_micros=123_450_000, conversions=9.33, value=450.0)  # fmt: skip
    again = sync(services, conn_id)
    assert (again.inserted, again.updated) == (0, 1)
    assert "27 Nov 2026 search-nl conversions 8.17 → 9.33" in "\n".join(
        texts.report_lines(again, "en"))  # fmt: skip
    assert stored(services)[0][6] == Decimal("9.33")
    # conversions to date: 9.33 + 0.15, summed exactly
    answer = services.repo.totals(TEAM, None, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert answer.counters["conversions"] == pytest.approx(9.48, abs=1e-9)


def test_a_revoked_refresh_token_stops_google_ads(
    services: Services, google: FakeGoogleAds
) -> None:
    conn_id = connect(services)
    google.revoked = True
    report = sync(services, conn_id)
    assert report.stopped
    shown = "\n".join(texts.report_lines(report, "en"))
    assert "Google Ads no longer accepts the credentials" in shown
    assert "/kpi connect google-ads" in shown
