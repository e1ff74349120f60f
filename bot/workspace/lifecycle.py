"""Slack's `app_uninstalled` and `tokens_revoked` events: the workspace's tokens are deleted
and its scheduled work (digests, target checks) stops until the app is installed again
(services.clients.uninstalled). Its campaigns, numbers and settings stay until someone asks
for them to be deleted (`/kpi settings delete-data`, or a reinstall picks them up again)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.services import Services

log = logging.getLogger(__name__)


def _team(body: dict[str, Any]) -> str | None:
    team = body.get("team_id")
    return team if isinstance(team, str) and team else None


def on_uninstalled(services: Services, body: dict[str, Any]) -> None:
    team = _team(body)
    if team is not None:
        services.clients.uninstalled(team)


def on_tokens_revoked(services: Services, body: dict[str, Any]) -> None:
    """Only a revoked bot token matters: kpibot asks for no user scopes, so it keeps no user
    tokens (an installer's user token would be revoked here without anything to delete)."""
    team = _team(body)
    event = body.get("event")
    tokens = event.get("tokens") if isinstance(event, dict) else None
    bots = tokens.get("bot") if isinstance(tokens, dict) else None
    if team is not None and isinstance(bots, list) and bots:
        services.clients.uninstalled(team)
    elif team is not None:
        log.info("tokens_revoked in %s named no bot token: nothing kpibot keeps", team)


def register(app: App, services: Services) -> None:
    @app.event("app_uninstalled")
    def uninstalled(body: dict[str, Any]) -> None:
        on_uninstalled(services, body)

    @app.event("tokens_revoked")
    def revoked(body: dict[str, Any]) -> None:
        on_tokens_revoked(services, body)
