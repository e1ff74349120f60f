"""Building the Bolt app. Nothing here runs at import time."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot import listeners
from bot.services import Services
from bot.settings import Settings
from bot.slack_client import make_client
from bot.team_clients import BOT_SCOPES

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
#: Where Slack asks a person to allow the install (Bolt's default); with SLACK_API_URL set,
#: the same path on that host (Slack serves both from one origin).
AUTHORIZE_PATH = "/oauth/v2/authorize"


def authorization_url(settings: Settings) -> str:
    if not settings.api_url:
        return "https://slack.com" + AUTHORIZE_PATH
    parts = urlsplit(settings.api_url)
    return f"{parts.scheme}://{parts.netloc}{AUTHORIZE_PATH}"


def build_app(services: Services) -> App:
    """The Bolt app of one instance: the listeners of its features (`services.features`),
    then the core ones. Features come first so that a more specific `/kpi` listener (the
    target modal's matcher) is tried before the general one.

    Single workspace (SLACK_BOT_TOKEN): the client carries the token. Many workspaces
    (SLACK_CLIENT_ID/SECRET): Bolt serves /slack/install and /slack/oauth_redirect, keeps
    installations and install states in kpibot's database (services.clients' stores) and
    gives each request a client with its own workspace's token, refreshed before expiry."""
    settings = services.settings
    logger = logging.getLogger("kpibot.bolt")
    if settings.oauth and settings.client_id and settings.client_secret:
        oauth = OAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(BOT_SCOPES),
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            authorization_url=authorization_url(settings),
            logger=logger,
            **services.clients.oauth_options(),
        )
        client = make_client(None, settings.api_url)  # no token: each request brings its own
        app = App(
            signing_secret=settings.signing_secret,
            client=client,
            oauth_settings=oauth,
            installation_store=oauth.installation_store,
            # Bolt's authorize step from that store, built with `client` so tokens are
            # refreshed through SLACK_API_URL (OAuthSettings' own authorize would refresh at
            # slack.com whatever the client's base URL), and refreshing each workspace once
            # across replicas (bot.team_clients.Authorize).
            # (an Authorize instance is what App takes along with oauth_settings; its hint
            # names only a plain callable)
            authorize=services.clients.authorize(client),  # type: ignore[arg-type]
            logger=logger,
        )
    else:
        app = App(
            # the token is the client's (passing it twice only makes Bolt warn)
            signing_secret=settings.signing_secret,
            client=make_client(settings.bot_token, settings.api_url),
            # auth.test runs on the first request instead, so start-up needs no network.
            token_verification_enabled=False,
            logger=logger,
        )
    services.features.install_listeners(app, services)
    listeners.register(app, services)
    return app
