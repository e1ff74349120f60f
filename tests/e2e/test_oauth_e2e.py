"""Installing kpibot in many workspaces, end to end against the real `kpibot serve`: the
install page, Slack's redirect with a one-time code and the state, the code exchanged with
the fake Slack (oauth.v2.access), the installation stored in kpibot's database, and the
first signed /kpi command from that workspace answered with that workspace's own token."""

from __future__ import annotations

import html
import json
import re
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET, Team
from tests.e2e.harness import Server, env_for, run_cli, sign, start_server
from tests.e2e.test_digest_e2e import rows
from tests.e2e.test_slash_commands import ask, write_csv

ROOT = Path(__file__).resolve().parents[2]
ACME, GLOBEX = "T0ACME001", "T0GLOBEX1"


def oauth_env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    return env_for(
        f"sqlite:///{tmp_path / 'kpibot.db'}",
        slack.api_url,
        SLACK_BOT_TOKEN="",
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        KPIBOT_TODAY="2026-11-30",
    )


@pytest.fixture
def env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    return oauth_env(tmp_path, slack)


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    srv = start_server(env, tmp_path / "serve.log", "--no-scheduler")
    yield srv
    srv.stop()


def begin_install(server: Server) -> tuple[str, dict[str, list[str]], str]:
    """GET /slack/install as a browser: the authorize URL, its query and the state cookie."""
    status, headers, page = server.get("/slack/install")
    assert status == 200, page
    found = re.search(r'<a href="([^"]+)"', page)
    assert found, page
    url = html.unescape(found.group(1))
    cookie = headers["Set-Cookie"].split(";")[0]
    return url, urllib.parse.parse_qs(urllib.parse.urlsplit(url).query), cookie


def install(server: Server, slack: FakeSlack, team: str, code: str) -> str:
    """The whole round trip for `team`; returns the bot token Slack handed out."""
    _, query, cookie = begin_install(server)
    slack.oauth.grant(team, code)
    state = query["state"][0]
    status, _, page = server.get(
        f"/slack/oauth_redirect?code={code}&state={state}", {"Cookie": cookie}
    )
    assert status == 200, page
    assert f"slack://app?team={team}" in html.unescape(page)
    issued = [token for t, token in slack.oauth.issued if t == team]
    return issued[-1]


def stored_bots(env: dict[str, str]) -> list[tuple[str, str, str | None]]:
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT team_id, bot_token, bot_refresh_token FROM slack_bots ORDER BY id")
        ).all()
    engine.dispose()
    return [(r[0], r[1], r[2]) for r in rows]


def test_install_round_trip_then_the_first_command_uses_that_workspaces_token(
    env: dict[str, str], server: Server, slack: FakeSlack
) -> None:
    slack.oauth.add_team(Team(ACME, "Acme"))
    url, query, cookie = begin_install(server)
    # Slack's authorize page on Slack's host (here the fake's), for this app, with the
    # manifest's bot scopes, and the state both in the URL and in the browser's cookie.
    assert url.startswith(f"{slack.url}/oauth/v2/authorize?")
    assert query["client_id"] == [CLIENT_ID]
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert query["scope"][0].split(",") == manifest["oauth_config"]["scopes"]["bot"]
    state = query["state"][0]
    assert cookie == f"slack-app-oauth-state={state}"

    # A redirect with a forged state, or without the browser's cookie, exchanges nothing.
    slack.oauth.grant(ACME, "code-acme-1")
    forged, _, _ = server.get(
        "/slack/oauth_redirect?code=code-acme-1&state=forged",
        {"Cookie": "slack-app-oauth-state=forged"},
    )
    no_cookie, _, _ = server.get(f"/slack/oauth_redirect?code=code-acme-1&state={state}")
    assert forged in (400, 401) and no_cookie in (400, 401)
    assert slack.of("oauth.v2.access") == []
    assert stored_bots(env) == []

    status, _, page = server.get(
        f"/slack/oauth_redirect?code=code-acme-1&state={state}", {"Cookie": cookie}
    )
    assert status == 200, page
    exchange = slack.of("oauth.v2.access")
    assert len(exchange) == 1 and exchange[0].body["code"] == "code-acme-1"
    assert exchange[0].headers["Authorization"].startswith("Basic ")  # client id + secret
    token = slack.oauth.issued[-1][1]
    assert token.startswith("xoxb-") and stored_bots(env) == [(ACME, token, None)]

    # The same state a second time (a replayed redirect) is refused: used up.
    slack.oauth.grant(ACME, "code-acme-2")
    again, _, _ = server.get(
        f"/slack/oauth_redirect?code=code-acme-2&state={state}", {"Cookie": cookie}
    )
    assert again == 401 and len(slack.of("oauth.v2.access")) == 1

    # The first /kpi from Acme: Bolt finds Acme's installation and calls Slack with its token.
    before = len(slack.calls)
    body, text = ask(server, slack, "help", team_id=ACME)
    assert "/kpi" in text
    calls = [c for c in slack.calls[before:] if c.method == "auth.test"]
    assert calls and all(c.headers["Authorization"] == f"Bearer {token}" for c in calls)

    # A workspace that never installed the app is told to install it, nothing else.
    body, _ = ask(server, slack, "help", team_id="T0NOTHERE")
    assert "reinstall this app" in body["text"] and "blocks" not in body


def test_two_workspaces_each_post_with_their_own_token(
    env: dict[str, str], server: Server, slack: FakeSlack, tmp_path: Path
) -> None:
    """Scheduled work (digests posted by `kpibot digest run-due`, which never passes Bolt's
    authorize step) fetches each workspace's token from the installation store; Acme's token
    rotates and expires within the refresh margin, so it is refreshed first and the post
    carries the new one."""
    slack.oauth.add_team(Team(ACME, "Acme", rotating=True, expires_in=3600))
    slack.oauth.add_team(Team(GLOBEX, "Globex"))
    acme_first = install(server, slack, ACME, "code-acme")
    globex = install(server, slack, GLOBEX, "code-globex")
    assert acme_first.startswith("xoxe.xoxb-") and globex.startswith("xoxb-")
    assert acme_first != globex

    for team in (ACME, GLOBEX):
        run_cli(env, "import", str(write_csv(tmp_path / f"{team}.csv", rows())), "--team", team)
        ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam", team_id=team)
    refreshes = [c for c in slack.of("oauth.v2.access") if c.body.get("grant_type")]
    # Acme's /kpi digest went through Bolt's authorize, which refreshed the token already.
    assert refreshes and all(c.body["grant_type"] == "refresh_token" for c in refreshes)

    before = len(slack.of("chat.postMessage"))
    done = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    assert "2 digests due, 2 posted" in done.stdout
    posts = slack.of("chat.postMessage")[before:]
    acme_now = [tok for team, tok in slack.oauth.issued if team == ACME][-1]
    assert acme_now != acme_first  # refreshed before it was used
    # Each digest's messages (the message and its thread) carry its own workspace's token:
    # as many with Acme's as with Globex's, and no other token.
    by_token = Counter(p.headers["Authorization"] for p in posts)
    assert set(by_token) == {f"Bearer {acme_now}", f"Bearer {globex}"}
    assert by_token[f"Bearer {acme_now}"] == by_token[f"Bearer {globex}"] == len(posts) // 2
    uploads = slack.of("files.completeUploadExternal")
    assert {u.headers["Authorization"] for u in uploads} == set(by_token)
    # The refreshed token is the one stored.
    assert {t: tok for t, tok, _ in stored_bots(env)}[ACME] == acme_now


def event(server: Server, team: str, payload: dict) -> int:
    """An Events API callback exactly as Slack sends it: JSON, signed."""
    body = json.dumps(
        {"token": "x", "team_id": team, "api_app_id": "A000APP01", "type": "event_callback",
         "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()), "event": payload}
    ).encode()  # fmt: skip
    ts = int(time.time())
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(ts),
               "X-Slack-Signature": sign(body, ts)}  # fmt: skip
    status, _, _ = server.post(body, headers)
    return status


def team_rows(env: dict[str, str], team: str) -> dict[str, int]:
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    found = {}
    with engine.connect() as conn:
        for table in ("workspaces", "campaigns", "subscriptions", "slack_bots"):
            sql = sa.text(f"SELECT count(*) FROM {table} WHERE team_id = :t")
            found[table] = int(conn.execute(sql, {"t": team}).scalar_one())
    engine.dispose()
    return found


def test_uninstall_stops_scheduled_work_and_delete_data_removes_everything(
    env: dict[str, str], server: Server, slack: FakeSlack, tmp_path: Path
) -> None:
    slack.oauth.add_team(Team(ACME, "Acme"))
    slack.oauth.add_team(Team(GLOBEX, "Globex", admins={"U000ADMIN"}))
    acme = install(server, slack, ACME, "code-acme")
    install(server, slack, GLOBEX, "code-globex")
    for team in (ACME, GLOBEX):
        run_cli(env, "import", str(write_csv(tmp_path / f"{team}.csv", rows())), "--team", team)
        ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam", team_id=team)

    # Acme uninstalls kpibot: its tokens go, its digest is not even claimed.
    assert event(server, ACME, {"type": "app_uninstalled"}) == 200
    deadline = time.time() + 10
    while ACME in {t for t, _, _ in stored_bots(env)} and time.time() < deadline:
        time.sleep(0.1)
    assert ACME not in {t for t, _, _ in stored_bots(env)}
    before = len(slack.of("chat.postMessage"))
    done = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    posts = slack.of("chat.postMessage")[before:]
    assert posts and all(p.headers["Authorization"] != f"Bearer {acme}" for p in posts)
    assert "1 digests due, 1 posted" in done.stdout or "2 digests due, 1 posted" in done.stdout
    assert team_rows(env, ACME)["campaigns"] == 2  # its numbers stay until deleted

    # Globex: someone who is not an admin is refused; the admin is asked, then confirms.
    _, text = ask(server, slack, "settings delete-data", team_id=GLOBEX, user_id="U000USER1")
    assert "Only a workspace admin or owner" in text
    assert team_rows(env, GLOBEX)["campaigns"] == 2
    body, text = ask(server, slack, "settings delete-data", team_id=GLOBEX, user_id="U000ADMIN")
    assert "removes 2 campaigns with 56 rows of daily numbers" in text  # 28 days x 2 campaigns
    button = next(
        e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]
        if e["action_id"] == "workspace_delete_confirm"
    )  # fmt: skip
    before = len(slack.of("response"))
    status, _, _ = server.action(
        {"type": "block_actions", "team": {"id": GLOBEX}, "user": {"id": "U000ADMIN"},
         "channel": {"id": "C000CHAN1"}, "response_url": slack.response_url("del"),
         "trigger_id": "1.2.x", "actions": [{"action_id": button["action_id"],
         "value": button["value"], "type": "button"}]}
    )  # fmt: skip
    assert status == 200
    done_call = slack.wait_for("response", before + 1)[before]
    assert "deleted all of this workspace's data" in json.dumps(done_call.body)
    assert team_rows(env, GLOBEX) == {
        "workspaces": 0, "campaigns": 0, "subscriptions": 0, "slack_bots": 0
    }  # fmt: skip
    assert len(slack.of("apps.uninstall")) == 1
    assert team_rows(env, ACME)["campaigns"] == 2  # the other workspace keeps everything
