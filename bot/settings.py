"""Configuration from the environment: the only module that reads it."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///kpibot.db"
#: The shortest KPIBOT_ALERT_INTERVAL (minutes): 3 s, for demos and end-to-end tests.
MIN_CHECK_MINUTES = 0.05
#: platform -> the variable overriding its API's base URL
PLATFORM_URL_VARIABLES = {
    "meta": "KPIBOT_META_API_URL",
    "google-ads": "KPIBOT_GOOGLE_ADS_API_URL",
    "google-token": "KPIBOT_GOOGLE_TOKEN_URL",
    "linkedin": "KPIBOT_LINKEDIN_API_URL",
    "linkedin-token": "KPIBOT_LINKEDIN_TOKEN_URL",
    "ga4": "KPIBOT_GA4_API_URL",
    "ga4-admin": "KPIBOT_GA4_ADMIN_API_URL",
}


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_url: str | None = None
    #: OAuth: a bot token expiring within this many minutes is refreshed before it is used
    token_refresh_minutes: int = 120
    port: int = 3000
    #: minutes between target, watch and data-gap checks; decimals allowed (0.05 = 3 s)
    alert_interval_minutes: float = 15
    digest_grace_hours: int = 12
    max_import_bytes: int = 20 * 1024 * 1024
    log_level: str = "INFO"
    today: dt.date | None = None  # fixed "today" for demos and reproducible runs
    #: Fernet keys sealing platform credentials; the first seals, all open (rotation)
    secret_keys: tuple[str, ...] = ()
    #: base URLs and API version of the platforms' APIs (proxies, tests); None = the real one
    platform_urls: Mapping[str, str] = field(default_factory=dict)
    meta_api_version: str | None = None
    google_ads_api_version: str | None = None
    linkedin_api_version: str | None = None  # LinkedIn-Version, YYYYMM
    sync_backfill_days: int = 365
    sync_hour: int = 6  # daily sync at this hour in the account's time zone, plus jitter
    #: a Home tab is rebuilt (after an import, a state change) at most once this often
    home_debounce_seconds: int = 60
    #: how often a replica checks it still leads, or tries to take the lead (PostgreSQL)
    leader_check_seconds: int = 20
    #: a running campaign without data for this many days is flagged (kpi.stale)
    stale_days: int = 3
    #: `/kpi` commands one replica holds (waiting or being answered) before it answers
    #: "busy, try again in a minute" instead of queueing more
    answer_queue: int = 50
    #: a replica renews the lease on its pending answers every fifth of this; a lease run
    #: out means the replica is gone and another one answers its commands
    answer_lease_seconds: int = 15

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def _int(name: str, default: int) -> int:
            raw = env.get(name, "").strip()
            if not raw:
                return default
            try:
                return int(raw)
            except ValueError as exc:
                raise ConfigError(f"{name} must be a whole number, got {raw!r}.") from exc

        def _minutes(name: str, default: float, least: float) -> float:
            raw = env.get(name, "").strip()
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError as exc:
                raise ConfigError(f"{name} must be a number of minutes, got {raw!r}.") from exc
            return max(value, least) if math.isfinite(value) else default

        today_raw = env.get("KPIBOT_TODAY", "").strip()
        try:
            today = dt.date.fromisoformat(today_raw) if today_raw else None
        except ValueError as exc:
            raise ConfigError(
                f"KPIBOT_TODAY must be a date like 2026-11-30, got {today_raw!r}."
            ) from exc
        return cls(
            database_url=env.get("KPIBOT_DATABASE_URL") or DEFAULT_DATABASE_URL,
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            client_id=env.get("SLACK_CLIENT_ID") or None,
            client_secret=env.get("SLACK_CLIENT_SECRET") or None,
            api_url=env.get("SLACK_API_URL") or None,
            token_refresh_minutes=_int("KPIBOT_TOKEN_REFRESH_MINUTES", 120),
            port=_int("PORT", 3000),
            alert_interval_minutes=_minutes("KPIBOT_ALERT_INTERVAL", 15, MIN_CHECK_MINUTES),
            digest_grace_hours=_int("KPIBOT_DIGEST_GRACE_HOURS", 12),
            max_import_bytes=_int("KPIBOT_MAX_IMPORT_MB", 20) * 1024 * 1024,
            log_level=env.get("KPIBOT_LOG_LEVEL", "INFO").upper(),
            today=today,
            secret_keys=tuple(
                key.strip() for key in env.get("KPIBOT_SECRET_KEY", "").split(",") if key.strip()
            ),
            platform_urls={
                platform: url.strip()
                for platform, name in PLATFORM_URL_VARIABLES.items()
                if (url := env.get(name, "")).strip()
            },
            meta_api_version=env.get("KPIBOT_META_API_VERSION", "").strip() or None,
            google_ads_api_version=env.get("KPIBOT_GOOGLE_ADS_API_VERSION", "").strip() or None,
            linkedin_api_version=env.get("KPIBOT_LINKEDIN_API_VERSION", "").strip() or None,
            sync_backfill_days=_int("KPIBOT_SYNC_BACKFILL_DAYS", 365),
            sync_hour=min(max(_int("KPIBOT_SYNC_HOUR", 6), 0), 23),
            home_debounce_seconds=max(_int("KPIBOT_HOME_DEBOUNCE_SECONDS", 60), 0),
            leader_check_seconds=min(max(_int("KPIBOT_LEADER_CHECK_SECONDS", 20), 1), 60),
            stale_days=max(_int("KPIBOT_STALE_DAYS", 3), 0),
            answer_queue=max(_int("KPIBOT_ANSWER_QUEUE", 50), 1),
            answer_lease_seconds=min(max(_int("KPIBOT_ANSWER_LEASE_SECONDS", 15), 1), 300),
        )

    @property
    def oauth(self) -> bool:
        """Installed in many workspaces through Slack's OAuth flow (SLACK_CLIENT_ID and
        SLACK_CLIENT_SECRET set): each workspace's token comes from the database. Otherwise
        the one workspace of SLACK_BOT_TOKEN."""
        return bool(self.client_id and self.client_secret)

    def missing_for_serve(self) -> list[str]:
        """What must still be set (or is set wrong) before `kpibot serve` can talk to Slack,
        each with where to get it. Empty when the configuration is complete. Socket Mode
        (SLACK_APP_TOKEN set) needs no signing secret: Slack's socket is authenticated."""
        if self.client_id or self.client_secret:
            return self._missing_for_oauth()
        missing = []
        if not self.bot_token:
            missing.append(
                "SLACK_BOT_TOKEN — the Bot User OAuth Token (xoxb-…): api.slack.com/apps → "
                "your app → OAuth & Permissions → Install to Workspace, then copy it."
            )
        elif not self.bot_token.startswith("xoxb-"):
            missing.append(
                "SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts with xoxb- "
                "(OAuth & Permissions); the value set starts differently."
            )
        if self.app_token and not self.app_token.startswith("xapp-"):
            missing.append(
                "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic "
                "Information → App-Level Tokens, scope connections:write), or empty for HTTP."
            )
        if not self.app_token and not self.signing_secret:
            missing.append(
                "SLACK_SIGNING_SECRET — api.slack.com/apps → your app → Basic Information → "
                "App Credentials → Signing Secret. (Or set SLACK_APP_TOKEN for Socket Mode.)"
            )
        return missing

    def _missing_for_oauth(self) -> list[str]:
        missing = []
        for name, value in (
            ("SLACK_CLIENT_ID", self.client_id),
            ("SLACK_CLIENT_SECRET", self.client_secret),
        ):
            if not value:
                missing.append(
                    f"{name} — api.slack.com/apps → your app → Basic Information → App "
                    "Credentials (installing in many workspaces needs Client ID and Secret)."
                )
        if not self.signing_secret:
            missing.append(
                "SLACK_SIGNING_SECRET — api.slack.com/apps → your app → Basic Information → "
                "App Credentials → Signing Secret (every request to /slack/events is checked)."
            )
        if self.app_token:
            missing.append(
                "SLACK_APP_TOKEN must be empty when SLACK_CLIENT_ID is set: installing in many "
                "workspaces runs over HTTP (/slack/install, /slack/oauth_redirect, "
                "/slack/events), not Socket Mode."
            )
        if self.token_refresh_minutes < 1:
            missing.append("KPIBOT_TOKEN_REFRESH_MINUTES must be at least 1 (default 120).")
        return missing

    def today_in(self, tz: str) -> dt.date:
        """Today's date in the workspace's timezone (or the fixed KPIBOT_TODAY)."""
        if self.today is not None:
            return self.today
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(tz)).date()
