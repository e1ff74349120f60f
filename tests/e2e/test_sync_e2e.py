"""The real `kpibot serve` with a loopback Slack and a loopback Meta Graph API:
`/kpi connect meta` opens the form, its submission is checked with one call and stored
sealed, the first sync posts one message in the channel and updates it in place, `/kpi
sync` after Meta restated a day says what changed, and `/kpi cpa` answers from the synced
numbers. Only admins disconnect."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, start_server
from tests.fake_meta import FakeMeta, error_body, item

ACT = "act_555"


@pytest.fixture
def meta() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    fake.accounts[ACT] = {"name": "Acme <Shop>", "currency": "EUR",
                          "timezone_name": "Europe/Amsterdam"}  # fmt: skip
    fake.insights[ACT] = [
        item("9001", "Summer Sale", "2026-11-27", impressions=1000, reach=800, spend="50.00",
             link_clicks=40, purchases=12, revenue="600.00"),
        item("9001", "Summer Sale", "2026-11-28", impressions=2000, reach=1500, spend="70.00",
             link_clicks=60, purchases=3, revenue="150.00"),
        item("9002", "Leads Q4", "2026-11-28", impressions=500, reach=450, spend="20.00",
             link_clicks=10, leads=4),
    ]  # fmt: skip
    # what the campaigns edge lists (the connect shows the count and the first three)
    fake.campaigns[ACT] = [{"id": "9001", "name": "Summer Sale"},
                           {"id": "9002", "name": "Leads Q4"},
                           {"id": "9003", "name": "Brand <@U123> *new*"},
                           {"id": "9004", "name": "Retarget"}]  # fmt: skip
    yield fake.start()
    fake.stop()


@pytest.fixture
def synced_server(env: dict[str, str], meta: FakeMeta, tmp_path: Path) -> Iterator[Server]:
    env = {**env, "KPIBOT_SECRET_KEY": Fernet.generate_key().decode(),
           "KPIBOT_META_API_URL": meta.url, "KPIBOT_SYNC_BACKFILL_DAYS": "28"}  # fmt: skip
    server = start_server(env, tmp_path / "serve.log")
    yield server
    server.stop()


def submission(view: dict, account: str, token: str) -> dict:
    return {
        "type": "view_submission",
        "team": {"id": "T000TEAM1", "domain": "acme"},
        "user": {"id": "U000USER1", "team_id": "T000TEAM1"},
        "api_app_id": "A000APP01",
        "view": {
            "id": "V1", "type": "modal", "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {
                "account": {"v": {"type": "plain_text_input", "value": account}},
                "token": {"v": {"type": "plain_text_input", "value": token}},
            }},
        },
    }  # fmt: skip


def final_text(slack: FakeSlack, contains: str, timeout: float = 20.0) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        for call in slack.of("chat.update"):
            text = json.dumps(call.body.get("blocks"), ensure_ascii=False)
            if contains in text:
                return text
        time.sleep(0.05)
    raise AssertionError(f"no chat.update with {contains!r}: {[c.body for c in slack.calls]}")


def test_connect_through_the_form_sync_restate_and_ask(
    synced_server: Server, slack: FakeSlack, meta: FakeMeta
) -> None:
    server = synced_server
    status, _, took = server.slash("connect meta", slack.response_url())
    assert status == 200 and took < 3
    opened = slack.wait_for("views.open")[0]
    view = opened.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["callback_id"] == "kpi_sync_connect"
    assert [b["block_id"] for b in view["blocks"]] == ["account", "token"]

    # a malformed account id: an error beside the field, nothing asked of Meta
    status, body, _ = server.action(submission(view, "12-34", meta.token))
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert "act_" in json.loads(body)["errors"]["account"]
    assert meta.requests == []

    status, body, took = server.action(submission(view, ACT, meta.token))
    assert status == 200 and took < 3 and body in (b"", b"{}")
    told = slack.wait_for("chat.postEphemeral")[0]
    assert "Connected Meta account *Acme &lt;Shop&gt;* (act_555)" in told.body["text"]
    assert "EUR" in told.body["text"] and "Europe/Amsterdam" in told.body["text"]
    assert meta.calls(f"/v25.0/{ACT}")[0].query == {"fields": "name,currency,timezone_name"}
    # 4 campaigns (summary.total_count), the first three of the page, the name escaped once
    assert ("4 campaigns: Summer Sale, Leads Q4, Brand &lt;@U123&gt; *new* and 1 more. "
            in told.body["text"])  # fmt: skip
    assert "<@U123>" not in told.body["text"]
    assert meta.calls(f"/v25.0/{ACT}/campaigns")[0].query["summary"] == "total_count"

    # the first sync: one message in the channel, updated in place to its end
    first = final_text(slack, "3 rows (inserted 3, updated 0, unchanged 0)")
    [posted] = slack.of("chat.postMessage")
    assert posted.body["channel"] == "C000CHAN1"
    assert "2–29 Nov 2026" in json.dumps(posted.body["blocks"], ensure_ascii=False)
    updates = slack.of("chat.update")
    assert len(updates) >= 2  # the chunk's progress, then the end
    assert {(u.body["channel"], u.body["ts"]) for u in updates} == {
        ("C000CHAN1", updates[0].body["ts"])
    }
    assert "Acme &lt;Shop&gt;" in first

    # Meta restates 27 Nov: 12 purchases become 16 (revenue 600 → 790.50)
    meta.insights[ACT][0] = item("9001", "Summer Sale", "2026-11-27", impressions=1000,
                                 reach=800, spend="50.00", link_clicks=40, purchases=16,
                                 revenue="790.50")  # fmt: skip
    server.slash("sync", slack.response_url("r2"))
    restated = final_text(slack, "conversions 12 → 16")
    assert "revenue 600.00 → 790.50" in restated
    assert "(inserted 0, updated 1, unchanged 2)" in restated
    assert len(slack.of("chat.postMessage")) == 2  # one message per sync

    # CPA from the synced numbers: (50 + 70) / (16 + 3) = 6.3157… → €6.32
    server.slash("cpa summer-sale", slack.response_url("r3"))
    answer = [c for c in slack.wait_for("response", 2) if c.path.endswith("/r3")]
    while not answer:
        time.sleep(0.05)
        answer = [c for c in slack.of("response") if c.path.endswith("/r3")]
    assert "€6.32" in json.dumps(answer[0].body, ensure_ascii=False)

    listing_url = slack.response_url("r4")
    server.slash("connections", listing_url)
    deadline = time.time() + 10
    listing: list = []
    while not listing and time.time() < deadline:
        time.sleep(0.05)
        listing = [c for c in slack.of("response") if c.path.endswith("/r4")]
    shown = json.dumps(listing[0].body, ensure_ascii=False)
    assert "Acme &lt;Shop&gt; (act_555)" in shown and "last sync" in shown

    log = server.log()
    assert meta.token not in log and "Traceback" not in log


def test_only_admins_disconnect(synced_server: Server, slack: FakeSlack, meta: FakeMeta) -> None:
    server = synced_server
    meta.expires_at = 1_797_076_800  # 12 Dec 2026 12:00 UTC (13:00 in Amsterdam)
    meta.refuse_campaigns = True  # the campaign list is refused; the account check stands
    server.slash("connect meta", slack.response_url())
    view = slack.wait_for("views.open")[0].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    server.action(submission(view, ACT, meta.token))
    told = slack.wait_for("chat.postEphemeral")[0].body["text"]
    assert "Connected Meta account *Acme &lt;Shop&gt;*" in told
    assert "time zone Europe/Amsterdam. The first sync" in told and "campaign" not in told
    final_text(slack, "3 rows (inserted 3")  # the end, not the progress's "3 rows so far"
    server.slash("connections", slack.response_url("list"))
    deadline, listed = time.time() + 10, ""
    while time.time() < deadline and not listed:
        time.sleep(0.05)
        listed = "".join(json.dumps(c.body) for c in slack.of("response")
                         if c.path.endswith("/list"))  # fmt: skip
    assert "token expires 12 Dec 2026" in listed

    # the token is revoked: the sync's message says so and what to do
    meta.queued.append((400, error_body(190, "Error validating access token: The session "
                                             "has been invalidated"), {}))  # fmt: skip
    server.slash("sync meta", slack.response_url("s"))
    failed = final_text(slack, "no longer accepts the token")
    assert "/kpi connect meta" in failed and "session has been invalidated" in failed

    server.slash("disconnect meta", slack.response_url("no"))
    slack.admins.add("U000ADMIN")
    server.slash("disconnect meta act_555", slack.response_url("yes"), user_id="U000ADMIN")
    deadline = time.time() + 10
    by_url: dict[str, str] = {}
    while time.time() < deadline and not {"no", "yes"} <= set(by_url):
        time.sleep(0.05)
        by_url = {c.path.rsplit("/", 1)[1]: json.dumps(c.body) for c in slack.of("response")}
    assert "Only workspace admins" in by_url["no"]
    assert "Disconnected Meta account act_555" in by_url["yes"]
