"""The Bolt app of one instance, as `build_app` builds it from the feature table: one global
middleware (Slack's retries and replays are acted on once), and every modal that `/kpi` opens
(the target form, the connect form) reached through a `/kpi` listener with its own matcher,
tried before the general `/kpi` listener — nothing that runs on every request for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_bolt import App, BoltResponse
from slack_bolt.listener.custom_listener import CustomListener
from slack_bolt.middleware.custom_middleware import CustomMiddleware
from slack_bolt.request import BoltRequest

from bot.app import build_app
from bot.features import FEATURES
from bot.services import Services
from bot.settings import Settings


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'kpibot.db'}",
        today=dt.date(2026, 11, 30),
        bot_token="xoxb-test",
        signing_secret="not-a-real-secret",
        api_url="http://127.0.0.1:9/api/",
    )
    services = Services.open(settings, FEATURES)
    try:
        yield build_app(services)
    finally:
        services.engine.dispose()


def _listeners(app: App) -> list[CustomListener]:
    return [x for x in app._listeners if isinstance(x, CustomListener)]


def _first_match(app: App, text: str) -> str:
    """The name of the first listener Bolt would run for `/kpi <text>` (it runs the first
    that matches, in the order they were added)."""
    body = {
        "command": "/kpi",
        "text": text,
        "team_id": "T1",
        "user_id": "U1",
        "channel_id": "C1",
        "trigger_id": "1.2.3",
        "response_url": "http://127.0.0.1:9/respond",
    }
    request = BoltRequest(body=body, mode="socket_mode")
    for listener in _listeners(app):
        if listener.matches(req=request, resp=BoltResponse(status=200)):
            return str(listener.ack_function.__name__)
    return ""


def _custom_middleware(app: App) -> list[str]:
    return [m.func.__name__ for m in app._middleware_list if isinstance(m, CustomMiddleware)]


def test_the_only_global_middleware_is_the_one_for_retries_and_replays(app: App) -> None:
    assert _custom_middleware(app) == ["once"]


@pytest.mark.parametrize(
    ("text", "listener"),
    [
        ("target", "target_modal"),
        ("doel", "target_modal"),
        ("  Target ", "target_modal"),
        ("target summer-sale roi >= 2 by 2026-12-31", "on_kpi"),
        ("targets", "on_kpi"),
        ("roi summer-sale", "on_kpi"),
        ("help", "on_kpi"),
    ],
)
def test_the_target_modal_opens_through_its_own_matcher(app: App, text: str, listener: str) -> None:
    assert _first_match(app, text) == listener
