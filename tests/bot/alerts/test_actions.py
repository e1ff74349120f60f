"""The buttons under an alert and the target modals, with payloads shaped like Slack's and a
recording client; plus the `/kpi log` hook that checks targets right after new numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.alerts import actions, checker, modal
from bot.alerts.blocks import ACK, SNOOZE_7D, STATUS_BLOCK
from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.services import Services
from bot.settings import Settings
from storage.targets.repo import TargetRepository
from tests.bot.alerts.test_checker import CHANNEL, TEAM, RecordingPoster, add_target, load
from tests.slack_limits import view_problems

NOV30 = dt.date(2026, 11, 30)


class RecordingClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, method: str) -> Any:
        def call(**kw: Any) -> dict[str, Any]:
            self.calls.append((method, kw))
            return {"ok": True}

        return call

    def of(self, method: str) -> list[dict[str, Any]]:
        return [kw for name, kw in self.calls if name == method]


class Acks:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kw: Any) -> None:
        self.calls.append(kw)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'k.db'}", bot_token="xoxb-test", today=NOV30
    )
    svc = Services.open(settings, FEATURES)
    load(svc, dt.date(2026, 11, 2), 28, 1000)  # 6.0 % engagement rate every day
    yield svc
    svc.engine.dispose()


def button_body(action_id: str, value: str) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U9"},
        "trigger_id": "1.2.3",
        "container": {"channel_id": CHANNEL, "message_ts": "1700000000.000001"},
        "message": {
            "text": "alert",
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": "alert"}},
                {"type": "actions", "elements": []},
            ],
        },
        "actions": [{"action_id": action_id, "value": value}],
    }


def test_acknowledge_records_who_and_shows_it(services: Services) -> None:
    target_id = add_target(services)
    client = RecordingClient()
    actions.on_alert_button(services, button_body(ACK, f'{{"t":{target_id}}}'), client)  # type: ignore[arg-type]
    target = TargetRepository(services.engine).get_target(TEAM, target_id)
    assert target is not None and target.acknowledged_by == "U9"
    [update] = client.of("chat_update")
    assert update["channel"] == CHANNEL and update["ts"] == "1700000000.000001"
    status = [b for b in update["blocks"] if b.get("block_id") == STATUS_BLOCK]
    assert status[0]["elements"][0]["text"] == "Acknowledged by <@U9>"
    assert update["blocks"][-1]["type"] == "actions"  # the buttons stay


def test_snooze_7_days_holds_alerts_for_a_week(services: Services) -> None:
    target_id = add_target(services)
    client = RecordingClient()
    before = dt.datetime.now(dt.UTC)
    body = button_body(SNOOZE_7D, f'{{"t":{target_id},"d":7}}')
    actions.on_alert_button(services, body, client)  # type: ignore[arg-type]
    target = TargetRepository(services.engine).get_target(TEAM, target_id)
    assert target is not None and target.snoozed_until is not None
    assert dt.timedelta(days=7) <= target.snoozed_until - before < dt.timedelta(days=7, minutes=1)
    assert "Snoozed until" in str(client.of("chat_update")[0]["blocks"])


def test_another_workspace_cannot_press_our_buttons(services: Services) -> None:
    target_id = add_target(services)
    body = button_body(ACK, f'{{"t":{target_id}}}')
    body["team"] = {"id": "T2"}
    client = RecordingClient()
    actions.on_alert_button(services, body, client)  # type: ignore[arg-type]
    assert [name for name, _kw in client.calls] == ["chat_postEphemeral"]  # out of date
    target = TargetRepository(services.engine).get_target(TEAM, target_id)
    assert target is not None and target.acknowledged_by is None


def form(**values: str) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("campaign", "kpi", "op"):
            state[name] = {"v": {"selected_option": {"value": value}}}
        elif name == "deadline":
            state[name] = {"v": {"selected_date": value}}
        else:
            state[name] = {"v": {"value": value}}
    return state


def submission(callback: str, meta: str, **values: str) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": "U9"},
        "view": {
            "callback_id": callback,
            "private_metadata": meta,
            "state": {"values": form(**values)},
        },
    }


def test_the_new_target_form_stores_a_target_in_the_channel_it_came_from(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checker, "make_poster", lambda _s, _t: RecordingPoster())
    body = submission(
        modal.NEW_CALLBACK, '{"c":"C1"}', campaign="campaign-x", kpi="ctr", op=">=",
        value="2,5%", deadline="2026-12-31", window="14",
    )  # fmt: skip
    ack, client = Acks(), RecordingClient()
    actions.on_new_submitted(services, ack, body, client)  # type: ignore[arg-type]
    assert ack.calls == [{}]
    [target] = TargetRepository(services.engine).list_targets(TEAM)
    assert (target.kpi, target.op, target.window_days, target.channel_id) == ("ctr", ">=", 14, "C1")
    assert target.value == pytest.approx(2.5)
    [told] = client.of("chat_postEphemeral")
    assert told["channel"] == "C1" and told["user"] == "U9" and "Target #1" in told["text"]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"value": "banana"}, "value", "banana"),
        ({"deadline": "2026-01-31"}, "deadline", "not in the future"),
        ({"window": "0"}, "window", "over 7d"),
    ],
)
def test_a_refused_form_says_why_next_to_a_field_and_stores_nothing(
    services: Services, values: dict[str, str], field: str, words: str
) -> None:
    fields = {"campaign": "campaign-x", "kpi": "ctr", "op": ">=", "value": "2%"}
    fields |= {"deadline": "2026-12-31", "window": "7"} | values
    ack, client = Acks(), RecordingClient()
    actions.on_new_submitted(services, ack, submission(modal.NEW_CALLBACK, "{}", **fields), client)  # type: ignore[arg-type]
    [answer_] = ack.calls
    assert answer_["response_action"] == "errors"
    assert words in answer_["errors"][field]
    assert TargetRepository(services.engine).list_targets(TEAM) == []
    assert client.calls == []


def test_edit_form_changes_the_target(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker, "make_poster", lambda _s, _t: RecordingPoster())
    target_id = add_target(services)
    meta = f'{{"c":"{CHANNEL}","t":{target_id}}}'
    body = submission(modal.EDIT_CALLBACK, meta, value="5%", deadline="2027-01-31", window="14")
    ack, client = Acks(), RecordingClient()
    actions.on_edit_submitted(services, ack, body, client)  # type: ignore[arg-type]
    assert ack.calls == [{}]
    target = TargetRepository(services.engine).get_target(TEAM, target_id)
    assert target is not None
    assert (target.value, target.deadline, target.window_days) == (5.0, dt.date(2027, 1, 31), 14)
    assert "Target #1 is now" in client.of("chat_postEphemeral")[0]["text"]


def test_edit_button_opens_the_form_filled_in(services: Services) -> None:
    target_id = add_target(services, value=4.5)
    client = RecordingClient()
    actions.on_edit_button(services, button_body("alert_edit", f'{{"t":{target_id}}}'), client)  # type: ignore[arg-type]
    [opened] = client.of("views_open")
    view = opened["view"]
    assert opened["trigger_id"] == "1.2.3" and view["callback_id"] == modal.EDIT_CALLBACK
    initial = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert initial["value"]["initial_value"] == "4.5"
    assert initial["deadline"]["initial_date"] == "2026-12-31"


@pytest.mark.parametrize(
    ("text", "opens"),
    [("target", True), (" Doel ", True), ("target campaign-x", False), ("targets", False)],
)
def test_only_target_alone_opens_the_modal(text: str, opens: bool) -> None:
    assert actions.wants_modal({"command": "/kpi", "text": text}) is opens


def test_new_target_view_keeps_to_slacks_limits(services: Services) -> None:
    campaigns = services.repo.list_campaigns(TEAM)
    view = modal.new_target_view(
        "nl", campaigns, channel_id=CHANNEL, today=NOV30, preselect="campaign-x"
    )
    assert view_problems(view) == []  # title 24, 100 blocks, 100 options, ...
    selects = [b["element"] for b in view["blocks"] if b["element"]["type"] == "static_select"]
    assert selects[0]["initial_option"]["value"] == "campaign-x"
    deadline = next(b for b in view["blocks"] if b["block_id"] == "deadline")
    assert deadline["element"]["initial_date"] == "2026-12-31"  # end of the quarter


def test_kpi_log_checks_the_targets_right_away(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    poster = RecordingPoster()
    monkeypatch.setattr(checker, "make_poster", lambda _s, _t: poster)
    add_target(services)
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id=CHANNEL)
    assert answer(services, ctx, "log campaign-x 2026-11-29 fb reach=1000").ok  # still 6 %: quiet
    assert poster.posts == []
    reply = answer(services, ctx, "log campaign-x 2026-11-29 fb reach=100000")
    assert reply.ok, reply.text
    assert len(poster.posts) == 1 and "below its target" in poster.posts[0]["text"]


def test_new_target_view_with_many_long_campaigns_keeps_to_slacks_limits(
    services: Services,
) -> None:
    for i in range(140):
        services.repo.ensure_campaign(TEAM, f"c{i:03d}-" + "x" * 90, "C" * 200)
    campaigns = services.repo.list_campaigns(TEAM)
    view = modal.new_target_view("en", campaigns, channel_id=CHANNEL, today=NOV30)
    assert view_problems(view) == []
    selects = [b["element"] for b in view["blocks"] if b["element"]["type"] == "static_select"]
    assert len(selects[0]["options"]) == 100  # Slack's most; the rest are typed in /kpi target
