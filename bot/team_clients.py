"""The one place that gives "a Slack client for workspace T": replies, digests, alerts, the
checks after an import and the admin check all ask here, never for a global token.

Two modes, chosen by the settings:
- single workspace (SLACK_BOT_TOKEN): every workspace gets that token, as before;
- many workspaces (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET): each workspace's bot token is read
  from slack_sdk's SQLAlchemy installation store (tables made by kpibot's migrations) and,
  when it expires within KPIBOT_TOKEN_REFRESH_MINUTES, refreshed first with slack_sdk's
  TokenRotator and saved — the same rotation Bolt's authorize step does for requests, so
  scheduled work that never passes through Bolt never posts with an expired token.

A refresh spends the refresh token: Slack answers a second oauth.v2.access with the same one
with an error, so two replicas (or threads) refreshing one workspace at once would leave one
with a dead token. `refreshed` is the one way both paths refresh (Bolt's authorize through
`Authorize` below, scheduled work through `token_for`): one thread per process and, on
PostgreSQL, one replica at a time holds the workspace's advisory lock
(storage.leader.across_replicas), reads the installation again and refreshes only when the
token it read is still the expiring one — else another replica did, and its token is used.

In both modes a workspace where the app was uninstalled (or its token revoked) gets no
client until it is installed again: `NotInstalled`, and scheduled work skips it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
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
from storage.leader import across_replicas

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
        self.engine = engine
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
        return self._current_token(team_id)

    def _lock_of(self, team_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(team_id, threading.Lock())

    def _current_token(self, team_id: str) -> str:
        assert self.store is not None
        enterprise = self.installs.enterprise_of(team_id)
        found = self.store.find_installation(enterprise_id=enterprise, team_id=team_id)
        if found is None or not found.bot_token:
            raise NotInstalled(team_id)
        try:
            refreshed = self.refreshed(found)
        except SlackTokenRotationError as exc:
            log.error("refreshing the bot token of %s failed: %s", team_id, exc.api_error)
            raise NotInstalled(team_id, "its token could not be refreshed") from exc
        return str((refreshed or found).bot_token)

    def refreshed(self, installation: Installation) -> Installation | None:
        """`installation` with fresh tokens (saved) when its bot token expires within
        KPIBOT_TOKEN_REFRESH_MINUTES, else None (use it as it is). Refreshes each workspace
        once across threads and replicas (see the module's docstring); raises slack_sdk's
        SlackTokenRotationError when Slack refuses the refresh."""
        assert self.store is not None and self.rotator is not None
        margin = self.settings.token_refresh_minutes
        if not expiring(installation, margin):
            return None  # the common case: no lock, no query
        team = installation.team_id or ""
        name = f"kpibot-token:{installation.enterprise_id or ''}:{team}"
        with self._lock_of(team), across_replicas(self.engine, name):
            current = self.store.find_installation(
                enterprise_id=installation.enterprise_id,
                team_id=installation.team_id,
                is_enterprise_install=installation.is_enterprise_install,
            )
            if current is None:
                return None
            if current.bot_token != installation.bot_token:
                log.info("bot token of %s already refreshed elsewhere", team)
                return current
            new = self.rotator.perform_token_rotation(
                installation=current, minutes_before_expiration=margin
            )
            if new is None:
                return None
            self.store.save(new)  # committed before the lock is freed
            log.info("bot token of %s refreshed", team)
            return new

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

    def authorize(self, client: WebClient) -> Authorize:
        """Bolt's authorize step for requests, refreshing through `refreshed` (OAuth only)."""
        assert self.store is not None
        return Authorize(self, self.store, client)

    def oauth_options(self) -> dict[str, Any]:
        """What Bolt's OAuthSettings need from here (OAuth mode only)."""
        return {
            "installation_store": self.store,
            "state_store": self.state_store,
            "token_rotation_expiration_minutes": self.settings.token_refresh_minutes,
        }


def expiring(installation: Installation, minutes: int) -> bool:
    """True when a rotating bot token expires within `minutes` (slack_sdk's rule)."""
    at = installation.bot_token_expires_at
    return (
        bool(installation.bot_refresh_token)
        and at is not None
        and at <= time.time() + (minutes * 60)
    )


class Authorize(InstallationStoreAuthorize):
    """Bolt's authorize step from the installation store, with its token refresh replaced
    by TeamClients.refreshed (one refresh per workspace across replicas). kpibot asks for
    no user scopes: only the bot token rotates, and no user token is handed on."""

    def __init__(self, clients: TeamClients, store: InstallationStore, client: WebClient) -> None:
        settings = clients.settings
        super().__init__(
            installation_store=store,
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            logger=logging.getLogger("kpibot.bolt"),
            client=client,
            token_rotation_expiration_minutes=settings.token_refresh_minutes,
        )
        self.clients = clients

    def _rotate_and_save_tokens_if_necessary(
        self, installation: Installation | None
    ) -> Installation | None:
        if installation is None:
            return None
        refreshed = self.clients.refreshed(installation)
        if refreshed is not None and installation.user_token is None:
            refreshed.user_token = None
            refreshed.user_scopes = None
        return refreshed
