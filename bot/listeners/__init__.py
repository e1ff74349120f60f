"""The core listeners on the Bolt app: `/kpi`, the buttons under a reply, the one error
handler. Features add their own (`Feature.listeners`); `build_app` registers both."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, errors
from bot.services import Services


def register(app: App, services: Services) -> None:
    for module in (commands, actions, errors):
        module.register(app, services)
