"""The one place that gives "a Slack client for workspace T": replies, digests, alerts, the
checks after an import and the admin check all ask here, never for a global token.

Two modes, chosen by the settings:
- single workspace (SLACK_BOT_TOKEN): every workspace gets that token, as before;
- many workspaces (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET): each workspace's bot token is read
  from slack_sdk's SQLAlchemy installation store (tables made by kpibot's migrations) and,
  when it expires within KPIBOT_TOKEN_REFRESH_MINUTES, refreshed first with slack_sdk's
  TokenRotator and saved — the same rotation Bolt's authorize step does for requests, so
  scheduled work that never passes through Bolt never posts with an expired token.

In both modes a workspace where the app was uninstalled (or its token revoked) gets no
client until it is installed again: `NotInstalled`, and scheduled work skips it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.errors import NoBotToken, NotInstalled
from bot.settings import Settings
from bot.slack_client import make_client
from storage.installations import Installations

log = logging.getLogger(__name__)

#: The bot scopes an install asks for: manifest.yml's oauth_config (tests compare the two).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "files:read",
    "files:write",
    "channels:history",
    "groups:history",
    "channels:read",
    "users:read",
)
#: How long a /slack/install state stays usable (Bolt's default).
STATE_SECONDS = 600


class InstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store; an installation saved (a new install, a refreshed token) also
    marks its workspace installed again, so scheduled work resumes after a reinstall."""

    def __init__(self, client_id: str, engine: Engine, installs: Installations) -> None:
        super().__init__(client_id=client_id, engine=engine, logger=log)
        self.installs = installs

    def save(self, installation: Installation) -> None:
        super().save(installation)
        if installation.team_id:
            self.installs.mark_installed(installation.team_id, installation.team_name)


class TeamClients:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.installs = Installations(engine)
        self.store: InstallationStore | None = None
        self.state_store: SQLAlchemyOAuthStateStore | None = None
        self.rotator: TokenRotator | None = None
        if settings.oauth and settings.client_id and settings.client_secret:
            self.store = InstallationStore(settings.client_id, engine, self.installs)
            self.state_store = SQLAlchemyOAuthStateStore(
                expiration_seconds=STATE_SECONDS, engine=engine, logger=log
            )
            self.rotator = TokenRotator(
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                client=make_client(None, settings.api_url),
            )
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def client_for(self, team_id: str) -> WebClient:
        """A client with `team_id`'s current bot token (refreshed first when it is about to
        expire). Raises NotInstalled (a NoBotToken) when no token talks to that workspace,
        NoBotToken when single-workspace mode has no SLACK_BOT_TOKEN."""
        return make_client(self.token_for(team_id), self.settings.api_url)

    def token_for(self, team_id: str) -> str:
        if self.installs.is_uninstalled(team_id):
            raise NotInstalled(team_id, "the app was uninstalled or its token revoked")
        if self.store is None:
            if not self.settings.bot_token:
                raise NoBotToken("SLACK_BOT_TOKEN is not set, so nothing can be posted.")
            return self.settings.bot_token
        with self._lock_of(team_id):
            return self._current_token(team_id)

    def _lock_of(self, team_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(team_id, threading.Lock())

    def _current_token(self, team_id: str) -> str:
        assert self.store is not None and self.rotator is not None
        enterprise = self.installs.enterprise_of(team_id)
        found = self.store.find_installation(enterprise_id=enterprise, team_id=team_id)
        if found is None or not found.bot_token:
            raise NotInstalled(team_id)
        try:
            refreshed = self.rotator.perform_token_rotation(
                installation=found,
                minutes_before_expiration=self.settings.token_refresh_minutes,
            )
        except SlackTokenRotationError as exc:
            log.error("refreshing the bot token of %s failed: %s", team_id, exc.api_error)
            raise NotInstalled(team_id, "its token could not be refreshed") from exc
        if refreshed is None:
            return str(found.bot_token)
        self.store.save(refreshed)
        log.info("bot token of %s refreshed", team_id)
        return str(refreshed.bot_token)

    def client_or_none(self, team_id: str) -> WebClient | None:
        """client_for, or None when no token talks to `team_id` (nothing is posted)."""
        try:
            return self.client_for(team_id)
        except NoBotToken:
            return None

    def installed(self, team_id: str) -> bool:
        try:
            self.token_for(team_id)
        except NoBotToken:
            return False
        return True

    def uninstalled(self, team_id: str) -> None:
        """Slack said the app is gone from `team_id` (app_uninstalled, or its bot token
        revoked): forget its tokens and stop its scheduled work."""
        self.installs.mark_uninstalled(team_id)
        removed = self.installs.forget_tokens(team_id)
        log.info("workspace %s: app uninstalled, %s token rows deleted", team_id, removed)

    def oauth_options(self) -> dict[str, Any]:
        """What Bolt's OAuthSettings need from here (OAuth mode only)."""
        return {
            "installation_store": self.store,
            "state_store": self.state_store,
            "token_rotation_expiration_minutes": self.settings.token_refresh_minutes,
        }
