"""LinkedIn Marketing API (versioned REST): `adAnalytics` with the analytics finder,
pivot CAMPAIGN, daily granularity, for one ad account.

- check: `GET /rest/adAccounts/{id}` (name, currency). LinkedIn's daily buckets are UTC.
  A connect also reads the first adCampaigns search page (count: `paging.total`, else the page).
- fetch: `GET /rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&
  dateRange=(start:(year:…,month:…,day:…),end:(…))&accounts=List(urn%3Ali%3AsponsoredAccount%3A…)&fields=…`
  (Rest.li 2.0 syntax: the parentheses stay as they are, the URNs inside are encoded;
  adAnalytics has no paging), and the campaigns' names from
  `GET /rest/adAccounts/{id}/adCampaigns?q=search` (paged by `pageToken`).
- Mapping: `costInLocalCurrency` → spend (a decimal string), impressions, clicks,
  `externalWebsiteConversions` → conversions, `conversionValueInLocalCurrency` → revenue,
  `oneClickLeads` → leads, reactions → likes, comments, shares, follows →
  followers_gained, videoViews, videoCompletions; the account's currency.
- Tokens: with the app's client id and secret and a programmatic refresh token (LinkedIn
  gives them to approved Marketing partners), each client first trades the refresh token
  for a fresh access token (`POST /oauth/v2/accessToken`, grant_type=refresh_token →
  `access_token`, `expires_in`, `refresh_token`, `refresh_token_expires_in`); the refresh
  token lives 365 days from the member's consent and is not renewed by refreshing, so its
  expiry is the one to warn about (a member must authorise again). Without them the access
  token alone is used (60 days, expiry not told).
- Headers: `Authorization: Bearer`, `LinkedIn-Version: YYYYMM`,
  `X-Restli-Protocol-Version: 2.0.0`. 429 backs off (LinkedIn names no delay), 5xx backs
  off; 401 (`EXPIRED_ACCESS_TOKEN`, `REVOKED_ACCESS_TOKEN`) stops the connection.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from storage.errors import PlatformError, PlatformThrottled, PlatformUnavailable, TokenRejected
from storage.sync import http
from storage.sync.source import (
    ATTEMPTS,
    AccountInfo,
    CampaignList,
    Sleep,
    backoff,
    real_sleep,
    with_campaigns,
)
from storage.sync_store import SyncedRow

DEFAULT_API_URL = "https://api.linkedin.com"
DEFAULT_TOKEN_URL = "https://www.linkedin.com/oauth/v2/accessToken"
#: What a refresh needs (all three, or none: the access token alone).
REFRESH_SECRETS = ("refresh_token", "client_id", "client_secret")
DEFAULT_VERSION = "202606"
LABEL = "LinkedIn"
_ACCOUNT = re.compile(r"^(?:urn:li:sponsoredAccount:)?(\d{1,20})$")
FIELDS = (
    "dateRange", "pivotValues", "impressions", "clicks", "costInLocalCurrency",
    "externalWebsiteConversions", "conversionValueInLocalCurrency", "oneClickLeads",
    "reactions", "comments", "shares", "follows", "videoViews", "videoCompletions",
)  # fmt: skip
COUNTERS = {
    "impressions": "impressions", "clicks": "clicks", "costInLocalCurrency": "spend",
    "externalWebsiteConversions": "conversions", "conversionValueInLocalCurrency": "revenue",
    "oneClickLeads": "leads", "reactions": "likes", "comments": "comments", "shares": "shares",
    "follows": "followers_gained", "videoViews": "video_views",
    "videoCompletions": "video_completions",
}  # fmt: skip


def ad_account(text: str) -> str:
    found = _ACCOUNT.match(text.strip())
    if not found:
        raise PlatformError("sync.error.linkedin_account", account=text.strip()[:40])
    return found.group(1)


def _date(part: Mapping[str, Any]) -> dt.date:
    return dt.date(int(part["year"]), int(part["month"]), int(part["day"]))


def _restli_date(day: dt.date) -> str:
    return f"(year:{day.year},month:{day.month},day:{day.day})"


def _after(seconds: object) -> dt.datetime | None:
    """Now plus a number of seconds the platform gave, to the second; None without one."""
    try:
        value = int(str(seconds))
    except ValueError:
        return None
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return now + dt.timedelta(seconds=value) if value > 0 else None


def _number(value: object, field: str) -> float:
    try:
        number = float(str(value))
    except ValueError as exc:
        detail = f"{field}={value!r}"[:80]
        raise PlatformError("sync.error.bad_answer", detail=detail, platform=LABEL) from exc
    return number


class LinkedInClient:
    platform = "linkedin"
    row_platform = "linkedin"
    lookback_days = 30

    def __init__(
        self,
        account: str,
        token: str,
        *,
        api_url: str | None = None,
        version: str | None = None,
        sleep: Sleep = real_sleep,
        refresh: Mapping[str, str] | None = None,
        token_url: str | None = None,
    ) -> None:
        self.account = ad_account(account)
        self._token = token
        self._refresh = dict(refresh) if refresh else None
        self.token_url = token_url or DEFAULT_TOKEN_URL
        self._refreshed = False
        self._refresh_expires: dt.datetime | None = None
        self.base = (api_url or DEFAULT_API_URL).rstrip("/")
        self.version = version or DEFAULT_VERSION
        self.sleep = sleep
        self._currency: str | None = None

    def __repr__(self) -> str:
        return f"LinkedInClient({self.account}, <token hidden>)"

    def token_expiry(self) -> dt.datetime | None:
        """With a refresh token: when it expires (`refresh_token_expires_in` from now, as the
        refresh answered). Without: None — kpibot holds only the access token (60 days),
        whose expiry LinkedIn tells only to the token flow; the 401 at expiry stops the
        connection."""
        self._renew()
        return self._refresh_expires

    def _renew(self) -> None:
        """Trade the refresh token for an access token, once per client (one sync)."""
        if self._refresh is None or self._refreshed:
            return
        form = {"grant_type": "refresh_token", **{k: self._refresh[k] for k in REFRESH_SECRETS}}
        for attempt in range(ATTEMPTS):
            answer = http.send("POST", self.token_url, form=form)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.ok and body.get("access_token"):
                self._token, self._refreshed = str(body["access_token"]), True
                self._refresh_expires = _after(body.get("refresh_token_expires_in"))
                return
            message = str(body.get("error_description") or body.get("error") or answer.text
                          or f"HTTP {answer.status}")[:300]  # fmt: skip
            if answer.status in (400, 401):
                raise TokenRejected("sync.error.linkedin_refresh", detail=message, platform=LABEL)
            if attempt == ATTEMPTS - 1 or not (answer.status in (0, 429) or answer.status >= 500):
                raise PlatformUnavailable("sync.error.unavailable", detail=message,
                                          platform=LABEL)  # fmt: skip
            self.sleep(backoff(attempt))

    def check(self) -> AccountInfo:
        return with_campaigns(self._account(), self._campaigns)

    def _account(self) -> AccountInfo:
        body = self._get(f"{self.base}/rest/adAccounts/{self.account}")
        self._currency = str(body["currency"]) if body.get("currency") else None
        return AccountInfo(self.account, str(body.get("name") or self.account), self._currency,
                           "UTC")  # fmt: skip

    def _campaigns(self) -> CampaignList:
        """The first page of the adCampaigns search the sync reads: `paging.total` when
        LinkedIn gives it, else the page's count ("at least" when a next page exists)."""
        url = f"{self.base}/rest/adAccounts/{self.account}/adCampaigns?q=search&pageSize=1000"
        body = self._get(url)
        elements = [e for e in body.get("elements") or [] if isinstance(e, dict)]
        names = [str(e.get("name") or e.get("id") or "") for e in elements[:3]]
        paging = body.get("paging")
        if isinstance(paging, dict) and paging.get("total") is not None:
            return int(paging["total"]), names, False
        more = bool((body.get("metadata") or {}).get("nextPageToken"))
        return len(elements), names, more

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]:
        if self._currency is None:
            self._account()
        names = self._campaign_names()
        urn = urllib.parse.quote(f"urn:li:sponsoredAccount:{self.account}", safe="")
        query = (
            "q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY"
            f"&dateRange=(start:{_restli_date(since)},end:{_restli_date(until)})"
            f"&accounts=List({urn})&fields={','.join(FIELDS)}"
        )
        body = self._get(f"{self.base}/rest/adAnalytics?{query}")
        rows = []
        for element in body.get("elements") or []:
            if not isinstance(element, dict):
                continue
            try:
                pivot = str((element.get("pivotValues") or [""])[0])
                day = _date(element["dateRange"]["start"])
            except (KeyError, TypeError, ValueError) as exc:
                detail = str(exc)[:80]
                raise PlatformError("sync.error.bad_answer", detail=detail, platform=LABEL) from exc
            campaign = pivot.rsplit(":", 1)[-1]
            counters = {
                counter: _number(element.get(field) or 0, field)
                for field, counter in COUNTERS.items()
            }
            rows.append(SyncedRow(campaign, names.get(campaign, campaign), day, counters,
                                  self._currency))  # fmt: skip
        return rows

    def _campaign_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        token: str | None = None
        while True:
            url = f"{self.base}/rest/adAccounts/{self.account}/adCampaigns?q=search&pageSize=1000"
            if token:
                url += f"&pageToken={urllib.parse.quote(token, safe='')}"
            body = self._get(url)
            for element in body.get("elements") or []:
                if isinstance(element, dict) and element.get("id") is not None:
                    names[str(element["id"])] = str(element.get("name") or element["id"])
            token = (body.get("metadata") or {}).get("nextPageToken")
            if not token:
                return names

    def _get(self, url: str) -> dict[str, Any]:
        self._renew()
        headers = {
            "Authorization": f"Bearer {self._token}",
            "LinkedIn-Version": self.version,
            "X-Restli-Protocol-Version": "2.0.0",
        }
        for attempt in range(ATTEMPTS):
            answer = http.send("GET", url, headers=headers)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.ok:
                return body
            message = str(body.get("message") or answer.text or f"HTTP {answer.status}")[:300]
            if answer.status == 401:
                raise TokenRejected("sync.error.linkedin_token", detail=message, platform=LABEL)
            if answer.status == 403:
                raise PlatformError("sync.error.permission", detail=message, platform=LABEL)
            if answer.status == 429 or answer.status == 0 or answer.status >= 500:
                if attempt == ATTEMPTS - 1:
                    if answer.status == 429:
                        raise PlatformThrottled("sync.error.throttled", detail=message,
                                                platform=LABEL, minutes=60)  # fmt: skip
                    raise PlatformUnavailable("sync.error.unavailable", detail=message,
                                              platform=LABEL)  # fmt: skip
                self.sleep(backoff(attempt, 15.0 if answer.status == 429 else 2.0))
                continue
            raise PlatformError("sync.error.refused", detail=message, platform=LABEL)
        raise PlatformUnavailable("sync.error.unavailable", detail="", platform=LABEL)
