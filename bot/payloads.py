"""Button and form payloads read into typed values before anything uses them.

A payload comes back from Slack as the user's client sent it: a button's `value` and a
modal's `private_metadata` are what kpibot put there only if nobody tampered with them, and
an old message keeps buttons of targets since deleted. Every reader here checks type, size
and range and raises StalePayload otherwise; the listeners answer that with an ephemeral
"that button is out of date" (or an error next to a form field), never a traceback.
The ids read here are then looked up in the workspace the request is signed for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.errors import StalePayload
from kpi.bounds import has_control
from kpi.targets import OPS
from storage.limits import fits_id

#: Slack's limit for a button value and for a view's private_metadata.
MAX_VALUE = 2000
MAX_METADATA = 3000
_SLACK_ID = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$", re.IGNORECASE)
#: The Snooze buttons kpibot draws, by action id: days is the button's, not the value's.
SNOOZE_DAYS = {"alert_snooze_1d": 1, "alert_snooze_7d": 7}


@dataclass(frozen=True)
class Who:
    """The signed request's workspace and user, and the channel when the payload names one."""

    team_id: str
    user_id: str | None
    channel_id: str | None
    channel_name: str | None


def who(body: Any) -> Who:
    """Workspace, user and channel of a block_actions or view_submission body."""
    if not isinstance(body, Mapping):
        raise StalePayload("body")
    team = _mapping(body.get("team")).get("id") or body.get("team_id")
    user = _mapping(body.get("user"))
    if team is None:
        team = user.get("team_id")
    channel = _mapping(body.get("channel"))
    container = _mapping(body.get("container"))
    channel_id = channel.get("id") or container.get("channel_id")
    name = channel.get("name")
    return Who(
        slack_id(team),
        slack_id(user.get("id")) if user.get("id") is not None else None,
        slack_id(channel_id) if channel_id is not None else None,
        name if isinstance(name, str) and len(name) <= 80 and not has_control(name) else None,
    )


def slack_id(value: Any) -> str:
    """A Slack id (T…, U…, C…): letters, digits, up to 32 characters."""
    if isinstance(value, str) and _SLACK_ID.match(value):
        return value
    raise StalePayload("id")


def action(body: Any) -> tuple[str, dict[str, Any]]:
    """The clicked button's action id and its value, a JSON object of at most MAX_VALUE."""
    actions = body.get("actions") if isinstance(body, Mapping) else None
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], Mapping):
        raise StalePayload("actions")
    clicked = actions[0]
    action_id, raw = clicked.get("action_id"), clicked.get("value")
    if not isinstance(action_id, str) or not isinstance(raw, str) or len(raw) > MAX_VALUE:
        raise StalePayload("action")
    return action_id, json_object(raw)


def json_object(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, str):
        raise StalePayload("json")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # RecursionError: [[[[...]]]] nested deep
        raise StalePayload("json") from exc
    if not isinstance(value, dict):
        raise StalePayload("json")
    return value


def row_id(value: Mapping[str, Any], key: str = "t") -> int:
    """An id kpibot wrote as a JSON number, within the INTEGER the column holds."""
    found = value.get(key)
    if type(found) is not int or not fits_id(found):
        raise StalePayload(key)
    return found


def snooze_days(action_id: str, value: Mapping[str, Any]) -> int:
    """The days of a Snooze button: its action id decides; a value saying otherwise (1e9,
    -3) is not a button kpibot drew."""
    days = SNOOZE_DAYS.get(action_id)
    if days is None or value.get("d", days) != days or type(value.get("d", days)) is not int:
        raise StalePayload("d")
    return days


def command(value: Mapping[str, Any]) -> str:
    """The `/kpi` text a Share or Full report button repeats."""
    text = value.get("c")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_VALUE:
        raise StalePayload("c")
    if has_control(text):
        raise StalePayload("c")
    return text


def metadata(view: Any) -> dict[str, Any]:
    """A modal's private_metadata as the JSON object kpibot wrote."""
    raw = view.get("private_metadata") if isinstance(view, Mapping) else None
    if raw in (None, ""):
        return {}
    if not isinstance(raw, str) or len(raw) > MAX_METADATA:
        raise StalePayload("private_metadata")
    return json_object(raw)


def channel_of(meta: Mapping[str, Any]) -> str | None:
    found = meta.get("c")
    return None if found is None else slack_id(found)


def op(text: str) -> str:
    """The form's operator: only the two the form offers."""
    if text not in OPS:
        raise StalePayload("op")
    return text


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
