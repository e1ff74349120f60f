"""Slack's retries and replays do nothing twice: one Bolt middleware, first in line.

An event Slack delivers again (``X-Slack-Retry-Num``; same ``event_id``) and a
state-changing ``/kpi`` command sent again with the same ``trigger_id`` (a replay of a
signed request within its five minutes) are answered 200 and dropped. Whether an id was
seen is decided by the database (storage.slack_ids), so it holds across replicas."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.dispatch import changes_state
from bot.feature import Features
from bot.services import Services
from storage.slack_ids import MAX_KEY

log = logging.getLogger(__name__)


def slack_id(body: object, table: Features) -> tuple[str, str, str] | None:
    """(team, kind, key) of a request to act on once, or None (acted on every time).
    `table`: the instance's features, which say what a `/kpi` text is."""
    if not isinstance(body, dict):
        return None
    team = body.get("team_id")
    if body.get("type") == "event_callback":
        found = body.get("event")
        event: dict[str, Any] = found if isinstance(found, dict) else {}
        if event.get("type") == "message" and event.get("subtype") != "file_share":
            return None  # channel chatter kpibot does nothing with: no row per message
        key = body.get("event_id")
        kind = "event"
    elif isinstance(body.get("command"), str) and changes_state(str(body.get("text") or ""), table):
        key = body.get("trigger_id")
        kind = "trigger"
    else:
        return None
    if not isinstance(team, str) or not isinstance(key, str) or not 0 < len(key) <= MAX_KEY:
        return None
    return team, kind, key


def register(app: App, services: Services) -> None:
    ids = services.slack_ids

    @app.middleware
    def once(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002 (Bolt's name)
        found = slack_id(body, services.features)
        if found is None or ids.first_time(*found):
            next()
            return None
        team, kind, key = found
        log.info("%s %s of %s acted on before: not again", kind, key, team)
        return BoltResponse(status=200, body="")
