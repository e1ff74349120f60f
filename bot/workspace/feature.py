"""The workspace feature: the uninstall events and the delete-data buttons. Its command,
`/kpi settings delete-data`, is a word under `settings` (the queries feature hands it to
`delete_data.ask`)."""

from __future__ import annotations

from slack_bolt import App

from bot.feature import Feature
from bot.services import Services
from bot.workspace import delete_data, lifecycle


def register(app: App, services: Services) -> None:
    lifecycle.register(app, services)
    delete_data.register(app, services)


FEATURE = Feature(name="workspace", listeners=register)
