"""The Google Ads client against a loopback token endpoint and searchStream: the refresh
grant sent once, the GAQL and headers it sends, rows worked out by hand (cost_micros ÷ 10⁶,
fractional conversions exactly as reported, zero metrics left out by proto3 JSON read as
0), the retry delay RESOURCE_EXHAUSTED names, and a revoked refresh token."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from storage.errors import PlatformError, TokenRejected
from storage.sync.google_ads import GoogleAdsClient, customer_id
from tests.fake_google_ads import FakeGoogleAds, quota_error, result

SECRETS = {"developer_token": "DEV-TOKEN-test", "client_id": "123.apps.googleusercontent.com",
           "client_secret": "GOCSPX-test", "refresh_token": "1//refresh-test"}  # fmt: skip


@pytest.fixture
def google() -> Iterator[FakeGoogleAds]:
    fake = FakeGoogleAds()
    fake.results = [
        result("111", "Search NL", "2026-11-27", impressions=5000, clicks=250,
               cost_micros=123_450_000, conversions=8.17, value=420.5),
        result("111", "Search NL", "2026-11-28", impressions=4000, clicks=0, cost_micros=0),
        result("222", "PMax", "2026-11-28", impressions=9000, clicks=300,
               cost_micros=99_999_999, conversions=0.15, value=12.0),
    ]  # fmt: skip
    yield fake.start()
    fake.stop()


def client(google: FakeGoogleAds, sleeps: list[float] | None = None, **kw: str) -> GoogleAdsClient:
    record = sleeps if sleeps is not None else []
    return GoogleAdsClient("123-456-7890", SECRETS, api_url=google.url,
                           token_url=google.token_url, sleep=record.append, **kw)  # fmt: skip


def test_check_gets_a_token_then_asks_for_the_customer(google: FakeGoogleAds) -> None:
    info = client(google, login_customer="999-888-7777").check()
    assert (info.account_id, info.name, info.currency, info.timezone) == (
        "1234567890",
        "Acme Search",
        "EUR",
        "Europe/Amsterdam",
    )
    token, search, campaigns = google.requests
    assert token.path == "/token" and token.form == {
        "grant_type": "refresh_token",
        "client_id": SECRETS["client_id"],
        "client_secret": SECRETS["client_secret"],
        "refresh_token": SECRETS["refresh_token"],
    }
    assert search.path == "/v26/customers/1234567890/googleAds:searchStream"
    assert search.headers["authorization"] == "Bearer ya29.access-test"
    assert search.headers["developer-token"] == "DEV-TOKEN-test"
    assert search.headers["login-customer-id"] == "9998887777"
    assert "FROM customer" in json.loads(search.form["json"])["query"]
    assert json.loads(campaigns.form["json"])["query"] == (
        "SELECT campaign.name FROM campaign WHERE campaign.status != 'REMOVED'"
    )
    assert campaigns.headers["login-customer-id"] == "9998887777"
    # the fixture's results hold two campaigns, Search NL (111) and PMax (222)
    assert (info.campaigns, info.campaign_names) == (2, ("Search NL", "PMax"))


def test_check_counts_every_streamed_campaign_but_the_removed(google: FakeGoogleAds) -> None:
    google.campaigns = [{"id": "1", "name": "Summer <@U123> *sale*", "status": "ENABLED"},
                        {"id": "2", "name": "Gone", "status": "REMOVED"},
                        {"id": "3", "name": "Brand", "status": "PAUSED"},
                        {"id": "4", "name": "Leads Q4", "status": "ENABLED"},
                        {"id": "5", "name": "Retarget", "status": "ENABLED"}]  # fmt: skip
    info = client(google).check()
    # 5 listed, 1 removed: 4 rows over two stream batches of 2; the first three shown raw
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        4, ("Summer <@U123> *sale*", "Brand", "Leads Q4"), False)  # fmt: skip


def test_a_refused_campaign_list_leaves_the_check_standing(google: FakeGoogleAds) -> None:
    google.refuse_campaigns = True
    info = client(google).check()
    assert (info.name, info.campaigns, info.campaign_names) == ("Acme Search", None, ())


def test_daily_rows_as_google_defines_them(google: FakeGoogleAds) -> None:
    ads = client(google)
    rows = ads.fetch(dt.date(2026, 11, 2), dt.date(2026, 11, 29))
    query = json.loads(google.requests[-1].form["json"])["query"]
    assert "segments.date BETWEEN '2026-11-02' AND '2026-11-29'" in query
    assert "metrics.cost_micros" in query and "FROM campaign" in query
    assert [(r.external_id, r.name, r.day) for r in rows] == [
        ("111", "Search NL", dt.date(2026, 11, 27)),
        ("111", "Search NL", dt.date(2026, 11, 28)),
        ("222", "PMax", dt.date(2026, 11, 28)),
    ]
    assert dict(rows[0].counters) == {"impressions": 5000, "clicks": 250, "spend": 123.45,
                                      "conversions": 8.17, "revenue": 420.5}  # fmt: skip
    # zero metrics are left out of the answer: they are 0, not "not reported"
    assert dict(rows[1].counters) == {"impressions": 4000, "clicks": 0, "spend": 0,
                                      "conversions": 0, "revenue": 0}  # fmt: skip
    assert rows[2].counters["spend"] == 99.999999 and rows[2].counters["conversions"] == 0.15
    assert rows[0].currency == "EUR"
    assert sum(1 for r in google.requests if r.path == "/token") == 1  # one token per client


def test_resource_exhausted_waits_the_retry_delay_it_names(google: FakeGoogleAds) -> None:
    google.queued.append((429, quota_error("42s")))
    sleeps: list[float] = []
    assert len(client(google, sleeps).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 28))) == 3
    assert sleeps == [42.0]


def test_a_revoked_refresh_token_stops(google: FakeGoogleAds) -> None:
    google.revoked = True
    with pytest.raises(TokenRejected) as raised:
        client(google).check()
    assert "expired or revoked" in raised.value.detail
    assert raised.value.key == "sync.error.google_token"


def test_customer_ids_are_read_or_refused() -> None:
    assert customer_id("123-456-7890") == "1234567890"
    assert customer_id("1234567890") == "1234567890"
    with pytest.raises(PlatformError):
        customer_id("123-45")
