"""A CSV whose campaign is `<!channel> Promo`, whose platform is `<!here>` and whose file name
is a disguised link goes through the real `kpibot serve`: the import report in the file's
thread, `/kpi list`, a KPI reply, "Share in channel" and the weekly digest. Nothing Slack
receives may mention or link anyone; the only mention is the one kpibot itself adds (who
shared the reply)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli, start_server
from tests.e2e.test_import_e2e import posted_in_thread, share
from tests.e2e.test_slash_commands import ask, norm

TEAM = "T000TEAM1"
USER = "U000USER1"  # the user Server.slash and share() send as
NAME = "<!channel> Promo"
FILE = "<https://evil.example|Click to verify>.csv"
ROWS = [
    # date, campaign, platform, impressions, clicks, spend, revenue
    ("2026-11-17", NAME, "facebook", 900, 10, "8.00", "20.00"),
    ("2026-11-24", NAME, "<!here>", 1000, 20, "10.00", "30.00"),
    ("2026-11-25", NAME, "facebook", 1000, 20, "10.00", "30.00"),
]
#: Markup that makes Slack notify someone or show a link.
MARKUP = re.compile(r"<(?:[!@#]|https?:|mailto:)[^>]*>")


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    srv = start_server(env, tmp_path / "serve.log", "--no-scheduler")
    yield srv
    srv.stop()


def csv_bytes() -> bytes:
    lines = ["date,campaign,platform,impressions,clicks,spend,revenue"]
    lines += [",".join(str(v) for v in row) for row in ROWS]
    return ("\n".join(lines) + "\n").encode()


def markup_sent(slack: FakeSlack) -> list[str]:
    """Every mention or link in anything kpibot sent to Slack (messages, replies, files)."""
    found = []
    for call in slack.calls:
        if call.method == "upload":
            continue  # PNG bytes
        found += MARKUP.findall(json.dumps(call.body, ensure_ascii=False))
    return found


def test_a_hostile_campaign_name_pings_nobody_anywhere(
    env: dict[str, str], server: Server, slack: FakeSlack
) -> None:
    status, ts = share(server, slack, FILE, csv_bytes())
    assert status == 200
    report = norm(posted_in_thread(slack, 1, ts))
    assert "Imported <https://evil.example|Click to verify>.csv" in report  # shown, as text

    _, listing = ask(server, slack, "list")
    assert f"`channel-promo` — {NAME}" in listing  # the name is shown exactly as it was typed

    # the platform split names the platform as it came
    body, text = ask(server, slack, "roi channel-promo")
    assert "<!here> 200.0 %" in text  # (30 - 10) / 10 x 100 on the <!here> row
    button = next(
        e
        for b in body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    )
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "acme"},
        "user": {"id": USER},
        "channel": {"id": "C000CHAN1", "name": "marketing"},
        "api_app_id": "A000APP01",
        "token": "x",
        "trigger_id": "1.2.3",
        "response_url": slack.response_url("share"),
        "actions": [{"action_id": "share_in_channel", "value": button["value"]}],
    }
    assert server.action(payload)[0] == 200
    shared = slack.wait_for("response", 3)[-1].body
    assert shared["response_type"] == "in_channel"

    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    out = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    assert "1 posted" in out.stdout
    digests = [c for c in slack.of("chat.postMessage") if not c.body.get("thread_ts")]
    assert len(digests) == 1
    digest = norm(json.dumps(digests[0].body.get("blocks"), ensure_ascii=False))
    assert NAME in digest  # shown in the digest, as text

    assert markup_sent(slack) == [f"<@{USER}>"]  # only "shared by <@U000USER1>"
    assert "Traceback" not in server.log()
