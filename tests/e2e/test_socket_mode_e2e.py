"""Socket Mode end to end — the manifest's default and what a newcomer runs: the real
`kpibot serve` (SLACK_APP_TOKEN set, no --http) asks the fake Web API for a connection
(`apps.connections.open` → a ws:// URL), gets `hello`, receives a `slash_commands`
envelope, acknowledges it by its envelope_id within Slack's 3 seconds, and answers at the
command's response_url — as Slack would see it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.fake_socket_mode import FakeSocketMode
from tests.e2e.harness import KPIBOT, env_for, run_cli
from tests.e2e.test_cli import CSV
from tests.e2e.test_slash_commands import reply_text

APP_TOKEN = "xapp-1-A000APP01-e2e-not-a-real-token"


def slash_envelope(envelope_id: str, text: str, response_url: str) -> dict:
    """Shaped like Slack's: the slash command's form fields as the JSON payload."""
    return {
        "envelope_id": envelope_id,
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "token": "deprecated-verification-token",
            "team_id": "T000TEAM1",
            "team_domain": "acme",
            "channel_id": "C000CHAN1",
            "channel_name": "marketing",
            "user_id": "U000USER1",
            "user_name": "marketer",
            "command": "/kpi",
            "text": text,
            "api_app_id": "A000APP01",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": "1337.42.abcd",
        },
    }


def test_slash_command_over_socket_mode(tmp_path: Path, slack: FakeSlack) -> None:
    socket_mode = FakeSocketMode().start()
    slack.socket_url = socket_mode.url
    env = env_for(
        f"sqlite:///{tmp_path / 'kpibot.db'}",
        slack.api_url,
        SLACK_APP_TOKEN=APP_TOKEN,
        KPIBOT_TODAY="2026-11-30",
    )
    env.pop("SLACK_SIGNING_SECRET")  # Socket Mode needs none
    (tmp_path / "metrics.csv").write_text(CSV)
    run_cli(env, "import", str(tmp_path / "metrics.csv"), "--team", "T000TEAM1")

    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [KPIBOT, "serve", "--no-scheduler"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        socket_mode.wait_connected()
        [opened] = slack.wait_for("apps.connections.open")
        assert opened.headers.get("Authorization") == f"Bearer {APP_TOKEN}"

        sent = socket_mode.push(slash_envelope("env-1", "roas campaign-x", slack.response_url()))
        ack = socket_mode.wait_ack("env-1")
        assert ack.at - sent < 3.0  # Slack shows an error after 3 s without the ack

        [reply] = slack.wait_for("response")
        revenue, cost = 150.00 + 80.00 + 0, 20.00 + 25.50 + 5.00
        text = reply_text(reply)
        assert f"{revenue / cost:.2f}" in text
        # to date: the first day with data through today (30 Nov); the metrics end 3 Nov
        assert "2–30 Nov" in text and "Metrics through 3 Nov 2026" in text
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        socket_mode.stop()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
