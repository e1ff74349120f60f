"""A loopback stand-in for Google's token endpoint (jwt-bearer grant: the assertion's RS256
signature checked with the service account's public key) and the GA4 Data API's
`properties/{id}:runReport`, answering in the documented shape: `dimensionHeaders`,
`metricHeaders`, `rows` of `dimensionValues` / `metricValues` (values as strings),
`rowCount`, `metadata.currencyCode` / `timeZone`, `propertyQuota`; and the Admin API's
`GET v1beta/properties/{id}` (`displayName`, `currencyCode`, `timeZone`), or its 403 when
`admin_refused`."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.fake_meta import Request


def service_account(token_uri: str) -> tuple[dict[str, str], rsa.RSAPublicKey]:
    """A freshly made key file, as Google Cloud downloads it, and its public key."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()  # fmt: skip
    key = {
        "type": "service_account", "project_id": "acme-analytics", "private_key_id": "abc123",
        "private_key": pem, "client_email": "kpibot@acme-analytics.iam.gserviceaccount.com",
        "client_id": "1098765", "token_uri": token_uri,
    }  # fmt: skip
    return key, private.public_key()


def row(day: str, campaign_id: str, name: str, sessions: int, key_events: float,
        revenue: float) -> dict[str, Any]:  # fmt: skip
    return {"dimensionValues": [{"value": day.replace("-", "")}, {"value": campaign_id},
                                {"value": name}],
            "metricValues": [{"value": str(sessions)}, {"value": repr(key_events)},
                             {"value": repr(revenue)}]}  # fmt: skip


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class FakeGa4:
    public_key: rsa.RSAPublicKey | None = None
    access_token: str = "ya29.ga4-test"
    rows: list[dict[str, Any]] = field(default_factory=list)
    page: int = 2
    used: int = 10  # tokens consumed this hour (of used + remaining)
    remaining: int = 39990
    queued: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    display_name: str = "Acme webshop"
    admin_refused: bool = False
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request("GET", self.path, {}, {}, headers)
                with fake.lock:
                    fake.requests.append(request)
                    status, body = fake.admin(request)
                self._send(status, body)

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                headers = {k.lower(): v for k, v in self.headers.items()}
                if headers.get("content-type", "").startswith("application/json"):
                    form = {"json": raw}
                else:
                    form = dict(urllib.parse.parse_qsl(raw))
                request = Request("POST", self.path, {}, form, headers)
                with fake.lock:
                    fake.requests.append(request)
                    status, body = fake.answer(request)
                self._send(status, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def start(self) -> FakeGa4:
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

    def claims(self, assertion: str) -> dict[str, Any] | None:
        """The JWT's claims when its signature is the service account's, else None."""
        head, body, signature = assertion.split(".")
        assert self.public_key is not None
        try:
            self.public_key.verify(_unb64(signature), f"{head}.{body}".encode(),
                                   padding.PKCS1v15(), hashes.SHA256())  # fmt: skip
        except Exception:
            return None
        return dict(json.loads(_unb64(body)))

    def admin(self, request: Request) -> tuple[int, Any]:
        """The Admin API: the property's settings, or the 403 of an account without access."""
        if request.headers.get("authorization") != f"Bearer {self.access_token}":
            return 401, {"error": {"code": 401, "status": "UNAUTHENTICATED"}}
        number = request.path.rsplit("/", 1)[-1]
        if self.admin_refused or not request.path.startswith("/v1beta/properties/"):
            return 403, {
                "error": {
                    "code": 403,
                    "status": "PERMISSION_DENIED",
                    "message": "User does not have sufficient permissions.",
                }
            }
        return 200, {"name": f"properties/{number}", "displayName": self.display_name,
                     "currencyCode": "EUR", "timeZone": "Europe/Amsterdam",
                     "propertyType": "PROPERTY_TYPE_ORDINARY"}  # fmt: skip

    def answer(self, request: Request) -> tuple[int, Any]:
        if request.path == "/token":
            claims = self.claims(request.form.get("assertion", "x.x.x"))
            if claims is None:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Invalid JWT Signature.",
                }
            return 200, {"access_token": self.access_token, "expires_in": 3599,
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
        body = json.loads(request.form["json"])
        span = body["dateRanges"][0]
        since, until = (
            dt.date.fromisoformat(span["startDate"]),
            dt.date.fromisoformat(span["endDate"]),
        )
        picked = [r for r in self.rows
                  if since <= dt.datetime.strptime(r["dimensionValues"][0]["value"],
                                                   "%Y%m%d").date() <= until]  # fmt: skip
        start, limit = int(body.get("offset") or 0), min(int(body.get("limit") or 10), self.page)
        answer: dict[str, Any] = {
            "dimensionHeaders": [{"name": d["name"]} for d in body["dimensions"]],
            "metricHeaders": [{"name": "sessions", "type": "TYPE_INTEGER"},
                              {"name": "keyEvents", "type": "TYPE_FLOAT"},
                              {"name": "totalRevenue", "type": "TYPE_CURRENCY"}],
            "rows": picked[start : start + limit], "rowCount": len(picked),
            "metadata": {"currencyCode": "EUR", "timeZone": "Europe/Amsterdam"},
            "kind": "analyticsData#runReport",
        }  # fmt: skip
        if body.get("returnPropertyQuota"):
            answer["propertyQuota"] = {
                "tokensPerHour": {"consumed": self.used, "remaining": self.remaining}
            }
        if not answer["rows"]:
            del answer["rows"]  # GA4 leaves out an empty rows list
        return 200, answer
