"""Start the real `kpibot serve --http` and talk to it the way Slack does."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

SIGNING_SECRET = "e2e-signing-secret-not-real"
BOT_TOKEN = "xoxb-e2e-not-a-real-token"
KPIBOT = str(Path(sys.executable).parent / "kpibot")
TRIGGERS = itertools.count(1337)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sign(body: bytes, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def env_for(database_url: str, api_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KPIBOT_"))}
    env.update(
        KPIBOT_DATABASE_URL=database_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        KPIBOT_LOG_LEVEL="INFO",
        PYTHONWARNINGS="error::DeprecationWarning",
    )
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([KPIBOT, *args], env=env, capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"kpibot {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log_path: Path
    log_file: IO[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
        """A browser's GET (redirects not followed): status, headers, body text."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(f"{self.url}{path}", headers=headers or {})
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read().decode()

    def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, float]:
        request = urllib.request.Request(f"{self.url}/slack/events", data=body, headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read(), time.perf_counter() - started
        except urllib.error.HTTPError as err:
            return err.code, err.read(), time.perf_counter() - started

    def slash(
        self,
        text: str,
        response_url: str,
        *,
        team_id: str = "T000TEAM1",
        channel_name: str = "marketing",
        user_id: str = "U000USER1",
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
        extra: dict[str, str] | None = None,
    ) -> tuple[int, bytes, float]:
        """A slash command exactly as Slack sends it: form-encoded and signed."""
        form = {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "team_domain": "acme",
            "channel_id": "C000CHAN1",
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": "marketer",
            "command": "/kpi",
            "text": text,
            "api_app_id": "A000APP01",
            "response_url": response_url,
            "trigger_id": f"{next(TRIGGERS)}.42.abcd",  # Slack gives every invocation its own
            **(extra or {}),
        }
        body = urllib.parse.urlencode(form).encode()
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": sign(body, ts, secret),
        }
        return self.post(body, headers)

    def event(self, payload: dict, *, timestamp: int | None = None) -> tuple[int, bytes, float]:
        """An Events API callback exactly as Slack sends it: JSON, signed."""
        body = json.dumps(payload).encode()
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": sign(body, ts),
        }
        return self.post(body, headers)

    def action(self, payload: dict, *, timestamp: int | None = None) -> tuple[int, bytes, float]:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": sign(body, ts),
        }
        return self.post(body, headers)


def start_server(env: dict[str, str], log_path: Path, *extra: str, wait: float = 90) -> Server:
    # `wait` bounds a start-up that normally takes a few seconds; a machine running several
    # suites at once has been seen to need more than 30 s just to import the app.
    port = free_port()
    log_file = log_path.open("w")
    proc = subprocess.Popen(
        [KPIBOT, "serve", "--http", "--host", "127.0.0.1", "--port", str(port), *extra],
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    server = Server(proc, port, log_path, log_file)
    deadline = time.time() + wait
    while time.time() < deadline:
        if proc.poll() is not None:
            log_file.close()
            raise AssertionError(f"kpibot serve exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise AssertionError(f"kpibot serve did not become healthy:\n{server.log()}")
