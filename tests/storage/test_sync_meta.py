"""The Meta client against a loopback Graph API: what it sends (path, parameters, the token
only in the Authorization header), the rows it makes (values worked out by hand from the
items below), paging, async report runs, slowing down on usage headers, backing off on
rate limits and 5xx, and a revoked token."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from storage.errors import PlatformError, PlatformThrottled, PlatformUnavailable, TokenRejected
from storage.sync.meta import MetaClient, account_id
from tests.fake_meta import FakeMeta, error_body, item

ACT = "act_1234567890"
D1, D2 = "2026-11-27", "2026-11-28"


@pytest.fixture
def meta() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    fake.accounts[ACT] = {"name": "Acme Shop", "currency": "EUR",
                          "timezone_name": "Europe/Amsterdam"}  # fmt: skip
    fake.insights[ACT] = [
        item("120001", "Summer Sale", D1, impressions=12000, reach=8000, spend="180.50",
             link_clicks=240, purchases=12, revenue="1450.00", leads=3, reactions=310,
             comments=42, shares=18, saves=7, video_views=900, completions=150),
        item("120002", "Brand Video", D1, impressions=5000, reach=4100, spend="40.00",
             link_clicks=30),
        item("120001", "Summer Sale", D2, impressions=10000, reach=7000, spend="150.25",
             link_clicks=200, purchases=9, revenue="1010.10"),
    ]  # fmt: skip
    fake.start()
    yield fake
    fake.stop()


def client(meta: FakeMeta, sleeps: list[float] | None = None) -> MetaClient:
    record = sleeps if sleeps is not None else []
    return MetaClient(ACT, meta.token, api_url=meta.url, sleep=record.append)


def test_check_is_the_account_and_one_campaigns_page_with_the_token_in_the_header(
    meta: FakeMeta,
) -> None:
    info = client(meta).check()
    assert (info.name, info.currency, info.timezone) == ("Acme Shop", "EUR", "Europe/Amsterdam")
    call, campaigns = meta.requests
    assert call.path == f"/v25.0/{ACT}"
    assert call.query == {"fields": "name,currency,timezone_name"}
    assert campaigns.path == f"/v25.0/{ACT}/campaigns"
    assert campaigns.query == {"fields": "name", "limit": "3", "summary": "total_count"}
    for sent in (call, campaigns):
        assert sent.headers["Authorization"] == f"Bearer {meta.token}"
        assert meta.token not in json.dumps(sent.query)
    # the fixture's insights hold two campaigns: Summer Sale (120001), Brand Video (120002)
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        2, ("Summer Sale", "Brand Video"), False)  # fmt: skip


def test_check_counts_campaigns_from_the_summary_and_shows_three(meta: FakeMeta) -> None:
    meta.campaigns[ACT] = [{"id": str(7000 + i), "name": f"C{i}"} for i in range(12)]
    info = client(meta).check()
    # 12 listed; summary.total_count = 12; the page of limit=3 holds C0, C1, C2
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        12, ("C0", "C1", "C2"), False)  # fmt: skip


def test_without_a_summary_the_page_counts_as_at_least(meta: FakeMeta) -> None:
    meta.campaigns[ACT] = [{"id": str(7000 + i), "name": f"C{i}"} for i in range(5)]
    meta.campaign_summary = False
    info = client(meta).check()
    # no summary: the page holds 3 and paging.next exists, so "at least 3"
    assert (info.campaigns, info.campaign_names, info.campaigns_at_least) == (
        3, ("C0", "C1", "C2"), True)  # fmt: skip


def test_no_campaigns_is_zero_and_a_refused_list_is_unknown(meta: FakeMeta) -> None:
    meta.campaigns[ACT] = []
    assert client(meta).check().campaigns == 0
    meta.refuse_campaigns = True
    info = client(meta).check()
    assert (info.name, info.currency) == ("Acme Shop", "EUR")  # the account check stands
    assert (info.campaigns, info.campaign_names) == (None, ())


def test_daily_rows_follow_paging_and_map_as_meta_defines_them(meta: FakeMeta) -> None:
    rows = client(meta).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 28))
    first, *rest = meta.calls("/insights")
    assert first.query["level"] == "campaign"
    assert first.query["time_increment"] == "1"
    assert json.loads(first.query["time_range"]) == {"since": D1, "until": D2}
    assert "inline_link_clicks" in first.query["fields"].split(",")
    assert [r.query.get("after") for r in rest] == ["2"]  # page 2 through paging.next
    assert len(rows) == 3
    sale = rows[0]
    assert (sale.external_id, sale.name, sale.day, sale.currency) == (
        "120001",
        "Summer Sale",
        dt.date(2026, 11, 27),
        "EUR",
    )
    # purchases: 12 (one of the three purchase action types, not 36); revenue 1450 (not
    # 4350); clicks are inline link clicks (240), not the link_click action (260)
    assert dict(sale.counters) == {
        "impressions": 12000, "reach": 8000, "spend": 180.5, "clicks": 240,
        "conversions": 12, "revenue": 1450.0, "leads": 3, "likes": 310, "comments": 42,
        "shares": 18, "saves": 7, "video_views": 900, "video_completions": 150,
    }  # fmt: skip
    video = rows[1]
    assert video.counters["conversions"] == 0 and video.counters["revenue"] == 0


def test_a_purchase_type_missing_falls_back_by_precedence(meta: FakeMeta) -> None:
    only_pixel = item("120003", "Pixel", D1, impressions=1, reach=1, spend="1.00", link_clicks=1)
    only_pixel["actions"] = [
        {"action_type": "offsite_conversion.fb_pixel_purchase", "value": "4"},
        {"action_type": "purchase", "value": "5"},
    ]
    only_pixel["action_values"] = [
        {"action_type": "offsite_conversion.fb_pixel_purchase", "value": "40.00"},
        {"action_type": "purchase", "value": "55.00"},
    ]
    meta.insights[ACT] = [only_pixel]
    [row] = client(meta).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    assert (row.counters["conversions"], row.counters["revenue"]) == (5, 55.0)


def test_a_long_range_runs_as_an_async_report(meta: FakeMeta) -> None:
    sleeps: list[float] = []
    meta.polls_before_done = 2
    rows = client(meta, sleeps).fetch(dt.date(2026, 9, 1), dt.date(2026, 11, 28))
    [post] = meta.calls("/insights", "POST")
    assert post.path == f"/v25.0/{ACT}/insights"
    assert post.form["level"] == "campaign" and post.form["time_increment"] == "1"
    polls = meta.calls("/6023000000001")
    assert len(polls) == 3
    assert polls[0].query == {"fields": "async_status,async_percent_completion"}
    reads = meta.calls("/6023000000001/insights")
    assert len(reads) == 2  # two pages of the report's results
    assert sleeps == [1.0, 2.0]
    assert len(rows) == 3


def test_usage_headers_slow_the_client_down_before_the_limit(meta: FakeMeta) -> None:
    meta.usage = {
        "x-business-use-case-usage": json.dumps({"1234": [{
            "type": "ads_insights", "call_count": 90, "total_cputime": 20, "total_time": 30,
            "estimated_time_to_regain_access": 0}]}),
        "x-fb-ads-insights-throttle": json.dumps(
            {"app_id_util_pct": 10, "acc_id_util_pct": 80, "ads_api_access_tier": "standard_access"}
        ),
    }  # fmt: skip
    sleeps: list[float] = []
    client(meta, sleeps).check()
    # 90 %: (90 - 75) / 25 × 60 s after each of the two calls (account, campaigns)
    assert sleeps == [pytest.approx(36.0)] * 2


def test_low_usage_does_not_wait(meta: FakeMeta) -> None:
    meta.usage = {"x-fb-ads-insights-throttle": json.dumps({"app_id_util_pct": 12,
                                                            "acc_id_util_pct": 40})}  # fmt: skip
    sleeps: list[float] = []
    client(meta, sleeps).check()
    assert sleeps == []


def test_a_rate_limit_waits_the_time_meta_names_then_retries(meta: FakeMeta) -> None:
    usage = {"x-business-use-case-usage": json.dumps({"1234": [{
        "type": "ads_insights", "call_count": 100, "total_cputime": 40, "total_time": 40,
        "estimated_time_to_regain_access": 2}]})}  # fmt: skip
    body = error_body(80000, "There have been too many calls from this ad-account.",
                      error_subcode=2446079)  # fmt: skip
    meta.queued.append((400, body, usage))
    sleeps: list[float] = []
    assert client(meta, sleeps).check().name == "Acme Shop"
    assert sleeps == [120.0]
    assert len(meta.requests) == 3  # refused, the account again, its campaigns


def test_5xx_backs_off_then_gives_up_naming_the_cause(meta: FakeMeta) -> None:
    meta.queued += [(500, error_body(2, "An unexpected error has occurred.",
                                     is_transient=True), {})] * 5  # fmt: skip
    sleeps: list[float] = []
    with pytest.raises(PlatformUnavailable) as raised:
        client(meta, sleeps).check()
    assert sleeps == [2.0, 4.0, 8.0, 16.0]
    assert "unexpected error" in raised.value.detail


def test_throttled_for_too_long_gives_up_at_once(meta: FakeMeta) -> None:
    usage = {
        "x-business-use-case-usage": json.dumps(
            {
                "1": [
                    {
                        "type": "ads_insights",
                        "call_count": 100,
                        "estimated_time_to_regain_access": 60,
                    }
                ]
            }
        )
    }
    meta.queued.append((400, error_body(80000, "Too many calls"), usage))
    sleeps: list[float] = []
    with pytest.raises(PlatformThrottled) as raised:
        client(meta, sleeps).check()
    assert sleeps == [] and raised.value.args_["minutes"] == 60


def test_an_expired_token_is_rejected_not_retried(meta: FakeMeta) -> None:
    meta.queued.append((400, error_body(190, "Error validating access token: Session has "
                                             "expired on Tuesday, 01-Dec-26", error_subcode=463),
                        {}))  # fmt: skip
    with pytest.raises(TokenRejected) as raised:
        client(meta).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 28))
    assert "expired" in raised.value.detail
    assert len(meta.requests) == 1


def test_a_paging_link_to_another_host_is_not_followed(meta: FakeMeta) -> None:
    meta.page_size = 1
    foreign = dict(meta.insights[ACT][0])
    meta.insights[ACT] = [foreign, dict(foreign, date_start=D2, date_stop=D2)]
    real_page = meta._page

    def evil_page(request, items):  # type: ignore[no-untyped-def]
        body = real_page(request, items)
        if "next" in body["paging"]:
            body["paging"]["next"] = "https://evil.example/v25.0/act_1/insights?after=1"
        return body

    meta._page = evil_page  # type: ignore[method-assign]
    rows = client(meta).fetch(dt.date(2026, 11, 27), dt.date(2026, 11, 28))
    assert len(rows) == 1 and len(meta.requests) == 1


def test_account_ids_are_read_or_refused() -> None:
    assert account_id("1234") == "act_1234"
    assert account_id(" act_987 ") == "act_987"
    with pytest.raises(PlatformError):
        account_id("act_12; DROP")
