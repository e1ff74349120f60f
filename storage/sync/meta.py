"""Meta Marketing API (Graph API), the Insights edge at campaign level, one row per day.

- check: `GET /{version}/act_<id>?fields=name,currency,timezone_name` (one cheap call), and
  `GET /act_<id>/campaigns?fields=name&limit=3&summary=total_count` for what a connect
  shows (`summary.total_count`; without it the page's count, as "at least").
- token expiry: `GET /{version}/debug_token?input_token=…` (at connect and at each sync).
- fetch: `GET /act_<id>/insights` (level=campaign, time_increment=1, time_range) following
  `paging.next`; ranges longer than ASYNC_AFTER_DAYS run as an async report
  (`POST /act_<id>/insights` → `report_run_id`, poll `async_status` /
  `async_percent_completion`, read `/<report_run_id>/insights`).
- The token travels in the Authorization header, and in a URL only as debug_token's
  `input_token` (that endpoint takes it no other way); a `paging.next` pointing
  anywhere but the configured host is not followed.
- `x-business-use-case-usage`, `x-fb-ads-insights-throttle` and `x-app-usage` slow the
  client down from 75 % of a limit; rate-limit codes (4, 17, 32, 613, 80000, 80004) wait
  `estimated_time_to_regain_access` or back off; 5xx and transient errors back off;
  OAuthException 190 (expired, revoked) stops the connection (TokenRejected).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from storage.errors import (
    PlatformError,
    PlatformThrottled,
    PlatformUnavailable,
    TokenRejected,
)
from storage.sync import http
from storage.sync.meta_rows import INSIGHT_FIELDS, synced_row
from storage.sync.source import (
    ATTEMPTS,
    MAX_WAIT,
    SHOWN_CAMPAIGNS,
    AccountInfo,
    CampaignList,
    Sleep,
    backoff,
    from_epoch,
    pace,
    real_sleep,
    with_campaigns,
)
from storage.sync_store import SyncedRow

DEFAULT_API_URL = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"
ASYNC_AFTER_DAYS = 31
PAGE_SIZE = 500
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80000, 80003, 80004, 80014})
TRANSIENT_CODES = frozenset({1, 2})
TOKEN_CODES = frozenset({190, 102})
#: Polling an async report: the first waits, growing to POLL_MAX, for at most POLL_TOTAL.
POLL_FIRST, POLL_MAX, POLL_TOTAL = 1.0, 30.0, 1800.0
_ACCOUNT = re.compile(r"^(?:act_)?(\d{1,30})$")


def account_id(text: str) -> str:
    """`act_1234` or `1234` → `act_1234`; anything else is refused."""
    found = _ACCOUNT.match(text.strip())
    if not found:
        raise PlatformError("sync.error.meta_account", account=text.strip()[:40])
    return f"act_{found.group(1)}"


class MetaClient:
    platform = "meta"
    row_platform = "meta"
    lookback_days = 28

    def __init__(
        self,
        account: str,
        token: str,
        *,
        api_url: str | None = None,
        version: str | None = None,
        sleep: Sleep = real_sleep,
    ) -> None:
        self.account = account_id(account)
        self._token = token
        self.base = (api_url or DEFAULT_API_URL).rstrip("/")
        self.version = version or DEFAULT_VERSION
        self.sleep = sleep
        self.waited = 0.0  # seconds spent slowing down or backing off (reported, tested)

    def __repr__(self) -> str:
        return f"MetaClient({self.account}, <token hidden>)"

    def _url(self, path: str) -> str:
        return f"{self.base}/{self.version}/{path}"

    # -- the two calls the sync makes ---------------------------------------------------------
    def check(self) -> AccountInfo:
        body = self._call("GET", self._url(self.account), {"fields": "name,currency,timezone_name"})
        info = AccountInfo(
            self.account,
            str(body.get("name") or self.account),
            str(body["currency"]) if body.get("currency") else None,
            str(body["timezone_name"]) if body.get("timezone_name") else None,
        )
        return with_campaigns(info, self._campaigns)

    def _campaigns(self) -> CampaignList:
        params = {"fields": "name", "limit": SHOWN_CAMPAIGNS, "summary": "total_count"}
        body = self._call("GET", self._url(f"{self.account}/campaigns"), params)
        data = [d for d in body.get("data") or [] if isinstance(d, dict)]
        names = [str(d.get("name") or d.get("id") or "") for d in data]
        summary = body.get("summary")
        if isinstance(summary, dict) and summary.get("total_count") is not None:
            return int(summary["total_count"]), names, False
        paging = body.get("paging")
        more = isinstance(paging, dict) and bool(paging.get("next"))
        return len(data), names, more

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]:
        params: dict[str, object] = {
            "level": "campaign",
            "time_increment": 1,
            "time_range": json.dumps(
                {"since": since.isoformat(), "until": until.isoformat()}, separators=(",", ":")
            ),
            "fields": ",".join(INSIGHT_FIELDS),
            "use_account_attribution_setting": "true",
            "limit": PAGE_SIZE,
        }
        if (until - since).days + 1 > ASYNC_AFTER_DAYS:
            items = self._async_report(params)
        else:
            items = self._pages(self._url(f"{self.account}/insights"), params)
        return [synced_row(item) for item in items]

    def token_expiry(self) -> dt.datetime | None:
        """`GET /debug_token?input_token=…`: `data.expires_at` (0: never, as for a system
        user's token) and `data.data_access_expires_at` (when reading data needs the user
        again; 0: never) — the earlier of the two. The token to inspect must go in the query
        (the endpoint takes no other form); http logs no query."""
        body = self._call("GET", self._url("debug_token"), {"input_token": self._token})
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        assert isinstance(data, dict)
        return from_epoch(data.get("expires_at"), data.get("data_access_expires_at"))

    # -- paging and async reports -------------------------------------------------------------
    def _pages(self, url: str, params: Mapping[str, object] | None) -> list[Mapping[str, Any]]:
        items: list[Mapping[str, Any]] = []
        next_url: str | None = url
        while next_url:
            body = self._call("GET", next_url, params)
            params = None  # paging.next carries every parameter and the cursor
            data = body.get("data")
            if not isinstance(data, list):
                raise PlatformError("sync.error.bad_answer", detail="no data list", platform="Meta")
            items.extend(item for item in data if isinstance(item, dict))
            paging = body.get("paging") if isinstance(body.get("paging"), dict) else {}
            candidate = paging.get("next") if isinstance(paging, dict) else None
            next_url = candidate if isinstance(candidate, str) and self._ours(candidate) else None
        return items

    def _ours(self, url: str) -> bool:
        """A paging link is followed only on the configured scheme and host."""
        theirs, mine = urllib.parse.urlsplit(url), urllib.parse.urlsplit(self.base)
        return (theirs.scheme, theirs.netloc) == (mine.scheme, mine.netloc)

    def _async_report(self, params: Mapping[str, object]) -> list[Mapping[str, Any]]:
        started = self._call("POST", self._url(f"{self.account}/insights"), None, form=params)
        run_id = str(started.get("report_run_id") or "")
        if not run_id.isdigit():
            raise PlatformError("sync.error.bad_answer", detail="no report_run_id", platform="Meta")
        wait, waited = POLL_FIRST, 0.0
        while True:
            status = self._call(
                "GET", self._url(run_id), {"fields": "async_status,async_percent_completion"}
            )
            state = str(status.get("async_status") or "")
            if state == "Job Completed" and int(status.get("async_percent_completion") or 0) >= 100:
                break
            if state in ("Job Failed", "Job Skipped"):
                detail = str(status.get("error_message") or state)
                raise PlatformUnavailable(
                    "sync.error.report_failed", detail=detail, platform="Meta"
                )
            if waited >= POLL_TOTAL:
                raise PlatformUnavailable("sync.error.report_slow", detail=state, platform="Meta")
            self.sleep(wait)
            waited += wait
            wait = min(wait * 2, POLL_MAX)
        return self._pages(self._url(f"{run_id}/insights"), {"limit": PAGE_SIZE})

    # -- one request, with Meta's error rules -------------------------------------------------
    def _call(
        self,
        method: str,
        url: str,
        params: Mapping[str, object] | None,
        *,
        form: Mapping[str, object] | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token}"}
        for attempt in range(ATTEMPTS):
            answer = http.send(method, url, params=params, form=form, headers=headers)
            error = answer.body.get("error") if isinstance(answer.body, dict) else None
            if answer.ok and isinstance(answer.body, dict) and not error:
                self._slow_down(answer.headers)
                return answer.body
            error = error if isinstance(error, dict) else {}
            code = _int(error.get("code"))
            message = str(error.get("message") or answer.text or f"HTTP {answer.status}")[:300]
            if code in TOKEN_CODES or answer.status == 401:
                raise TokenRejected("sync.error.token", detail=message, platform="Meta")
            if code in RATE_LIMIT_CODES or answer.status == 429:
                wait = max(regain_seconds(answer.headers), backoff(attempt, 15.0))
                if wait > MAX_WAIT or attempt == ATTEMPTS - 1:
                    raise PlatformThrottled(
                        "sync.error.throttled",
                        detail=message,
                        platform="Meta",
                        minutes=-(-wait // 60),
                    )
            elif (
                answer.status == 0
                or answer.status >= 500
                or code in TRANSIENT_CODES
                or (error.get("is_transient") is True)
            ):
                if attempt == ATTEMPTS - 1:
                    raise PlatformUnavailable(
                        "sync.error.unavailable", detail=message, platform="Meta"
                    )
                wait = backoff(attempt)
            elif code in (10, 200) or 200 <= code < 300:
                raise PlatformError("sync.error.permission", detail=message, platform="Meta")
            else:
                raise PlatformError("sync.error.refused", detail=message, platform="Meta")
            self.waited += wait
            self.sleep(wait)
        raise PlatformUnavailable(
            "sync.error.unavailable", detail="", platform="Meta"
        )  # not reached

    def _slow_down(self, headers: Mapping[str, str]) -> None:
        wait = max(pace(usage_percent(headers)), min(regain_seconds(headers), MAX_WAIT))
        if wait > 0:
            self.waited += wait
            self.sleep(wait)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return -1


def _json(headers: Mapping[str, str], name: str) -> Any:
    try:
        return json.loads(headers.get(name) or "null")
    except ValueError:
        return None


def _buc_entries(headers: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """x-business-use-case-usage: {"<business id>": [{"type": "ads_insights",
    "call_count": 28, "total_cputime": 25, "total_time": 25,
    "estimated_time_to_regain_access": 0}, ...]}"""
    usage = _json(headers, "x-business-use-case-usage")
    if not isinstance(usage, dict):
        return []
    return [e for entries in usage.values() if isinstance(entries, list) for e in entries
            if isinstance(e, dict)]  # fmt: skip


def usage_percent(headers: Mapping[str, str]) -> float:
    """The highest share of any limit the headers report, in percent."""
    found = [0.0]
    for entry in _buc_entries(headers):
        found += [float(entry.get(k) or 0) for k in ("call_count", "total_cputime", "total_time")]
    throttle = _json(headers, "x-fb-ads-insights-throttle")
    if isinstance(throttle, dict):
        found += [float(throttle.get(k) or 0) for k in ("app_id_util_pct", "acc_id_util_pct")]
    app = _json(headers, "x-app-usage")
    if isinstance(app, dict):
        found += [float(app.get(k) or 0) for k in ("call_count", "total_cputime", "total_time")]
    return max(found)


def regain_seconds(headers: Mapping[str, str]) -> float:
    """`estimated_time_to_regain_access` (minutes) of the business use case usage, in s."""
    minutes = [float(e.get("estimated_time_to_regain_access") or 0) for e in _buc_entries(headers)]
    return max(minutes, default=0.0) * 60.0
