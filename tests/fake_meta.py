"""A loopback stand-in for Meta's Graph API (Marketing API Insights), answering in the
documented shapes: the ad account node, `/act_<id>/insights` with `data` and
`paging.cursors` / `paging.next`, async report runs (`report_run_id`, `async_status`,
`async_percent_completion`, `/<run id>/insights`), `/debug_token` (`data.expires_at`,
`data.data_access_expires_at`, 0 = never), usage headers
(`x-business-use-case-usage`, `x-fb-ads-insights-throttle`) and error bodies
(`{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`).

It records every request (path, query, form, headers) so tests assert what was sent."""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]


def error_body(code: int, message: str, kind: str = "OAuthException", **extra: Any) -> dict:
    return {"error": {"message": message, "type": kind, "code": code,
                      "fbtrace_id": "AbCdEfGh123", **extra}}  # fmt: skip


@dataclass
class FakeMeta:
    token: str = "EAAB-test-token"
    version: str = "v25.0"
    accounts: dict[str, dict[str, str]] = field(default_factory=dict)  # act_x -> node
    #: act_x -> insight items (one per campaign and day, as Meta answers time_increment=1)
    insights: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    page_size: int = 2
    #: act_x -> campaigns ({"id", "name"}) for the campaigns edge; an account not here lists
    #: the campaigns of its insight items, in their order
    campaigns: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    #: whether the campaigns edge answers `summary=total_count` (else only the page)
    campaign_summary: bool = True
    #: the campaigns edge refuses (#200 permission error), the account itself answers
    refuse_campaigns: bool = False
    #: answers served before the normal one: (status, body, headers)
    queued: list[tuple[int, dict, dict[str, str]]] = field(default_factory=list)
    usage: dict[str, str] = field(default_factory=dict)  # headers on every good answer
    polls_before_done: int = 1
    #: what `/debug_token` says of the token: Unix seconds, 0 = never (a system user's)
    expires_at: int = 0
    data_access_expires_at: int = 0
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _runs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _serve(self, method: str) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parsed.query))
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                request = Request(method, parsed.path, query, form, dict(self.headers))
                with fake.lock:
                    fake.requests.append(request)
                    status, body, headers = fake.answer(request)
                data = json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                self._serve("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._serve("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    # -- life --------------------------------------------------------------------------------
    def start(self) -> FakeMeta:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def calls(self, suffix: str, method: str = "GET") -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.endswith(suffix)]

    # -- answers -----------------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict, dict[str, str]]:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            message = "Invalid OAuth access token - Cannot parse access token"
            return 400, error_body(190, message), {}
        if self.queued:
            return self.queued.pop(0)
        prefix = f"/{self.version}/"
        if not request.path.startswith(prefix):
            return 400, error_body(2635, "Unsupported version", "OAuthException"), {}
        parts = request.path[len(prefix) :].split("/")
        node = parts[0]
        edge = parts[1] if len(parts) > 1 else ""
        if node == "debug_token" and request.method == "GET":
            return 200, self._debug(request.query.get("input_token", "")), self.usage
        if node in self.accounts and not edge and request.method == "GET":
            fields = request.query.get("fields", "").split(",")
            account = self.accounts[node]
            return 200, {k: account[k] for k in fields if k in account} | {"id": node}, self.usage
        if node in self.accounts and edge == "campaigns" and request.method == "GET":
            return self._campaigns(node, request)
        if node in self.accounts and edge == "insights":
            items = self._select(node, request.query if request.method == "GET" else request.form)
            if request.method == "POST":
                run = str(6023000000000 + len(self._runs) + 1)
                self._runs[run] = {"items": items, "polls": 0}
                return 200, {"report_run_id": run}, self.usage
            return 200, self._page(request, items), self.usage
        if node in self._runs:
            run = self._runs[node]
            if edge == "insights":
                return 200, self._page(request, run["items"]), self.usage
            run["polls"] += 1
            done = run["polls"] > self.polls_before_done
            return (
                200,
                {
                    "id": node,
                    "async_status": "Job Completed" if done else "Job Running",
                    "async_percent_completion": 100 if done else 40,
                },
                self.usage,
            )
        message = f"Unsupported get request. Object with ID '{node}' does not exist"
        return 400, error_body(100, message, "GraphMethodException", error_subcode=33), {}

    def _debug(self, token: str) -> dict[str, Any]:
        """`GET /debug_token?input_token=…` as documented: `data` with `is_valid`,
        `expires_at` and `data_access_expires_at` (Unix seconds, 0 = never); a token it does
        not know is `is_valid: false` with an `error` inside `data` (still HTTP 200)."""
        if token != self.token:
            return {"data": {"is_valid": False, "error": {"code": 190,
                             "message": "Invalid OAuth access token."}, "scopes": []}}  # fmt: skip
        return {"data": {
            "app_id": "1234567890", "type": "SYSTEM_USER", "application": "kpibot test",
            "data_access_expires_at": self.data_access_expires_at,
            "expires_at": self.expires_at, "is_valid": True,
            "scopes": ["ads_read", "read_insights"], "user_id": "100000000000001",
        }}  # fmt: skip

    def _campaigns(self, account: str, request: Request) -> tuple[int, dict, dict[str, str]]:
        """`GET /act_x/campaigns?fields=name&limit=N&summary=total_count`: `data` of
        `{name, id}`, `paging` (cursors, `next` when more) and `summary.total_count`."""
        if self.refuse_campaigns:
            message = "(#200) Requires ads_management permission to manage the object"
            return 400, error_body(200, message, "OAuthException"), {}
        listed = self.campaigns.get(account)
        if listed is None:
            seen: dict[str, str] = {}
            for row in self.insights.get(account, []):
                seen.setdefault(row["campaign_id"], row["campaign_name"])
            listed = [{"id": k, "name": v} for k, v in seen.items()]
        limit = int(request.query.get("limit") or 25)
        page = [{"name": c["name"], "id": c["id"]} for c in listed[:limit]]
        body: dict[str, Any] = {
            "data": page,
            "paging": {"cursors": {"before": "0", "after": str(len(page))}},
        }
        if len(listed) > limit:
            body["paging"]["next"] = f"{self.url}{request.path}?limit={limit}&after={limit}"
        if self.campaign_summary and request.query.get("summary") == "total_count":
            body["summary"] = {"total_count": len(listed)}
        return 200, body, self.usage

    def _select(self, account: str, params: dict[str, str]) -> list[dict[str, Any]]:
        span = json.loads(params["time_range"])
        since, until = (dt.date.fromisoformat(span[k]) for k in ("since", "until"))
        return [
            item for item in self.insights.get(account, [])
            if since <= dt.date.fromisoformat(item["date_start"]) <= until
        ]  # fmt: skip

    def _page(self, request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
        start = int(request.query.get("after") or 0)
        page = items[start : start + self.page_size]
        body: dict[str, Any] = {"data": page}
        cursors = {"before": str(start), "after": str(start + len(page))}
        body["paging"] = {"cursors": cursors}
        if start + self.page_size < len(items):
            query = {k: v for k, v in request.query.items() if k != "after"}
            query["after"] = str(start + self.page_size)
            next_url = f"{self.url}{request.path}?{urllib.parse.urlencode(query)}"
            body["paging"]["next"] = next_url
        return body


def item(
    campaign_id: str,
    name: str,
    day: str,
    *,
    impressions: int,
    reach: int,
    spend: str,
    link_clicks: int,
    purchases: int = 0,
    revenue: str = "0",
    leads: int = 0,
    reactions: int = 0,
    comments: int = 0,
    shares: int = 0,
    saves: int = 0,
    video_views: int = 0,
    completions: int = 0,
    currency: str = "EUR",
) -> dict[str, Any]:
    """One insight item as Meta writes it: numbers as strings; purchases counted under all
    three purchase action types (the same purchases, as Meta reports them); actions with no
    count left out."""
    actions = []
    values = []
    if purchases:
        for kind in ("omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"):
            actions.append({"action_type": kind, "value": str(purchases)})
            values.append({"action_type": kind, "value": revenue})
    counted = {"lead": leads, "post_reaction": reactions, "comment": comments, "post": shares,
               "onsite_conversion.post_save": saves, "video_view": video_views,
               "link_click": link_clicks + 20}  # fmt: skip
    actions += [{"action_type": k, "value": str(v)} for k, v in counted.items() if v]
    found: dict[str, Any] = {
        "campaign_id": campaign_id, "campaign_name": name, "date_start": day, "date_stop": day,
        "account_currency": currency, "impressions": str(impressions), "reach": str(reach),
        "spend": spend, "inline_link_clicks": str(link_clicks),
    }  # fmt: skip
    if actions:
        found["actions"] = actions
    if values:
        found["action_values"] = values
    if completions:
        found["video_p100_watched_actions"] = [
            {"action_type": "video_view", "value": str(completions)}
        ]
    return found
