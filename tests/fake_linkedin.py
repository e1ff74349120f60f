"""A loopback stand-in for LinkedIn's versioned Marketing API: `/rest/adAccounts/{id}`,
`/rest/adAccounts/{id}/adCampaigns?q=search` (paged by `metadata.nextPageToken`) and
`/rest/adAnalytics?q=analytics` with Rest.li 2.0 query syntax, answering `elements` with
`dateRange` and `pivotValues`, and LinkedIn's error body (`status`, `serviceErrorCode`,
`code`, `message`)."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fake_meta import Request

_RANGE = re.compile(
    r"^\(start:\(year:(\d+),month:(\d+),day:(\d+)\),end:\(year:(\d+),month:(\d+),day:(\d+)\)\)$"
)


def element(campaign_id: str, day: str, **metrics: Any) -> dict[str, Any]:
    d = dt.date.fromisoformat(day)
    part = {"year": d.year, "month": d.month, "day": d.day}
    return {"pivotValues": [f"urn:li:sponsoredCampaign:{campaign_id}"],
            "dateRange": {"start": part, "end": part}, **metrics}  # fmt: skip


@dataclass
class FakeLinkedIn:
    token: str = "AQV-linkedin-test"
    account: dict[str, Any] = field(
        default_factory=lambda: {
            "id": 512345678,
            "name": "Acme B2B",
            "currency": "EUR",
            "status": "ACTIVE",
        }
    )
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    elements: list[dict[str, Any]] = field(default_factory=list)
    campaign_page: int = 1  # campaigns per adCampaigns page (1: paging is exercised)
    queued: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parsed = urllib.parse.urlsplit(self.path)
                # Rest.li: parameters split on & and =, values decoded once
                query = {k: urllib.parse.unquote(v) for k, _, v in
                         (p.partition("=") for p in parsed.query.split("&") if p)}  # fmt: skip
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request("GET", parsed.path, query, {}, headers)
                request.form["raw_query"] = parsed.query
                with fake.lock:
                    fake.requests.append(request)
                    status, body = fake.answer(request)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def start(self) -> FakeLinkedIn:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def answer(self, request: Request) -> tuple[int, Any]:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return 401, {
                "status": 401,
                "serviceErrorCode": 65601,
                "code": "REVOKED_ACCESS_TOKEN",
                "message": "The token used in the request has been revoked by the user",
            }
        if self.queued:
            return self.queued.pop(0)
        account = str(self.account["id"])
        if request.path == f"/rest/adAccounts/{account}":
            return 200, self.account
        if request.path == f"/rest/adAccounts/{account}/adCampaigns":
            start = int(request.query.get("pageToken") or 0)
            size = self.campaign_page
            page = self.campaigns[start : start + size]
            body: dict[str, Any] = {"elements": page, "metadata": {}}
            if start + size < len(self.campaigns):
                body["metadata"]["nextPageToken"] = str(start + size)
            return 200, body
        if request.path == "/rest/adAnalytics":
            found = _RANGE.match(request.query["dateRange"])
            assert found, request.query
            y1, m1, d1, y2, m2, d2 = map(int, found.groups())
            since, until = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
            picked = [e for e in self.elements if since <= dt.date(
                e["dateRange"]["start"]["year"], e["dateRange"]["start"]["month"],
                e["dateRange"]["start"]["day"]) <= until]  # fmt: skip
            return 200, {"paging": {"start": 0, "count": 10, "links": []}, "elements": picked}
        return 404, {"status": 404, "code": "NOT_FOUND", "message": f"No route {request.path}"}
