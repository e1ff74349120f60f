"""LinkedIn with a programmatic refresh token, on SQLite and PostgreSQL, against the
loopback fake: each client trades the refresh token for an access token first (the form
sent as documented), the refresh token's expiry (`refresh_token_expires_in` seconds from
now) is stored at connect and kept across syncs (it drifts by the seconds a request
takes), the channel is warned a week ahead naming what to do, and an expired refresh
token stops the connection saying how to reconnect. Without a refresh token nothing is
traded and no expiry is known. Slack is a recording client."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet

from bot.services import Services
from bot.sync import texts
from bot.sync.expiry import warn_expiring
from bot.sync.runner import sync_connection
from bot.sync.sources import PLATFORMS, given_secrets, make_source, partial_secrets, vault
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)
from tests.bot.sync.test_expiry import Recorder, on
from tests.fake_linkedin import FakeLinkedIn, element

TEAM = "T0LINKX"
DAY = 86_400


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    fake = FakeLinkedIn()
    fake.campaigns = [{"id": 701, "name": "CFO Webinar"}]
    fake.elements = [element("701", "2026-11-27", impressions=3000, clicks=45,
                             costInLocalCurrency="210.5")]  # fmt: skip
    yield fake.start()
    fake.stop()


@pytest.fixture
def services(
    services_on: Services,  # noqa: F811
    linkedin: FakeLinkedIn,
    monkeypatch: pytest.MonkeyPatch,
) -> Services:
    settings = dataclasses.replace(
        services_on.settings, secret_keys=(Fernet.generate_key().decode(),),
        platform_urls={"linkedin": linkedin.url,
                       "linkedin-token": f"{linkedin.url}/oauth/v2/accessToken"},
        sync_backfill_days=30,
    )  # fmt: skip
    return dataclasses.replace(services_on, settings=settings)


def secrets(fake: FakeLinkedIn) -> dict[str, str]:
    return {"token": "AQV-first-access", "refresh_token": fake.refresh_token,
            "client_id": fake.client_id, "client_secret": fake.client_secret}  # fmt: skip


def connect(services: Services, fake: FakeLinkedIn, given: dict[str, str]) -> int:
    source = make_source(services.settings, "linkedin", "512345678", given)
    info = source.check()
    services.repo.ensure_workspace(TEAM)
    conn = services.connections.save(
        TEAM, "linkedin", info.account_id, vault(services.settings).seal(given),
        account_name=info.name, currency=info.currency, timezone=info.timezone,
        channel_id="C0LINK", api_url=None, token_expires_at=source.token_expiry(),
    )  # fmt: skip
    return conn.id


def test_the_refresh_token_is_traded_and_its_expiry_kept(
    services: Services, linkedin: FakeLinkedIn
) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    conn_id = connect(services, linkedin, secrets(linkedin))
    after = dt.datetime.now(dt.UTC)
    posted = linkedin.requests[0]
    assert (posted.method, posted.path) == ("POST", "/oauth/v2/accessToken")
    assert posted.form == {"grant_type": "refresh_token", "refresh_token": "AQX-refresh",
                           "client_id": "86-client", "client_secret": "app-secret"}  # fmt: skip
    assert linkedin.requests[1].headers["authorization"] == "Bearer AQV-refreshed-1"
    assert linkedin.refreshes == 1  # check and token_expiry share one trade
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.token_expires_at is not None
    year = dt.timedelta(days=365)  # 31,536,000 s
    assert before + year <= conn.token_expires_at <= after + year
    first = conn.token_expires_at
    linkedin.refresh_expires_in -= 30  # 30 s later: the same refresh token, 30 s less left
    report = sync_connection(services, conn)
    assert report.ok and report.rows == 1 and linkedin.refreshes == 2
    again = services.connections.get(TEAM, conn_id)
    assert again is not None and again.token_expires_at == first  # kept: the same token


def test_warned_a_week_before_the_refresh_token_runs_out(
    services: Services, linkedin: FakeLinkedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    slack = Recorder()
    monkeypatch.setattr(services.clients, "client_or_none", lambda team: slack)
    linkedin.refresh_expires_in = 6 * DAY + DAY // 2  # 6.5 days: 6 or 7 calendar days left
    conn_id = connect(services, linkedin, secrets(linkedin))
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.token_expires_at is not None
    zone = ZoneInfo("Europe/Amsterdam")
    today = dt.datetime.now(zone).date()
    expires = conn.token_expires_at.astimezone(zone).date()
    assert (expires - today).days in (6, 7)
    assert warn_expiring(on(services, today)) == 1
    assert warn_expiring(on(services, today)) == 0
    said = slack.posts[0]["text"]
    assert said.startswith(f":warning: The LinkedIn token of *Acme B2B* (512345678) expires on "
                           f"{expires.day} {expires:%b %Y}")  # fmt: skip
    assert "open `/kpi connect linkedin` and paste the new access and refresh tokens" in said
    line = texts.connection_line(conn, "Europe/Amsterdam", "en")
    assert line.endswith(f"token expires {expires.day} {expires:%b %Y}")


def test_an_expired_refresh_token_stops_the_connection(
    services: Services, linkedin: FakeLinkedIn
) -> None:
    conn_id = connect(services, linkedin, secrets(linkedin))
    linkedin.refresh_expires_in = 0  # the 365 days are over: LinkedIn answers 400
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None
    report = sync_connection(services, conn)
    assert report.stopped and report.error is not None
    said = texts.report_lines(report, "en")[0]
    assert "no longer accepts the refresh token" in said and "`/kpi connect linkedin`" in said
    assert "refresh token is invalid, expired or revoked" in said
    assert "koppel opnieuw" not in said
    assert "`/kpi koppel linkedin`" in texts.report_lines(report, "nl")[0]


def test_without_a_refresh_token_nothing_is_traded(
    services: Services, linkedin: FakeLinkedIn
) -> None:
    conn_id = connect(services, linkedin, {"token": linkedin.token})
    conn = services.connections.get(TEAM, conn_id)
    assert conn is not None and conn.token_expires_at is None
    assert all(r.method == "GET" for r in linkedin.requests) and linkedin.refreshes == 0


def test_the_refresh_secrets_go_together() -> None:
    spec = PLATFORMS["linkedin"]
    full = {"account": "1", "token": "a", "refresh_token": "r", "client_id": "c",
            "client_secret": "s"}  # fmt: skip
    assert partial_secrets(spec, full) is None
    assert given_secrets(spec, full) == {"token": "a", "refresh_token": "r", "client_id": "c",
                                         "client_secret": "s"}  # fmt: skip
    assert partial_secrets(spec, {"token": "a"}) is None
    assert given_secrets(spec, {"token": "a", "client_id": ""}) == {"token": "a"}
    assert partial_secrets(spec, {"token": "a", "refresh_token": "r"}) == "client_id"
    assert partial_secrets(spec, {"token": "a", "client_id": "c", "client_secret": "s"}) == (
        "refresh_token"
    )
