"""The LinkedIn client against a loopback Marketing API: the Rest.li query it sends and its
headers, campaign names over pages, rows worked out by hand, 429 backing off, and a revoked
token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from storage.errors import PlatformError, TokenRejected
from storage.sync.linkedin import LinkedInClient, ad_account
from tests.fake_linkedin import FakeLinkedIn, element


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    fake = FakeLinkedIn()
    fake.campaigns = [{"id": 701, "name": "CFO Webinar"}, {"id": 702, "name": "Lead Gen Q4"}]
    fake.elements = [
        element("701", "2026-11-27", impressions=3000, clicks=45, costInLocalCurrency="210.5",
                externalWebsiteConversions=3, conversionValueInLocalCurrency="450.0",
                reactions=12, comments=2, shares=1, follows=4),
        element("702", "2026-11-28", impressions=1000, clicks=20, costInLocalCurrency="80",
                oneClickLeads=6, videoViews=300, videoCompletions=90),
    ]  # fmt: skip
    yield fake.start()
    fake.stop()


def client(fake: FakeLinkedIn, sleeps: list[float] | None = None) -> LinkedInClient:
    record = sleeps if sleeps is not None else []
    return LinkedInClient("512345678", fake.token, api_url=fake.url, sleep=record.append)


def test_check_and_the_headers_linkedin_wants(linkedin: FakeLinkedIn) -> None:
    info = client(linkedin).check()
    assert (info.account_id, info.name, info.currency, info.timezone) == (
        "512345678",
        "Acme B2B",
        "EUR",
        "UTC",
    )
    call, campaigns = linkedin.requests
    for sent in (call, campaigns):
        assert sent.headers["linkedin-version"] == "202606"
        assert sent.headers["x-restli-protocol-version"] == "2.0.0"
        assert sent.headers["authorization"] == f"Bearer {linkedin.token}"
    assert campaigns.path == "/rest/adAccounts/512345678/adCampaigns"
    assert campaigns.query.get("q") == "search"
    # pages of 1 (campaign_page) and no paging.total: one on the page, a next page exists
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        1, ("CFO Webinar",), True)  # fmt: skip


def test_check_counts_campaigns_from_paging_total(linkedin: FakeLinkedIn) -> None:
    linkedin.campaign_page, linkedin.campaign_total = 1000, True
    info = client(linkedin).check()
    # both campaigns on one page; paging.total = 2
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        2, ("CFO Webinar", "Lead Gen Q4"), False)  # fmt: skip


def test_a_refused_campaign_list_leaves_the_check_standing(linkedin: FakeLinkedIn) -> None:
    linkedin.refuse_campaigns = True
    info = client(linkedin).check()
    assert (info.name, info.currency, info.campaigns) == ("Acme B2B", "EUR", None)


def test_daily_rows_with_names_as_linkedin_defines_them(linkedin: FakeLinkedIn) -> None:
    rows = client(linkedin).fetch(dt.date(2026, 11, 2), dt.date(2026, 11, 29))
    analytics = [r for r in linkedin.requests if r.path == "/rest/adAnalytics"][0]
    raw = analytics.form["raw_query"]
    assert "dateRange=(start:(year:2026,month:11,day:2),end:(year:2026,month:11,day:29))" in raw
    assert "accounts=List(urn%3Ali%3AsponsoredAccount%3A512345678)" in raw
    assert "pivot=CAMPAIGN" in raw and "timeGranularity=DAILY" in raw and "q=analytics" in raw
    pages = [r for r in linkedin.requests if r.path.endswith("/adCampaigns")]
    assert [p.query.get("pageToken") for p in pages] == [None, "1"]
    assert [(r.external_id, r.name, r.day, r.currency) for r in rows] == [
        ("701", "CFO Webinar", dt.date(2026, 11, 27), "EUR"),
        ("702", "Lead Gen Q4", dt.date(2026, 11, 28), "EUR"),
    ]
    assert rows[0].counters["spend"] == 210.5 and rows[0].counters["conversions"] == 3
    assert rows[0].counters["revenue"] == 450.0 and rows[0].counters["likes"] == 12
    assert rows[0].counters["followers_gained"] == 4 and rows[0].counters["leads"] == 0
    assert rows[1].counters["leads"] == 6 and rows[1].counters["video_completions"] == 90


def test_429_backs_off_then_answers(linkedin: FakeLinkedIn) -> None:
    linkedin.queued.append((429, {"status": 429, "message": "Resource level throttle limit "
                                  "for calls to this resource is reached."}))  # fmt: skip
    sleeps: list[float] = []
    assert client(linkedin, sleeps).check().name == "Acme B2B"
    assert sleeps == [15.0]


def test_a_revoked_token_stops(linkedin: FakeLinkedIn) -> None:
    linkedin.token = "another"
    with pytest.raises(TokenRejected) as raised:
        LinkedInClient("512345678", "AQV-linkedin-test", api_url=linkedin.url).check()
    assert "revoked" in raised.value.detail


def test_account_ids() -> None:
    assert ad_account("urn:li:sponsoredAccount:512345678") == "512345678"
    with pytest.raises(PlatformError):
        ad_account("acme")
