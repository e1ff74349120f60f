"""A loopback stand-in for Google's OAuth token endpoint and the Google Ads API's REST
`googleAds:searchStream`, answering in the documented shapes: a token answer
(`access_token`, `expires_in`, `token_type`) or `{"error": "invalid_grant", ...}`; a JSON
array of stream batches with `results` in proto3 JSON (lowerCamelCase, int64 as strings,
zero values left out), and Google's error body with a GoogleAdsFailure detail
(`quotaErrorDetails.retryDelay`)."""

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

_BETWEEN = re.compile(r"segments\.date BETWEEN '(\d{4}-\d\d-\d\d)' AND '(\d{4}-\d\d-\d\d)'")


def quota_error(retry: str = "30s") -> dict[str, Any]:
    return {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).",
                      "status": "RESOURCE_EXHAUSTED", "details": [{
        "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
        "errors": [{"errorCode": {"quotaError": "RESOURCE_TEMPORARILY_EXHAUSTED"},
                    "message": "Too many requests. Retry in 30 seconds.",
                    "details": {"quotaErrorDetails": {"rateScope": "ACCOUNT",
                                                      "rateName": "Requests per account",
                                                      "retryDelay": retry}}}],
        "requestId": "abc123"}]}}  # fmt: skip


def result(campaign_id: str, name: str, day: str, *, impressions: int, clicks: int,
           cost_micros: int, conversions: float = 0.0, value: float = 0.0,
           currency: str = "EUR") -> dict[str, Any]:  # fmt: skip
    """One row as searchStream writes it: zero metrics left out, int64 as strings."""
    metrics: dict[str, Any] = {}
    if impressions:
        metrics["impressions"] = str(impressions)
    if clicks:
        metrics["clicks"] = str(clicks)
    if cost_micros:
        metrics["costMicros"] = str(cost_micros)
    if conversions:
        metrics["conversions"] = conversions
    if value:
        metrics["conversionsValue"] = value
    return {
        "customer": {"resourceName": "customers/1234567890", "currencyCode": currency},
        "campaign": {"resourceName": f"customers/1234567890/campaigns/{campaign_id}",
                     "id": campaign_id, "name": name},
        "metrics": metrics,
        "segments": {"date": day},
    }  # fmt: skip


@dataclass
class FakeGoogleAds:
    developer_token: str = "DEV-TOKEN-test"
    refresh_token: str = "1//refresh-test"
    access_token: str = "ya29.access-test"
    version: str = "v26"
    customer: dict[str, str] = field(
        default_factory=lambda: {
            "descriptiveName": "Acme Search",
            "currencyCode": "EUR",
            "timeZone": "Europe/Amsterdam",
        }
    )
    results: list[dict[str, Any]] = field(default_factory=list)
    batch_size: int = 2
    #: campaigns ({"id", "name", "status"}) for `FROM campaign` without dates; None lists
    #: the campaigns of `results`, ENABLED, in their order
    campaigns: list[dict[str, str]] | None = None
    #: the campaign list query is refused (PERMISSION_DENIED), the customer query answers
    refuse_campaigns: bool = False
    revoked: bool = False
    queued: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    form = {"json": raw}
                else:
                    form = dict(urllib.parse.parse_qsl(raw))
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request("POST", self.path, {}, form, headers)
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

    def start(self) -> FakeGoogleAds:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def answer(self, request: Request) -> tuple[int, Any]:
        if request.path == "/token":
            if self.revoked or request.form.get("refresh_token") != self.refresh_token:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                }
            return 200, {"access_token": self.access_token, "expires_in": 3599,
                         "scope": "https://www.googleapis.com/auth/adwords",
                         "token_type": "Bearer"}  # fmt: skip
        if request.headers.get("authorization") != f"Bearer {self.access_token}":
            return 401, {
                "error": {
                    "code": 401,
                    "status": "UNAUTHENTICATED",
                    "message": "Request had invalid authentication credentials.",
                }
            }
        if self.queued:
            return self.queued.pop(0)
        query = json.loads(request.form["json"])["query"]
        if "FROM customer" in query:
            return 200, [{"results": [{"customer": {"resourceName": "customers/1234567890",
                                                    **self.customer}}],
                          "fieldMask": "customer.descriptiveName,customer.currencyCode,"
                                       "customer.timeZone", "requestId": "r1"}]  # fmt: skip
        if "FROM campaign" in query and "segments.date" not in query:
            return self._campaigns(query)
        found = _BETWEEN.search(query)
        assert found, query
        since, until = (dt.date.fromisoformat(d) for d in found.groups())
        rows = [r for r in self.results
                if since <= dt.date.fromisoformat(r["segments"]["date"]) <= until]  # fmt: skip
        batches = [
            {"results": rows[i : i + self.batch_size], "requestId": f"r{i}",
             "fieldMask": "campaign.id,campaign.name,segments.date,metrics.impressions"}
            for i in range(0, len(rows), self.batch_size)
        ]  # fmt: skip
        return 200, batches

    def _campaigns(self, query: str) -> tuple[int, Any]:
        """`SELECT campaign.name FROM campaign WHERE campaign.status != 'REMOVED'`: stream
        batches of `{"campaign": {"resourceName", "name"}}`."""
        if self.refuse_campaigns:
            return 403, {"error": {"code": 403, "status": "PERMISSION_DENIED",
                                   "message": "The caller does not have permission"}}  # fmt: skip
        listed = self.campaigns
        if listed is None:
            seen: dict[str, str] = {}
            for row in self.results:
                seen.setdefault(row["campaign"]["id"], row["campaign"]["name"])
            listed = [{"id": k, "name": v, "status": "ENABLED"} for k, v in seen.items()]
        assert "campaign.status != 'REMOVED'" in query, query
        rows = [{"campaign": {"resourceName": f"customers/1234567890/campaigns/{c['id']}",
                              "name": c["name"]}}
                for c in listed if c.get("status") != "REMOVED"]  # fmt: skip
        size = self.batch_size
        batches = [{"results": rows[i : i + size], "fieldMask": "campaign.name",
                    "requestId": f"c{i}"} for i in range(0, len(rows), size)]  # fmt: skip
        return 200, batches
