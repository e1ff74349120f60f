"""Issue 9, finding 7: forged interactivity. Tampered button values and modal metadata are
read into typed values and checked against the workspace; each bad one gets "that button
is out of date" (ephemeral, or an error beside a form field) — no traceback, nothing
changed — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot import responder
from bot.alerts import actions, modal
from bot.alerts.blocks import ACK, EDIT, SNOOZE_1D, SNOOZE_7D
from bot.queries import actions as reply_actions
from bot.services import Services
from bot.texts import t
from tests.bot.alerts.test_actions import Acks, RecordingClient, button_body, submission
from tests.bot.alerts.test_checker import CHANNEL, TEAM, add_target, load
from tests.bot.both_dbs import DATABASES, open_services

STALE_EN = t("action.stale", "en")


@pytest.fixture(params=DATABASES)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    with open_services(request.param, tmp_path) as svc:
        load(svc, dt.date(2026, 11, 2), 28, 1000)
        yield svc


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """What would go to Slack's response_url (outside the machine)."""
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(responder, "send", lambda url, body: calls.append((url, body)))
    return calls


def targets(services: Services) -> list[tuple[Any, ...]]:
    with services.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, op, value, deadline, window_days, snoozed_until, acknowledged_by "
                "FROM targets ORDER BY id"
            )
        ).all()
    return [tuple(r) for r in rows]


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def stale_was_said(client: RecordingClient) -> None:
    said = client.of("chat_postEphemeral")
    assert len(said) == 1 and said[0]["text"] == STALE_EN
    assert said[0]["user"] == "U9" and said[0]["channel"] == CHANNEL
    assert not client.of("chat_update") and not client.of("views_open")


def forged_values(target_id: int) -> list[tuple[str, str]]:
    return [
        (ACK, "abc"),
        (ACK, "[]"),
        (ACK, '{"t":"abc"}'),
        (ACK, '{"t":null}'),
        (ACK, '{"t":true}'),
        (ACK, '{"t":1.5}'),
        (ACK, '{"t":-1}'),
        (ACK, '{"t":99999999999999999999}'),
        (ACK, '{"t":2147483648}'),
        (ACK, f'{{"t":{target_id + 1000}}}'),  # no such target
        (ACK, "[" * 100_000 + "]" * 100_000),  # too long and too deep
        (SNOOZE_1D, f'{{"t":{target_id},"d":1000000000}}'),  # 1e9 days: overflowed
        (SNOOZE_1D, f'{{"t":{target_id},"d":1e9}}'),
        (SNOOZE_7D, f'{{"t":{target_id},"d":-3}}'),  # negative: was accepted
        (SNOOZE_7D, f'{{"t":{target_id},"d":"7"}}'),
        ("alert_snooze_9d", f'{{"t":{target_id},"d":9}}'),
        (EDIT, '{"t":"abc"}'),
        (EDIT, f'{{"t":{target_id + 1000}}}'),
    ]


def test_forged_alert_buttons_are_out_of_date(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    target_id = add_target(services)
    before = targets(services)
    for action_id, value in forged_values(target_id):
        client = RecordingClient()
        caplog.clear()
        handler = actions.on_edit_button if action_id == EDIT else actions.on_alert_button
        handler(services, button_body(action_id, value), client)  # type: ignore[arg-type]
        stale_was_said(client)
        no_errors_logged(caplog)
        assert targets(services) == before, (action_id, value[:40])


def test_another_workspaces_target_is_out_of_date(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    target_id = add_target(services)
    before = targets(services)
    body = button_body(ACK, json.dumps({"t": target_id}))
    body["team"] = {"id": "T2"}
    client = RecordingClient()
    actions.on_alert_button(services, body, client)  # type: ignore[arg-type]
    stale_was_said(client)
    assert targets(services) == before
    no_errors_logged(caplog)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"actions": []},
        {"team": {"id": None}, "user": {"id": "U9"}, "actions": [{"action_id": ACK}]},
        {"team": {"id": "T1\x00"}, "user": {"id": "U9"}},
        {"team": "T1", "user": "U9", "actions": "x"},
    ],
)
def test_bodies_without_a_workspace_are_ignored_quietly(
    services: Services, caplog: pytest.LogCaptureFixture, body: dict[str, Any]
) -> None:
    add_target(services)
    before = targets(services)
    client = RecordingClient()
    actions.on_alert_button(services, body, client)  # type: ignore[arg-type]
    assert client.calls == []
    assert targets(services) == before
    no_errors_logged(caplog)


def test_a_real_snooze_still_works(services: Services) -> None:
    target_id = add_target(services)
    client = RecordingClient()
    actions.on_alert_button(
        services, button_body(SNOOZE_7D, json.dumps({"t": target_id, "d": 7})), client
    )  # type: ignore[arg-type]  # noqa: E501
    assert client.of("chat_update")
    assert targets(services)[0][5] is not None


@pytest.mark.parametrize("meta", ['{"c":"C1","t":"abc"}', '{"c":"C1","t":null}', "{", '"x"',
                                  '{"c":"C1"}', '{"c":["C1"],"t":1}'])  # fmt: skip
def test_an_edit_form_with_forged_metadata_answers_at_once(
    services: Services, caplog: pytest.LogCaptureFixture, meta: str
) -> None:
    """It used to raise before ack(): the modal hung until Slack gave up."""
    add_target(services)
    before = targets(services)
    acks = Acks()
    body = submission(modal.EDIT_CALLBACK, meta, value="9", deadline="2026-12-31", window="7")
    actions.on_edit_submitted(services, acks, body, RecordingClient())  # type: ignore[arg-type]
    assert len(acks.calls) == 1
    assert acks.calls[0]["response_action"] == "errors"
    assert STALE_EN.replace("`", "") == acks.calls[0]["errors"]["value"]  # plain text field
    assert targets(services) == before
    no_errors_logged(caplog)


def test_an_edit_with_an_infinite_value_is_refused_beside_the_field(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    target_id = add_target(services)
    before = targets(services)
    acks = Acks()
    meta = json.dumps({"c": CHANNEL, "t": target_id})
    body = submission(modal.EDIT_CALLBACK, meta, value="9" * 400, deadline="2026-12-31")
    actions.on_edit_submitted(services, acks, body, RecordingClient())  # type: ignore[arg-type]
    assert acks.calls[0]["response_action"] == "errors"
    assert "value" in acks.calls[0]["errors"]
    assert targets(services) == before
    no_errors_logged(caplog)


@pytest.mark.parametrize("op", ["!=", "==", "", "<", "DROP"])
def test_the_new_target_form_takes_only_its_two_operators(
    services: Services, caplog: pytest.LogCaptureFixture, op: str
) -> None:
    """`!=` used to be saved as `<=`."""
    acks = Acks()
    body = submission(
        modal.NEW_CALLBACK, json.dumps({"c": CHANNEL}), campaign="campaign-x",
        kpi="engagement_rate", op=op, value="4", deadline="2026-12-31", window="7",
    )  # fmt: skip
    actions.on_new_submitted(services, acks, body, RecordingClient())  # type: ignore[arg-type]
    assert acks.calls and acks.calls[0]["response_action"] == "errors"
    assert targets(services) == []
    no_errors_logged(caplog)


def reply_body(value: str) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U9"},
        "channel": {"id": CHANNEL, "name": "campaign-x"},
        "response_url": "https://hooks.slack.com/actions/T1/1/abc",
        "actions": [{"action_id": "share_in_channel", "value": value}],
    }


@pytest.mark.parametrize("handler", [reply_actions.on_share, reply_actions.on_report])
def test_share_and_report_repeat_only_questions(
    services: Services,
    sent: list[tuple[str, dict[str, Any]]],
    caplog: pytest.LogCaptureFixture,
    handler: Any,
) -> None:
    target_id = add_target(services)
    before = targets(services)
    forged = [
        "abc", "{}", '{"c":null}', '{"c":5}', '{"c":""}', '{"c":"roi campaign-x \\u0000"}',
        json.dumps({"c": f"target delete {target_id}"}),
        json.dumps({"c": "settings timezone UTC"}),
        json.dumps({"c": "log campaign-x clicks=5"}),
        json.dumps({"c": "x" * 3000}),
    ]  # fmt: skip
    for value in forged:
        sent.clear()
        handler(services, reply_body(value))
        assert len(sent) == 1, value
        assert sent[0][1]["text"] == STALE_EN
        assert sent[0][1]["response_type"] == "ephemeral"
    assert targets(services) == before
    with services.engine.connect() as conn:
        tz = conn.execute(sa.text("SELECT timezone FROM workspaces")).scalar_one()
    assert tz != "UTC"
    no_errors_logged(caplog)
    sent.clear()
    handler(services, reply_body(json.dumps({"c": "reach campaign-x"})))
    assert sent and sent[0][1]["text"] != STALE_EN
