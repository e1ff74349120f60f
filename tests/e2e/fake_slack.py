"""A loopback stand-in for Slack's Web API and response_url endpoints.

It records every call so tests can count what Slack would have received. Failures can be
queued per method (e.g. one 429 with Retry-After) to test the retry rules.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.e2e.fake_slack_oauth import FakeOAuth


@dataclass
class Call:
    path: str
    method: str  # Web API method name, or "response" for response_url posts, "upload"
    body: dict
    raw: bytes
    headers: dict
    at: float


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    team_id: str = "T000TEAM1"
    lock: threading.Lock = field(default_factory=threading.Lock)
    removed_channels: set[str] = field(default_factory=set)  # not_in_channel
    deleted_channels: set[str] = field(default_factory=set)  # channel_not_found
    hosted: dict[str, bytes] = field(default_factory=dict)  # files served at /files/<name>
    #: Methods that hang (a black hole): their callers wait, nothing is recorded, and once
    #: released the waiting requests get a 503 — to kill a process in the middle of a call.
    held: set[str] = field(default_factory=set)
    waiting: list[str] = field(default_factory=list)
    socket_url: str | None = None  # apps.connections.open answers it (Socket Mode)
    files: dict[str, dict] = field(default_factory=dict)  # files.info answers by file id
    admins: set[str] = field(default_factory=set)  # users.info says is_admin for these
    #: users.info's `locale` per user (asked with include_locale, as Slack wants); default en-US
    locales: dict[str, str] = field(default_factory=dict)
    #: conversations.list answers these (public channels, as {"id", "name", ...}), `page`
    #: at a time with Slack's cursor paging
    channels: list[dict] = field(default_factory=list)
    page: int = 2
    #: several workspaces: tokens per team, oauth.v2.access, auth.test and users.info per token
    oauth: FakeOAuth = field(default_factory=FakeOAuth)
    #: seconds a method waits before answering (e.g. a slow oauth.v2.access, so that two
    #: callers racing for one refresh overlap)
    delays: dict[str, float] = field(default_factory=dict)
    #: methods of the requests whose body was read, before any delay: a request counted
    #: here has reached Slack even if its sender dies while it waits
    arrived: list[str] = field(default_factory=list)
    _ts: int = 0

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, payload, headers = fake.handle(self.path, raw, dict(self.headers))
                data = json.dumps(payload).encode() if payload is not None else b"ok"
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header(
                    "Content-Type", "application/json" if payload is not None else "text/plain"
                )
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_PUT = do_POST  # noqa: N815

            def do_GET(self) -> None:  # noqa: N802
                parsed = urllib.parse.urlparse(self.path)
                if parsed.path.startswith("/files/"):
                    content = fake.hosted.get(urllib.parse.unquote(parsed.path[len("/files/") :]))
                    with fake.lock:
                        fake.calls.append(
                            Call(self.path, "download", {}, b"", dict(self.headers), time.time())
                        )
                    self.send_response(200 if content is not None else 404)
                    data = content or b"not found"
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                query = urllib.parse.urlencode(urllib.parse.parse_qsl(parsed.query)).encode()
                headers = {
                    **dict(self.headers),
                    "Content-Type": "application/x-www-form-urlencoded",
                }
                status, payload, extra = fake.handle(parsed.path, query, headers)
                data = json.dumps(payload).encode() if payload is not None else b"ok"
                self.send_response(status)
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.held.clear()  # let hanging requests end, so closing does not wait for them
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    # -- behaviour ---------------------------------------------------------------------------
    def host_file(self, name: str, content: bytes, file_id: str = "F000FILE1") -> str:
        """Serve `content` the way Slack serves url_private_download; files.info of
        `file_id` answers with that URL."""
        self.hosted[name] = content
        url = f"{self.url}/files/{urllib.parse.quote(name, safe='')}"
        self.files[file_id] = {
            "id": file_id,
            "name": name,
            "size": len(content),
            "url_private": url,
            "url_private_download": url,
        }
        return url

    def fail_next(
        self, method: str, status: int = 429, retry_after: int = 1, times: int = 1
    ) -> None:
        with self.lock:
            self.failures.setdefault(method, []).extend(
                [(status, {"Retry-After": str(retry_after)})] * times
            )

    def handle(self, path: str, raw: bytes, headers: dict) -> tuple[int, dict | None, dict]:
        parsed = urllib.parse.urlparse(path)
        if parsed.path.startswith("/api/"):
            method = parsed.path[len("/api/") :]
        elif parsed.path.startswith("/response/"):
            method = "response"
        elif parsed.path.startswith("/upload/"):
            method = "upload"
        else:
            return 404, {"ok": False, "error": "unknown_path"}, {}
        if method in self.held:
            with self.lock:
                self.waiting.append(method)
            while method in self.held:
                time.sleep(0.05)
            return 503, {"ok": False, "error": "service_unavailable"}, {}
        body = _decode(raw, headers.get("Content-Type", ""))
        with self.lock:
            self.arrived.append(method)
        if method in self.delays:
            time.sleep(self.delays[method])
        with self.lock:
            queued = self.failures.get(method)
            if queued:
                status, extra = queued.pop(0)
                self.calls.append(Call(path, method + ":failed", body, raw, headers, time.time()))
                return status, {"ok": False, "error": "ratelimited"}, extra
            self.calls.append(Call(path, method, body, raw, headers, time.time()))
            self._ts += 1
            ts = f"1700000000.{self._ts:06d}"
        return 200, self._answer(method, body, ts, headers), {}

    def _answer(self, method: str, body: dict, ts: str, headers: dict) -> dict | None:
        if method == "response":
            return None
        if method == "upload":
            return None
        answered = self.oauth.answer(method, body, headers, self.team_id)
        if answered is not None:
            return answered
        channel = body.get("channel") or body.get("channel_id")
        if channel in self.removed_channels:
            return {"ok": False, "error": "not_in_channel"}
        if channel in self.deleted_channels:
            return {"ok": False, "error": "channel_not_found"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": body.get("ts")}
        if method == "files.getUploadURLExternal":
            file_id = f"F{ts.replace('.', '')}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = body.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            if self.socket_url is None:
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": self.socket_url}
        if method in ("views.open", "views.update"):
            return {"ok": True, "view": {"id": "V1"}}
        if method == "conversations.info":
            return {"ok": True, "channel": {"id": channel, "name": "general"}}
        if method == "conversations.list":
            return self._channel_page(body)
        if method == "users.info":
            user = {"id": body.get("user"), "tz": "Europe/Amsterdam",
                    "is_admin": body.get("user") in self.admins}  # fmt: skip
            if str(body.get("include_locale")).lower() in ("true", "1"):  # Slack: only then
                user["locale"] = self.locales.get(str(body.get("user")), "en-US")
            return {"ok": True, "user": user}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "VHOME", "type": "home"}}
        if method == "files.info":
            found = self.files.get(str(body.get("file")))
            if found is None:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": found}
        return {"ok": True}

    def _channel_page(self, body: dict) -> dict:
        # Slack's shape: {"ok", "channels": [...], "response_metadata": {"next_cursor"}};
        # the cursor is opaque to callers (here the offset, base64 like Slack's) and "" at
        # the end. Archived channels are left out when exclude_archived is true.
        import base64

        shown = self.channels
        if str(body.get("exclude_archived")).lower() in ("true", "1"):
            shown = [c for c in shown if not c.get("is_archived")]
        cursor = str(body.get("cursor") or "")
        start = int(base64.b64decode(cursor).decode().split(":")[1]) if cursor else 0
        limit = min(int(body.get("limit") or 100), self.page)
        end = start + limit
        following = base64.b64encode(f"offset:{end}".encode()).decode()
        return {
            "ok": True,
            "channels": shown[start:end],
            "response_metadata": {"next_cursor": following if end < len(shown) else ""},
        }

    # -- reading what happened ---------------------------------------------------------------
    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {method} call(s), got {len(self.of(method))}")


def _decode(raw: bytes, content_type: str) -> dict:
    if not raw:
        return {}
    if "json" in content_type:
        try:
            return json.loads(raw)
        except ValueError:
            return {}
    if "x-www-form-urlencoded" in content_type:
        try:
            text = raw.decode()
        except UnicodeDecodeError:  # file bytes POSTed to an upload URL (urllib's default type)
            return {"_bytes": len(raw)}
        return {k: v[0] for k, v in urllib.parse.parse_qs(text).items()}
    return {"_bytes": len(raw)}
