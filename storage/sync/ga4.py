"""Google Analytics 4 Data API: `properties/{id}:runReport` with a service-account key.

- Token: a JWT signed RS256 with the key's private key (`iss` the key's client_email,
  `scope` analytics.readonly, `aud` the token URL), exchanged at the token endpoint
  (grant type jwt-bearer). The key never leaves kpibot except as that signature.
- check: runReport for yesterday (limit 1: the property answers, its `metadata.currencyCode`
  and `timeZone`), then the Admin API's `GET v1beta/properties/{id}` for the property's
  `displayName`, `currencyCode` and `timeZone`; when the service account may not read the
  property's settings the connection is named by its id, with a note saying why. GA4 has
  no campaign list outside reports: a connect says campaigns appear after the first sync.
- fetch: runReport with dimensions `date`, `sessionCampaignId`, `sessionCampaignName`,
  metrics `sessions`, `keyEvents`, `totalRevenue`.
  Paged by `offset`/`limit` against `rowCount`. `returnPropertyQuota` reports the tokens
  left this hour: the client slows down from 75 % used.
- Mapping (as the GA4 CSV import does): sessions → sessions, keyEvents → conversions,
  totalRevenue → revenue, rows on platform `web`; `(direct)`, `(not set)`, `(organic)`,
  `(referral)` are no campaigns and are skipped.
- 429 / RESOURCE_EXHAUSTED back off, 5xx back off, 401 or `invalid_grant` stop the
  connection.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from storage.errors import PlatformError, PlatformThrottled, PlatformUnavailable, TokenRejected
from storage.sync import http
from storage.sync.source import ATTEMPTS, AccountInfo, Sleep, backoff, pace, real_sleep
from storage.sync_store import SyncedRow

DEFAULT_API_URL = "https://analyticsdata.googleapis.com"
DEFAULT_ADMIN_URL = "https://analyticsadmin.googleapis.com"
DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token"
SCOPE = "https://www.googleapis.com/auth/analytics.readonly"
LABEL = "GA4"
PAGE = 10_000
NOT_CAMPAIGNS = frozenset({"(direct)", "(not set)", "(organic)", "(referral)", ""})
_PROPERTY = re.compile(r"^(?:properties/)?(\d{1,20})$")


def property_id(text: str) -> str:
    found = _PROPERTY.match(text.strip())
    if not found:
        raise PlatformError("sync.error.ga4_property", account=text.strip()[:40])
    return found.group(1)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def signed_assertion(key: Mapping[str, str], audience: str, now: float) -> str:
    """The JWT a service account presents (RFC 7523), signed with its private key."""
    try:
        private = serialization.load_pem_private_key(key["private_key"].encode(), password=None)
    except (KeyError, ValueError, TypeError) as exc:
        raise PlatformError("sync.error.ga4_key", platform=LABEL) from exc
    if not isinstance(private, rsa.RSAPrivateKey):
        raise PlatformError("sync.error.ga4_key", platform=LABEL)
    header = {"alg": "RS256", "typ": "JWT", "kid": key.get("private_key_id", "")}
    claims = {"iss": key.get("client_email", ""), "scope": SCOPE, "aud": audience,
              "iat": int(now), "exp": int(now) + 3600}  # fmt: skip
    signing = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = private.sign(signing.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing}.{_b64(signature)}"


class Ga4Client:
    platform = "ga4"
    row_platform = "web"
    lookback_days = 3

    def __init__(
        self,
        property_: str,
        key: Mapping[str, str],
        *,
        api_url: str | None = None,
        token_url: str | None = None,
        admin_url: str | None = None,
        sleep: Sleep = real_sleep,
    ) -> None:
        self.property = property_id(property_)
        self._key = dict(key)
        self.base = (api_url or DEFAULT_API_URL).rstrip("/")
        self.admin = (admin_url or DEFAULT_ADMIN_URL).rstrip("/")
        self.token_url = token_url or self._key.get("token_uri") or DEFAULT_TOKEN_URL
        self.sleep = sleep
        self._access: str | None = None

    def __repr__(self) -> str:
        return f"Ga4Client({self.property}, <key hidden>)"

    def token_expiry(self) -> dt.datetime | None:
        """None: a service account's key has no expiry unless the Cloud project sets one
        (an organisation policy); the hour-long access tokens it signs for are renewed."""
        return None

    def check(self) -> AccountInfo:
        yesterday = dt.date.today() - dt.timedelta(days=1)
        body = self._report(yesterday, yesterday, offset=0, limit=1)
        meta = body.get("metadata") or {}
        currency, zone = meta.get("currencyCode"), meta.get("timeZone")
        headers = {"Authorization": f"Bearer {self._token()}"}
        answer = http.send("GET", f"{self.admin}/v1beta/properties/{self.property}",
                           headers=headers)  # fmt: skip
        found = answer.body if answer.ok and isinstance(answer.body, dict) else {}
        name = str(found.get("displayName") or "").strip()[:200]
        if not name:
            return AccountInfo(self.property, f"property {self.property}", currency, zone,
                               note="sync.note.ga4_no_admin",
                               campaigns_after_sync=True)  # fmt: skip
        return AccountInfo(self.property, name, str(found.get("currencyCode") or currency or "")
                           or None, str(found.get("timeZone") or zone or "") or None,
                           campaigns_after_sync=True)  # fmt: skip

    def fetch(self, since: dt.date, until: dt.date) -> Sequence[SyncedRow]:
        rows: list[SyncedRow] = []
        offset = 0
        while True:
            body = self._report(since, until, offset=offset, limit=PAGE)
            currency = (body.get("metadata") or {}).get("currencyCode")
            found = body.get("rows") or []
            for row in found:
                made = self._row(row, currency)
                if made is not None:
                    rows.append(made)
            offset += len(found)
            if not found or offset >= int(body.get("rowCount") or 0):
                return rows

    @staticmethod
    def _row(row: Mapping[str, Any], currency: str | None) -> SyncedRow | None:
        try:
            day_text, campaign_id, name = (d["value"] for d in row["dimensionValues"])
            sessions, key_events, revenue = (float(m["value"]) for m in row["metricValues"])
            day = dt.datetime.strptime(day_text, "%Y%m%d").date()
        except (KeyError, ValueError, TypeError) as exc:
            raise PlatformError(
                "sync.error.bad_answer", detail=str(exc)[:80], platform=LABEL
            ) from exc
        if name in NOT_CAMPAIGNS:
            return None
        external = campaign_id if campaign_id not in NOT_CAMPAIGNS else f"name:{name}"
        counters = {"sessions": sessions, "conversions": key_events, "revenue": revenue}
        return SyncedRow(external, name, day, counters, currency)

    def _token(self) -> str:
        if self._access:
            return self._access
        for attempt in range(ATTEMPTS):
            assertion = signed_assertion(self._key, self.token_url, time.time())
            form = {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    "assertion": assertion}  # fmt: skip
            answer = http.send("POST", self.token_url, form=form)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.ok and body.get("access_token"):
                self._access = str(body["access_token"])
                return self._access
            detail = str(body.get("error_description") or body.get("error") or answer.text)[:300]
            if body.get("error") in ("invalid_grant", "invalid_client", "unauthorized_client"):
                raise TokenRejected("sync.error.ga4_token", detail=detail, platform=LABEL)
            if answer.status and answer.status < 500 and answer.status != 429:
                raise PlatformError("sync.error.refused", detail=detail, platform=LABEL)
            if attempt == ATTEMPTS - 1:
                raise PlatformUnavailable("sync.error.unavailable", detail=detail, platform=LABEL)
            self.sleep(backoff(attempt))
        raise PlatformUnavailable("sync.error.unavailable", detail="", platform=LABEL)

    def _report(self, since: dt.date, until: dt.date, *, offset: int, limit: int) -> dict[str, Any]:
        url = f"{self.base}/v1beta/properties/{self.property}:runReport"
        request = {
            "dateRanges": [{"startDate": since.isoformat(), "endDate": until.isoformat()}],
            "dimensions": [{"name": "date"}, {"name": "sessionCampaignId"},
                           {"name": "sessionCampaignName"}],
            "metrics": [{"name": "sessions"}, {"name": "keyEvents"}, {"name": "totalRevenue"}],
            "offset": offset, "limit": limit, "returnPropertyQuota": True,
        }  # fmt: skip
        for attempt in range(ATTEMPTS):
            headers = {"Authorization": f"Bearer {self._token()}"}
            answer = http.send("POST", url, json_body=request, headers=headers)
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.ok:
                self._slow_down(body.get("propertyQuota") or {})
                return body
            found = body.get("error")
            error: Mapping[str, Any] = found if isinstance(found, dict) else {}
            message = str(error.get("message") or answer.text or f"HTTP {answer.status}")[:300]
            if answer.status == 401:
                raise TokenRejected("sync.error.ga4_token", detail=message, platform=LABEL)
            if answer.status == 403:
                raise PlatformError("sync.error.permission", detail=message, platform=LABEL)
            if answer.status in (0, 429) or answer.status >= 500:
                if attempt == ATTEMPTS - 1:
                    kind = PlatformThrottled if answer.status == 429 else PlatformUnavailable
                    key = (
                        "sync.error.throttled" if answer.status == 429 else "sync.error.unavailable"
                    )
                    raise kind(key, detail=message, platform=LABEL, minutes=60)
                self.sleep(backoff(attempt, 15.0 if answer.status == 429 else 2.0))
                continue
            raise PlatformError("sync.error.refused", detail=message, platform=LABEL)
        raise PlatformUnavailable("sync.error.unavailable", detail="", platform=LABEL)

    def _slow_down(self, quota: Mapping[str, Any]) -> None:
        """propertyQuota.tokensPerHour {consumed, remaining}: slow down from 75 % used."""
        hour = quota.get("tokensPerHour") or {}
        used, left = float(hour.get("consumed") or 0), float(hour.get("remaining") or 0)
        if used + left > 0:
            wait = pace(100.0 * used / (used + left))
            if wait:
                self.sleep(wait)
