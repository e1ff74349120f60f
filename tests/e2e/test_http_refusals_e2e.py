"""Cheap refusals at the real `kpibot serve`: malformed, unsigned and oversized requests get
400/401/413 without a traceback and without their body in the log, and /healthz keeps
answering while many idle connections are held open."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse
import urllib.request

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, sign

MARKER = "BODY-MARKER-7f3a"  # appears in every body; must never reach the log


def signed(body: bytes, content_type: str = "application/x-www-form-urlencoded") -> dict:
    now = int(time.time())
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now),
    }


def raw_post(server: Server, body: bytes, headers: dict[str, str]) -> int:
    """A POST with exactly these headers (http.client sends non-ASCII header bytes as given)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest("POST", "/slack/events", skip_accept_encoding=True)
        for key, value in headers.items():
            conn.putheader(key, value.encode("utf-8"))
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        return conn.getresponse().status
    finally:
        conn.close()


def test_malformed_requests_get_400_or_401_and_no_traceback(
    server: Server, slack: FakeSlack
) -> None:
    form = urllib.parse.urlencode({"text": MARKER, "command": "/kpi"}).encode()
    not_utf8 = b"text=" + MARKER.encode() + b"\xff\xfe\xfa"
    not_object = urllib.parse.urlencode({"payload": json.dumps([MARKER])}).encode()
    not_json = urllib.parse.urlencode({"payload": "{" + MARKER}).encode()
    json_list = json.dumps([MARKER]).encode()
    now = str(int(time.time()))
    cases = [
        ("unsigned", form, {"Content-Type": "application/x-www-form-urlencoded"}, 401),
        ("wrong signature", form, {**signed(form), "X-Slack-Signature": "v0=" + "0" * 64}, 401),
        ("timestamp abc", form, {**signed(form), "X-Slack-Request-Timestamp": "abc"}, 401),
        ("stale", form, {**signed(form), "X-Slack-Request-Timestamp": str(int(now) - 600)}, 401),
        ("non-ASCII signature", form, {**signed(form), "X-Slack-Signature": "v0=ü" * 3}, 401),
        ("no signature", form, {"X-Slack-Request-Timestamp": now}, 401),
        ("body not UTF-8", not_utf8, signed(not_utf8), 400),
        ("payload a list", not_object, signed(not_object), 400),
        ("payload not JSON", not_json, signed(not_json), 400),
        ("JSON body a list", json_list, signed(json_list, "application/json"), 400),
    ]
    for name, body, headers, expected in cases:
        assert raw_post(server, body, headers) == expected, name
    assert slack.of("response") == []
    log = server.log()
    assert "Traceback" not in log and MARKER not in log
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as response:
        assert response.status == 200


def test_a_body_over_a_megabyte_is_refused_before_it_is_sent(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 52428800\r\n\r\n" + MARKER.encode()
        )  # claims 50 MB, sends a few bytes: the answer must not wait for the rest
        answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert "Traceback" not in server.log() and MARKER not in server.log()


def test_healthz_answers_while_150_idle_connections_are_held(server: Server) -> None:
    idle = []
    try:
        for _ in range(150):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")  # never finished
            idle.append(sock)
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=10) as response:
            assert response.status == 200
            assert json.loads(response.read())["ok"] is True
    finally:
        for sock in idle:
            sock.close()
