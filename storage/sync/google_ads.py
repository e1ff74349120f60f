"""Google Ads API over REST: an access token from the OAuth token endpoint (refresh-token
grant), then GAQL through `customers/{id}/googleAds:searchStream`.

- check: `SELECT customer.descriptive_name, customer.currency_code, customer.time_zone
  FROM customer` (one call, after the token), and `SELECT campaign.name FROM campaign WHERE
  campaign.status != 'REMOVED'` for what a connect shows (searchStream: every row counted).
- fetch: campaign × `segments.date` with impressions, clicks, `cost_micros` (÷ 10⁶ → spend,
  exactly), `conversions` (fractional under data-driven attribution, kept as reported),
  `conversions_value` → revenue, `customer.currency_code`. searchStream answers a JSON
  array of batches, each with `results`; proto3 JSON leaves out zero values (absent = 0) and
  writes int64 as strings.
- Headers: `Authorization: Bearer`, `developer-token`, and `login-customer-id` when the
  account is reached through a manager account.
- Errors: `RESOURCE_EXHAUSTED` (HTTP 429) waits the `quotaErrorDetails.retryDelay` it
  names; 5xx and UNAVAILABLE back off; `invalid_grant` at the token endpoint or
  UNAUTHENTICATED stop the connection (TokenRejected).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from storage.errors import PlatformError, PlatformThrottled, PlatformUnavailable, TokenRejected
from storage.sync import http
from storage.sync.source import (
    ATTEMPTS,
    MAX_WAIT,
    AccountInfo,
    CampaignList,
    Sleep,
    backoff,
    real_sleep,
    with_campaigns,
)
from storage.sync_store import SyncedRow

DEFAULT_API_URL = "https://googleads.googleapis.com"
DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token"
DEFAULT_VERSION = "v26"
LABEL = "Google Ads"
_CUSTOMER = re.compile(r"^\d{3}-?\d{3}-?\d{4}$")
_DELAY = re.compile(r"^(\d+(?:\.\d+)?)s$")
QUERY = (
    "SELECT campaign.id, campaign.name, segments.date, metrics.impressions, metrics.clicks, "
    "metrics.cost_micros, metrics.conversions, metrics.conversions_value, "
    "customer.currency_code FROM campaign WHERE segments.date BETWEEN '{since}' AND '{until}'"
)
CHECK = "SELECT customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer"
CAMPAIGNS = "SELECT campaign.name FROM campaign WHERE campaign.status != 'REMOVED'"


def customer_id(text: str) -> str:
    """`123-456-7890` or `1234567890` → `1234567890`; anything else is refused."""
    cleaned = text.strip()
    if not _CUSTOMER.match(cleaned):
        raise PlatformError("sync.error.google_customer", account=cleaned[:40])
    return cleaned.replace("-", "")


def retry_delay(body: Any) -> float:
    """`retryDelay` ("30s") of a GoogleAdsFailure's quotaErrorDetails, in seconds (0: none)."""
    found = 0.0
    error = body.get("error") if isinstance(body, dict) else None
    for detail in (error or {}).get("details") or []:
        for failure in (detail or {}).get("errors") or []:
            quota = ((failure or {}).get("details") or {}).get("quotaErrorDetails") or {}
            match = _DELAY.match(str(quota.get("retryDelay") or ""))
            if match:
                found = max(found, float(match.group(1)))
    return found


def _int(value: object) -> float:
    try:
        return float(int(str(value or 0)))
    except ValueError as exc:
        raise PlatformError(
            "sync.error.bad_answer", detail=str(value)[:40], platform=LABEL
        ) from exc


def synced_row(result: Mapping[str, Any]) -> SyncedRow:
    campaign = result.get("campaign") or {}
    metrics = result.get("metrics") or {}
    try:
        day = dt.date.fromisoformat(str((result.get("segments") or {})["date"]))
        micros = Decimal(str(metrics.get("costMicros") or 0))
        conversions = float(metrics.get("conversions") or 0)
        value = float(metrics.get("conversionsValue") or 0)
    except (KeyError, ValueError, InvalidOperation) as exc:
        raise PlatformError("sync.error.bad_answer", detail=str(exc)[:80], platform=LABEL) from exc
    counters = {
        "impressions": _int(metrics.get("impressions")),
        "clicks": _int(metrics.get("clicks")),
        "spend": float(micros / Decimal(1_000_000)),
        "conversions": conversions,
        "revenue": value,
    }
    currency = (result.get("customer") or {}).get("currencyCode")
    external = str(campaign.get("id") or "")
    return SyncedRow(external, str(campaign.get("name") or external), day, counters,
                     str(currency) if currency else None)  # fmt: skip


class GoogleAdsClient:
    platform = "google-ads"
    row_platform = "google"
    lookback_days = 30

    def __init__(
        self,
        customer: str,
        secrets: Mapping[str, str],
        *,
        login_customer: str | None = None,
        api_url: str | None = None,
        token_url: str | None = None,
        version: str | None = None,
        sleep: Sleep = real_sleep,
    ) -> None:
        self.customer = customer_id(customer)
        self.login_customer = customer_id(login_customer) if login_customer else None
        self._secrets = dict(secrets)
        self.base = (api_url or DEFAULT_API_URL).rstrip("/")
        self.token_url = token_url or DEFAULT_TOKEN_URL
        self.version = version or DEFAULT_VERSION
        self.sleep = sleep
        self._access: str | None = None

    def __repr__(self) -> str:
        return f"GoogleAdsClient({self.customer}, <credentials hidden>)"

    def token_expiry(self) -> dt.datetime | None:
        """None: a Google OAuth refresh token has no fixed expiry (it lasts until it is
        revoked, or unused for six months; a Testing-mode consent screen's lasts 7 days and
        then fails as revoked). The access tokens it mints last an hour and are renewed."""
        return None

    def check(self) -> AccountInfo:
        batches = self._stream(CHECK)
        results = [r for b in batches for r in b.get("results") or [] if isinstance(r, dict)]
        customer: Mapping[str, Any] = (results[0].get("customer") if results else None) or {}
        info = AccountInfo(
            self.customer,
            str(customer.get("descriptiveName") or self.customer),
            str(customer["currencyCode"]) if customer.get("currencyCode") else None,
            str(customer["timeZone"]) if customer.get("timeZone") else None,
        )
        return with_campaigns(info, self._campaigns)

    def _campaigns(self) -> CampaignList:
        rows = [r for b in self._stream(CAMPAIGNS) for r in b.get("results") or []]
        names = [str((r.get("campaign") or {}).get("name") or "") for r in rows[:3]]
        return len(rows), names, False

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]:
        query = QUERY.format(since=since.isoformat(), until=until.isoformat())
        return [synced_row(r) for b in self._stream(query) for r in b.get("results") or []]

    # -- the token and the calls --------------------------------------------------------------
    def _token(self) -> str:
        if self._access:
            return self._access
        form = {
            "grant_type": "refresh_token",
            "client_id": self._secrets.get("client_id", ""),
            "client_secret": self._secrets.get("client_secret", ""),
            "refresh_token": self._secrets.get("refresh_token", ""),
        }
        for attempt in range(ATTEMPTS):
            answer = http.send("POST", self.token_url, form=form)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.ok and body.get("access_token"):
                self._access = str(body["access_token"])
                return self._access
            error = str(body.get("error") or "")
            detail = str(body.get("error_description") or error or answer.text)[:300]
            if error in ("invalid_grant", "invalid_client", "unauthorized_client"):
                raise TokenRejected("sync.error.google_token", detail=detail, platform=LABEL)
            if answer.status and answer.status < 500 and answer.status != 429:
                raise PlatformError("sync.error.refused", detail=detail, platform=LABEL)
            if attempt == ATTEMPTS - 1:
                raise PlatformUnavailable("sync.error.unavailable", detail=detail, platform=LABEL)
            self.sleep(backoff(attempt))
        raise PlatformUnavailable("sync.error.unavailable", detail="", platform=LABEL)

    def _stream(self, query: str) -> list[Mapping[str, Any]]:
        url = f"{self.base}/{self.version}/customers/{self.customer}/googleAds:searchStream"
        for attempt in range(ATTEMPTS):
            headers = {
                "Authorization": f"Bearer {self._token()}",
                "developer-token": self._secrets.get("developer_token", ""),
            }
            if self.login_customer:
                headers["login-customer-id"] = self.login_customer
            answer = http.send("POST", url, json_body={"query": query}, headers=headers)
            if answer.ok and isinstance(answer.body, list):
                return [b for b in answer.body if isinstance(b, dict)]
            error = answer.body.get("error") if isinstance(answer.body, dict) else None
            error = error if isinstance(error, dict) else {}
            status = str(error.get("status") or "")
            message = str(error.get("message") or answer.text or f"HTTP {answer.status}")[:300]
            if status == "UNAUTHENTICATED" or answer.status == 401:
                raise TokenRejected("sync.error.google_token", detail=message, platform=LABEL)
            if status == "RESOURCE_EXHAUSTED" or answer.status == 429:
                wait = retry_delay(answer.body) or backoff(attempt, 15.0)
                if wait > MAX_WAIT or attempt == ATTEMPTS - 1:
                    raise PlatformThrottled("sync.error.throttled", detail=message,
                                            platform=LABEL, minutes=-(-wait // 60))  # fmt: skip
            elif answer.status == 0 or answer.status >= 500 or status == "UNAVAILABLE":
                if attempt == ATTEMPTS - 1:
                    raise PlatformUnavailable("sync.error.unavailable", detail=message,
                                              platform=LABEL)  # fmt: skip
                wait = backoff(attempt)
            elif status == "PERMISSION_DENIED" or answer.status == 403:
                raise PlatformError("sync.error.permission", detail=message, platform=LABEL)
            else:
                raise PlatformError("sync.error.refused", detail=message, platform=LABEL)
            self.sleep(wait)
        raise PlatformUnavailable("sync.error.unavailable", detail="", platform=LABEL)
