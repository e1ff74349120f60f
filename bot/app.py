"""Building the Bolt app. Nothing here runs at import time."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot import listeners
from bot.services import Services
from bot.slack_client import make_client


def build_app(services: Services) -> App:
    """The Bolt app of one instance: the listeners of its features (`services.features`),
    then the core ones. Features come first so that a more specific `/kpi` listener (the
    target modal's matcher) is tried before the general one."""
    settings = services.settings
    app = App(
        # the token is the client's (passing it twice only makes Bolt warn)
        signing_secret=settings.signing_secret,
        client=make_client(settings.bot_token, settings.api_url),
        # auth.test runs on the first request instead, so start-up needs no network.
        token_verification_enabled=False,
        logger=logging.getLogger("kpibot.bolt"),
    )
    services.features.install_listeners(app, services)
    listeners.register(app, services)
    return app
