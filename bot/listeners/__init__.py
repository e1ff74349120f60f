"""The core listeners on the Bolt app: the one middleware that acts on Slack's retries and
replays once, `/kpi`, the one error handler. Features add their
own (`Feature.listeners`); `build_app` registers both."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import commands, errors, once
from bot.services import Services


def register(app: App, services: Services) -> None:
    # Bolt runs every global middleware before it matches any listener, so `once` is first in
    # line although the features' listeners were added before it.
    once.register(app, services)
    for module in (commands, errors):
        module.register(app, services)
