"""A LinkedIn sync below Slack, on SQLite and PostgreSQL: rows on platform `linkedin` (as
the LinkedIn CSV import keeps them), the 30-day look-back to yesterday (UTC), idempotent."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.services import Services
from bot.sync.runner import sync_connection
from bot.sync.sources import make_source, vault
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.fake_linkedin import FakeLinkedIn, element

TEAM = "T0LINK"


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    fake = FakeLinkedIn()
    fake.campaigns = [{"id": 701, "name": "CFO Webinar"}]
    fake.elements = [element("701", "2026-11-27", impressions=3000, clicks=45,
                             costInLocalCurrency="210.5", externalWebsiteConversions=3,
                             oneClickLeads=2)]  # fmt: skip
    yield fake.start()
    fake.stop()


def test_linkedin_rows_stored_once(
    services_on: Services,  # noqa: F811
    linkedin: FakeLinkedIn,
) -> None:
    settings = dataclasses.replace(
        services_on.settings, secret_keys=(Fernet.generate_key().decode(),),
        platform_urls={"linkedin": linkedin.url}, sync_backfill_days=30,
    )  # fmt: skip
    services = dataclasses.replace(services_on, settings=settings)
    secrets = {"token": linkedin.token}
    info = make_source(settings, "linkedin", "512345678", secrets).check()
    services.repo.ensure_workspace(TEAM)
    conn = services.connections.save(
        TEAM, "linkedin", info.account_id, vault(settings).seal(secrets), account_name=info.name,
        currency=info.currency, timezone=info.timezone, channel_id=None, api_url=None,
    )  # fmt: skip
    for expected in ((1, 1, 0), (1, 0, 0)):
        report = sync_connection(services, conn)
        assert (report.rows, report.inserted, report.updated) == expected
        assert (report.since, report.until) == (dt.date(2026, 10, 31), dt.date(2026, 11, 29))
        conn = services.connections.get(TEAM, conn.id) or conn
    query = text(
        "SELECT c.slug, m.day, m.platform, m.impressions, m.clicks, m.spend, m.conversions, "
        "m.leads FROM daily_metrics m JOIN campaigns c ON c.id = m.campaign_id "
        "WHERE c.team_id = :team"
    )
    with services.engine.connect() as db:
        [row] = db.execute(query, {"team": TEAM}).all()
    assert (row[0], str(row[1]), row[2], row[3], row[4]) == (
        "cfo-webinar",
        "2026-11-27",
        "linkedin",
        3000,
        45,
    )
    assert (float(row[5]), float(row[6]), float(row[7])) == (210.5, 3.0, 2.0)
