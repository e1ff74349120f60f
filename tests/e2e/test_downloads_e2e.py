"""A shared file is fetched from where Slack says it is (files.info), over the real
`kpibot serve`: the URL in the event is never opened (not even `file://` on the server's
disk), a files.info URL outside Slack is refused without sending the token there, and an
unknown file is answered plainly."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli, sign
from tests.e2e.test_import_e2e import posted_in_thread

TEAM = "T000TEAM1"
GOOD = b"date,campaign,platform,clicks\n2026-11-02,from-slack,facebook,7\n"
LOCAL = b"date,campaign,platform,clicks\n2026-11-02,from-the-servers-disk,facebook,9\n"


@pytest.fixture
def stranger() -> Iterator[list[tuple[str, str | None]]]:
    """A host that is not Slack; records every request and its Authorization header."""
    seen: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            seen.append((self.path, self.headers.get("Authorization")))
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen.append(("port", str(server.server_address[1])))
    yield seen
    server.shutdown()
    server.server_close()


def share_event(server: Server, file_id: str, event_url: str, name: str = "export.csv") -> str:
    ts = f"{time.time():.6f}"
    file = {"id": file_id, "name": name, "filetype": "csv", "size": 100}
    file["url_private_download"] = event_url
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": TEAM,
            "api_app_id": "A000APP01",
            "event_id": f"Ev{ts.replace('.', '')}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "subtype": "file_share",
                "channel": "C000CHAN1",
                "user": "U000USER1",
                "ts": ts,
                "text": "",
                "channel_type": "channel",
                "files": [file],
            },
        }
    ).encode()
    now = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now),
    }
    status, _, _ = server.post(body, headers)
    assert status == 200
    return ts


def test_the_url_in_the_event_is_never_opened(
    server: Server, slack: FakeSlack, env: dict[str, str], tmp_path: Path
) -> None:
    local = tmp_path / "local.csv"
    local.write_bytes(LOCAL)
    slack.host_file("export.csv", GOOD, file_id="F000GOOD1")
    ts = share_event(server, "F000GOOD1", local.as_uri())
    report = posted_in_thread(slack, 1, ts)
    assert "Imported export.csv" in report and "from-slack" in report
    assert [c.body.get("file") for c in slack.of("files.info")] == ["F000GOOD1"]
    downloads = slack.of("download")
    assert len(downloads) == 1 and downloads[0].headers["Authorization"].startswith("Bearer ")
    listing = run_cli(env, "ask", "list", "--team", TEAM).stdout
    assert "from-slack" in listing and "from-the-servers-disk" not in listing


def test_a_files_info_url_outside_slack_gets_no_token(
    server: Server, slack: FakeSlack, stranger: list[tuple[str, str | None]]
) -> None:
    port = stranger[0][1]
    slack.host_file("export.csv", GOOD, file_id="F000EVIL1")
    evil = f"http://localhost:{port}/steal.csv"
    slack.files["F000EVIL1"]["url_private_download"] = evil
    ts = share_event(server, "F000EVIL1", evil)
    report = posted_in_thread(slack, 1, ts)
    assert "could not download export.csv" in report
    assert stranger[1:] == []  # the stranger was never asked, so never saw the token
    assert "Traceback" not in server.log()


def test_a_file_slack_does_not_know_is_answered_plainly(server: Server, slack: FakeSlack) -> None:
    ts = share_event(server, "F000GONE1", "https://files.slack.com/files-pri/T1-F1/x.csv")
    report = posted_in_thread(slack, 1, ts)
    assert "could not download export.csv" in report
    assert slack.of("download") == []
    assert "Traceback" not in server.log()
