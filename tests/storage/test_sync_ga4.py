"""The GA4 client against a loopback token endpoint and Data API: the service account's
JWT (signature checked by the fake with the public key), the runReport it sends, rows
worked out by hand (sessions, key events, revenue; `(direct)` skipped), paging
by offset, slowing down on the property quota, and a key that no longer works."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from storage.errors import PlatformError, TokenRejected
from storage.sync.ga4 import Ga4Client, property_id
from tests.fake_ga4 import FakeGa4, row, service_account


@pytest.fixture
def ga4() -> Iterator[FakeGa4]:
    fake = FakeGa4().start()
    key, public = service_account(fake.token_url)
    fake.public_key = public
    fake.key = key  # type: ignore[attr-defined]
    fake.rows = [
        row("2026-11-27", "c-1", "summer_sale", 420, 12.0, 980.5),
        row("2026-11-27", "(not set)", "(direct)", 900, 3.0, 120.0),
        row("2026-11-28", "c-1", "summer_sale", 380, 9.5, 700.0),
        row("2026-11-28", "(not set)", "newsletter", 55, 1.0, 40.0),
    ]
    yield fake
    fake.stop()


def client(fake: FakeGa4, sleeps: list[float] | None = None) -> Ga4Client:
    record = sleeps if sleeps is not None else []
    return Ga4Client("properties/412345678", fake.key, api_url=fake.url,  # type: ignore[attr-defined]
                     admin_url=fake.url, sleep=record.append)  # fmt: skip


def test_a_signed_jwt_then_the_report(ga4: FakeGa4) -> None:
    rows = client(ga4).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 29))
    token, *reports = ga4.requests
    claims = ga4.claims(token.form["assertion"])
    assert claims is not None
    assert claims["iss"] == "kpibot@acme-analytics.iam.gserviceaccount.com"
    assert claims["scope"] == "https://www.googleapis.com/auth/analytics.readonly"
    assert claims["aud"] == ga4.token_url and claims["exp"] - claims["iat"] == 3600
    assert token.form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    assert len(reports) == 2  # 4 rows, 2 a page
    sent = json.loads(reports[0].form["json"])
    assert reports[0].path == "/v1beta/properties/412345678:runReport"
    assert sent["dateRanges"] == [{"startDate": "2026-11-27", "endDate": "2026-11-29"}]
    assert [m["name"] for m in sent["metrics"]] == ["sessions", "keyEvents", "totalRevenue"]
    assert json.loads(reports[1].form["json"])["offset"] == 2
    assert [(r.external_id, r.name, r.day, dict(r.counters)) for r in rows] == [
        ("c-1", "summer_sale", dt.date(2026, 11, 27),
         {"sessions": 420, "conversions": 12.0, "revenue": 980.5}),
        ("c-1", "summer_sale", dt.date(2026, 11, 28),
         {"sessions": 380, "conversions": 9.5, "revenue": 700.0}),
        ("name:newsletter", "newsletter", dt.date(2026, 11, 28),
         {"sessions": 55, "conversions": 1.0, "revenue": 40.0}),
    ]  # fmt: skip
    assert {r.currency for r in rows} == {"EUR"}


def test_the_check_names_the_property_by_its_display_name(ga4: FakeGa4) -> None:
    ga4.display_name = "Acme webshop (NL)"
    info = client(ga4).check()
    assert (info.account_id, info.name, info.currency, info.timezone, info.note) == (
        "412345678", "Acme webshop (NL)", "EUR", "Europe/Amsterdam", None,
    )  # fmt: skip
    # no campaign list outside reports: unknown, said to come after the first sync
    assert (info.campaigns, info.campaigns_after_sync) == (None, True)
    admin = [r for r in ga4.requests if r.method == "GET"]
    assert [r.path for r in admin] == ["/v1beta/properties/412345678"]
    assert admin[0].headers["authorization"] == f"Bearer {ga4.access_token}"


def test_a_refused_admin_call_names_it_by_its_id_with_a_note(ga4: FakeGa4) -> None:
    ga4.admin_refused = True
    info = client(ga4).check()
    assert (info.name, info.currency, info.timezone) == (
        "property 412345678", "EUR", "Europe/Amsterdam",
    )  # fmt: skip
    assert info.note == "sync.note.ga4_no_admin"
    assert info.campaigns_after_sync


def test_a_property_quota_near_its_limit_slows_down(ga4: FakeGa4) -> None:
    ga4.used, ga4.remaining = 36000, 4000  # 90 % of the hour's tokens used
    sleeps: list[float] = []
    client(ga4, sleeps).check()
    assert sleeps == [pytest.approx(36.0)]


def test_a_key_google_no_longer_accepts_stops(ga4: FakeGa4) -> None:
    other, _ = service_account(ga4.token_url)
    with pytest.raises(TokenRejected) as raised:
        Ga4Client("412345678", other, api_url=ga4.url).check()
    assert "Invalid JWT Signature" in raised.value.detail


def test_property_ids() -> None:
    assert property_id("412345678") == "412345678"
    with pytest.raises(PlatformError):
        property_id("UA-1234-1")
