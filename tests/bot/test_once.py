"""Which Slack requests are acted on once: every event by its event_id, and the `/kpi`
commands that write by their trigger_id; questions are answered every time."""

from __future__ import annotations

import pytest

from bot.feature import Features
from bot.features import FEATURES
from bot.listeners import once

TABLE = Features(FEATURES)


def slack_id(body: object) -> tuple[str, str, str] | None:
    return once.slack_id(body, TABLE)


def command(text: str, trigger: str = "1.2.abc") -> dict:
    return {"team_id": "T1", "command": "/kpi", "text": text, "trigger_id": trigger}


@pytest.mark.parametrize(
    "text",
    [
        "log campaign-x clicks=5",
        "cost campaign-x 250 agency",
        "settings currency USD",
        "target campaign-x ctr >= 2% by 2026-12-31",
        "target delete 3",
        "digest weekly monday 09:00",
        "digest off",
        "target",
    ],
)
def test_commands_that_write_are_keyed_on_their_trigger_id(text: str) -> None:
    assert slack_id(command(text)) == ("T1", "trigger", "1.2.abc")


@pytest.mark.parametrize(
    "text", ["", "help", "list", "ctr campaign-x", "report campaign-x", "targets", "alerts",
             "settings", "compare a b", "nonsense words here"],
)  # fmt: skip
def test_questions_and_garbled_text_are_answered_every_time(text: str) -> None:
    assert slack_id(command(text)) is None


def test_events_are_keyed_on_their_event_id() -> None:
    body = {"type": "event_callback", "team_id": "T1", "event_id": "Ev1", "event": {}}
    assert slack_id(body) == ("T1", "event", "Ev1")
    assert slack_id({**body, "event_id": None}) is None
    assert slack_id({**body, "event_id": "x" * 200}) is None  # not an id Slack sends
    assert slack_id({**body, "team_id": 5}) is None
    assert slack_id("not a dict") is None
    assert slack_id({"type": "block_actions", "team": {"id": "T1"}}) is None


def test_plain_channel_messages_are_not_recorded() -> None:
    chat = {"type": "event_callback", "team_id": "T1", "event_id": "Ev2",
            "event": {"type": "message", "text": "hi"}}  # fmt: skip
    assert slack_id(chat) is None
    share = {**chat, "event": {"type": "message", "subtype": "file_share", "files": []}}
    assert slack_id(share) == ("T1", "event", "Ev2")
