"""A loopback stand-in for LinkedIn's versioned Marketing API: `/rest/adAccounts/{id}`,
`/rest/adAccounts/{id}/adCampaigns?q=search` (paged by `metadata.nextPageToken`) and
`/rest/adAnalytics?q=analytics` with Rest.li 2.0 query syntax, answering `elements` with
`dateRange` and `pivotValues`, and LinkedIn's error body (`status`, `serviceErrorCode`,
`code`, `message`), and the token endpoint `/oauth/v2/accessToken` trading a
programmatic refresh token (`access_token`, `expires_in`, `refresh_token`,
`refresh_token_expires_in`; 400 `invalid_request` once it expired)."""

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
    #: whether adCampaigns pages carry `paging.total` (the count of every campaign)
    campaign_total: bool = False
    #: adCampaigns is refused (403), the ad account itself answers
    refuse_campaigns: bool = False
    queued: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    #: the OAuth app and programmatic refresh token `/oauth/v2/accessToken` accepts; the
    #: access token it answers with becomes the one the API accepts
    client_id: str = "86-client"
    client_secret: str = "app-secret"
    refresh_token: str = "AQX-refresh"
    refresh_expires_in: int = 31_536_000  # 365 days, as LinkedIn sets it at consent
    refreshes: int = 0
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

            def do_POST(self) -> None:  # noqa: N802
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request("POST", parsed.path, {}, form, headers)
                with fake.lock:
                    fake.requests.append(request)
                    status, body = fake.token_answer(request)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def token_answer(self, request: Request) -> tuple[int, Any]:
        """`POST /oauth/v2/accessToken` with grant_type=refresh_token, as documented: the
        new `access_token` and its `expires_in` (60 days), the same `refresh_token` and the
        seconds it has left (`refresh_token_expires_in`); a wrong or expired one is 400
        with `error` and `error_description`."""
        form = request.form
        if request.path != "/oauth/v2/accessToken" or form.get("grant_type") != "refresh_token":
            return 400, {
                "error": "unsupported_grant_type",
                "error_description": 'A required parameter "grant_type" is missing',
            }
        if (form.get("client_id"), form.get("client_secret")) != (
            self.client_id,
            self.client_secret,
        ):
            return 401, {"error": "invalid_client",
                         "error_description": "Client authentication failed"}  # fmt: skip
        if form.get("refresh_token") != self.refresh_token or self.refresh_expires_in <= 0:
            return 400, {"error": "invalid_request", "error_description":
                         "The provided authorization grant or refresh token is invalid, "
                         "expired or revoked."}  # fmt: skip
        self.refreshes += 1
        self.token = f"AQV-refreshed-{self.refreshes}"
        return 200, {"access_token": self.token, "expires_in": 5_184_000,
                     "refresh_token": self.refresh_token,
                     "refresh_token_expires_in": self.refresh_expires_in,
                     "scope": "r_ads,r_ads_reporting"}  # fmt: skip

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
            if self.refuse_campaigns:
                message = "Not enough permissions to access: adCampaigns"
                return 403, {"status": 403, "serviceErrorCode": 100,
                             "code": "ACCESS_DENIED", "message": message}  # fmt: skip
            start = int(request.query.get("pageToken") or 0)
            size = min(self.campaign_page, int(request.query.get("pageSize") or 1000))
            page = self.campaigns[start : start + size]
            body: dict[str, Any] = {"elements": page, "metadata": {}}
            if self.campaign_total:
                body["paging"] = {"start": start, "count": size, "total": len(self.campaigns)}
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
