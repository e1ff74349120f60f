"""Slack's retries and replays do nothing twice, against the real `kpibot serve`: an event
Slack sends again (X-Slack-Retry-Num, same event_id) imports its file once and answers once;
a signed `/kpi cost` replayed with the same trigger_id books one cost; two replicas on one
PostgreSQL database receiving the same event import it once."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, run_cli, sign, start_server
from tests.e2e.test_import_e2e import ROWS, meta_nl

TEAM = "T000TEAM1"
PG_URL = os.environ.get("KPIBOT_TEST_POSTGRES_URL")


def file_share(slack: FakeSlack, event_id: str, name: str = "meta-nl.csv") -> bytes:
    """A message.file_share event_callback as Slack sends it."""
    url = slack.host_file(name, meta_nl(ROWS))
    ts = f"{time.time():.6f}"
    return json.dumps({
        "type": "event_callback", "team_id": TEAM, "api_app_id": "A000APP01",
        "event_id": event_id, "event_time": int(time.time()),
        "event": {
            "type": "message", "subtype": "file_share", "channel": "C000CHAN1",
            "user": "U000USER1", "ts": ts, "text": "", "channel_type": "channel",
            "files": [{"id": "F000FILE1", "name": name, "filetype": "csv",
                       "size": len(meta_nl(ROWS)), "url_private_download": url}],
        },
    }).encode()  # fmt: skip


def deliver(server: Server, body: bytes, retry: int | None = None) -> int:
    now = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now),
    }
    if retry is not None:  # what Slack adds when it sends an event again
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    status, _, _ = server.post(body, headers)
    return status


def settle(slack: FakeSlack, method: str, count: int) -> None:
    """Wait for `count` calls, then a little longer to see that no more come."""
    slack.wait_for(method, count, timeout=30)
    time.sleep(1.0)


def test_a_retried_file_share_event_is_imported_and_answered_once(
    server: Server, slack: FakeSlack, env: dict[str, str]
) -> None:
    body = file_share(slack, "Ev0RETRY1")
    assert deliver(server, body) == 200
    for retry in (1, 2):  # Slack's retries: same event, same event_id
        assert deliver(server, body, retry) == 200
    settle(slack, "chat.postMessage", 1)
    assert len(slack.of("chat.postMessage")) == 1
    assert len(slack.of("download")) == 1
    report = json.dumps(slack.of("chat.postMessage")[0].body.get("blocks"))
    assert "inserted: *4*" in report
    # another event (a new share of the same file) is a new import: restated, not doubled
    assert deliver(server, file_share(slack, "Ev0RETRY2")) == 200
    settle(slack, "chat.postMessage", 2)
    assert len(slack.of("download")) == 2
    assert "unchanged: *4*" in json.dumps(slack.of("chat.postMessage")[1].body.get("blocks"))
    assert "Traceback" not in server.log()


def test_a_replayed_cost_command_books_one_cost(
    server: Server, slack: FakeSlack, env: dict[str, str], tmp_path: Path
) -> None:
    # the campaign comes from an import (`/kpi log` asks before it creates one)
    csv = tmp_path / "zomer.csv"
    csv.write_text("date,campaign,platform,impressions,clicks,spend\n"
                   "2026-11-02,zomer-actie,facebook,1000,10,100.00\n")  # fmt: skip
    run_cli(env, "import", str(csv), "--team", TEAM)
    command = "cost zomer-actie 250 agency 2026-11-02 retainer"
    replayed = {"trigger_id": "4242.42.replayed"}
    for _ in range(3):  # the same signed request, sent again within its five minutes
        status, _, _ = server.slash(command, slack.response_url("cost"), extra=replayed)
        assert status == 200
    settle(slack, "response", 1)
    assert len(slack.of("response")) == 1
    total = run_cli(env, "ask", "total cost zomer-actie 2026-11", "--team", TEAM).stdout
    assert "€350.00" in total  # 100 ad spend + 250 agency once, not 600 or 850
    # a new trigger_id is a new command: booked again, on purpose
    status, _, _ = server.slash(command, slack.response_url("cost2"))
    assert status == 200
    settle(slack, "response", 2)
    total = run_cli(env, "ask", "total cost zomer-actie 2026-11", "--team", TEAM).stdout
    assert "€600.00" in total
    # questions are answered every time, whatever their trigger_id
    for _ in range(2):
        server.slash("roi zomer-actie 2026-11", slack.response_url("q"), extra=replayed)
    settle(slack, "response", 4)


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("KPIBOT_TEST_POSTGRES_URL is not set")
    name = f"kpibot_e2e_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_two_replicas_receiving_the_same_event_import_it_once(
    pg_url: str, slack: FakeSlack, tmp_path: Path
) -> None:
    env = env_for(pg_url, slack.api_url, KPIBOT_TODAY="2026-11-30")
    run_cli(env, "db", "upgrade")
    replicas = [start_server(env, tmp_path / f"replica{i}.log") for i in range(2)]
    try:
        body = file_share(slack, "Ev0BOTHREPLICAS")
        go = threading.Barrier(2)

        def send(server: Server) -> None:
            go.wait()
            deliver(server, body)

        threads = [threading.Thread(target=send, args=(r,)) for r in replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        settle(slack, "chat.postMessage", 1)
        assert len(slack.of("chat.postMessage")) == 1 and len(slack.of("download")) == 1
        listing = run_cli(env, "ask", "list", "--team", TEAM).stdout
        assert "zomer-actie-2026" in listing
    finally:
        for replica in replicas:
            replica.stop()
