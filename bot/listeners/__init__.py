"""Listeners register themselves on the Bolt app: `register(app, services)`."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, errors, files, once
from bot.services import Services

#: Feature modules append their own register functions here (alerts, digests, imports).
EXTRA: list = []


def register(app: App, services: Services) -> None:
    once.register(app, services)  # first: a retry or replay goes no further
    for module in (commands, actions, files, errors):
        module.register(app, services)
    for extra in EXTRA:
        extra(app, services)
