"""Issue 9: a fuzz test of every way in. Hypothesis writes `/kpi` texts, CSV cells and
button / form payloads (valid pieces, hostile pieces, and both mixed) and sends them through
the real handlers on SQLite and on PostgreSQL. Whatever comes in:

- nothing is logged at ERROR and no traceback is logged;
- the reply keeps to Slack's Block Kit limits (50 blocks in a message, 3000 characters in
  a section: Slack's numbers, see tests/slack_limits.py);
- a refusal writes nothing (metrics, costs, targets and settings as they were).

Example counts are modest so the suite stays fast; `--hypothesis-seed` replays a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import responder
from bot.alerts import actions, modal
from bot.alerts.blocks import ACK, EDIT, SNOOZE_1D, SNOOZE_7D
from bot.dispatch import answer, make_ctx
from bot.imports.importing import run_import
from bot.queries import actions as reply_actions
from bot.services import Services
from tests.bot.alerts.test_actions import Acks, RecordingClient, button_body, submission
from tests.bot.alerts.test_checker import CHANNEL, TEAM, add_target, load
from tests.bot.both_dbs import DATABASES, open_services
from tests.slack_limits import problems

FUZZ = settings(
    max_examples=int(os.environ.get("KPIBOT_FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize="KPIBOT_FUZZ_EXAMPLES" not in os.environ,  # the suite: same examples each run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.bad: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.bad.append(record)


@pytest.fixture(scope="module", params=DATABASES)
def services(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """One database per module and engine (a database per example would make the suite
    slow); what a refusal must not change is compared before and after each example."""
    # No bot token: a /kpi log that moves a target would otherwise try to post the alert
    # to a Slack this machine cannot reach (logged at ERROR, rightly, but not a user error).
    with open_services(request.param, tmp_path_factory.mktemp("fuzz"), bot_token=None) as svc:
        load(svc, dt.date(2026, 11, 2), 14, 1000)
        add_target(svc)
        yield svc


@pytest.fixture
def logged() -> Iterator[Recorder]:
    recorder = Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield recorder
    finally:
        root.removeHandler(recorder)


def state(services: Services) -> tuple[Any, ...]:
    with services.engine.connect() as conn:
        return tuple(
            tuple(conn.execute(sa.text(sql)).one())
            for sql in (
                "SELECT count(*), sum(clicks), sum(spend), min(day), max(day) FROM daily_metrics",
                "SELECT count(*), sum(amount) FROM costs",
                "SELECT count(*), max(snoozed_until), max(acknowledged_by), sum(value) "
                "FROM targets",
                "SELECT count(*) FROM campaigns",
                "SELECT max(locale), max(timezone), max(currency) FROM workspaces",
            )
        )


def within_block_kit(message: dict[str, Any]) -> None:
    blocks = message.get("blocks") or []
    assert len(blocks) <= 50
    for block in blocks:
        if block.get("type") == "section":
            assert len((block.get("text") or {}).get("text", "")) <= 3000
    assert problems(blocks) == []


# -- strategies ------------------------------------------------------------------------

HOSTILE = st.sampled_from(
    ["\x00", "\x1b[2J", "<!channel>", "<@U123>", "&amp;", "`", '"', "'", "‘", "\u202e", "𝕏",
     "9" * 400, "-0", "1e30", "NaN", "inf", "∞", "0001-01-01", "9999-12-31", "0000-q1",
     "9999-q4", "99999999999999999999", "2147483648", "Europe", "a" * 300, " ", "=", "==",
     "h@", "1h@", "€", ",", ".", ";", "\n", "\t", "\r"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["log", "cost", "report", "compare", "settings", "target", "targets", "delete", "digest",
     "weekly", "off", "preview", "import", "help", "list", "roi", "reach", "ctr", "spend",
     "engagement", "rate", "all", "campaign-x", "campaign-y", "on", "facebook", "op", "by",
     "over", "since", "last", "week", "month", "7d", "2026-q4", "2026-11", "today", "gisteren",
     "timezone", "locale", "currency", "nl", "en", "EUR", "staff", "tools", "8h@45", "250",
     ">=", "<=", "!=", "3%", "2026-12-31", "2026-11-20", "monday", "09:00"]
)  # fmt: skip
NUMBER_TEXT = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
PAIR = st.tuples(
    st.sampled_from(["clicks", "spend", "impressions", "reach", "revenue", "klikken", "x"]),
    st.one_of(NUMBER_TEXT, HOSTILE),
).map(lambda kv: f"{kv[0]}={kv[1]}")
TOKEN = st.one_of(WORDS, HOSTILE, NUMBER_TEXT, PAIR, st.text(max_size=12))
TEMPLATES = st.sampled_from(
    ["log campaign-x {} clicks={}", "log campaign-x 2026-11-20 {} spend={}",
     "cost campaign-x {} {}", "cost campaign-x 50 tools {} {}",
     "digest weekly monday 09:00 {}", "digest weekly {} {}",
     "settings timezone {}", "settings {} {}", "reach campaign-x {}", "roi {} {}",
     "target campaign-x ctr >= {} by {}", "target delete {}", "targets {}",
     "compare campaign-x campaign-y roi {}", "report campaign-x {}",
     "campaign rename campaign-x {}", "campaign budget campaign-x {} {}",
     "campaign goal campaign-x {}", "import {}"]
)  # fmt: skip
COMMANDS = st.one_of(
    st.lists(TOKEN, min_size=1, max_size=8).map(" ".join),
    st.tuples(TEMPLATES, st.one_of(HOSTILE, TOKEN), TOKEN).map(lambda x: x[0].format(x[1], x[2])),
)


@FUZZ
@given(text=COMMANDS)
def test_any_command_text(services: Services, logged: Recorder, text: str) -> None:
    logged.bad.clear()  # one recorder for all examples of a test: judge each on its own
    before = state(services)
    ctx = make_ctx(services, TEAM, user_id="U9", channel_id=CHANNEL, channel_name="campaign-x")
    reply = answer(services, ctx, text)
    assert not logged.bad, (text, logged.bad[0].getMessage())
    within_block_kit(responder.message(reply))
    if not reply.ok:
        assert state(services) == before, text


DATES = st.one_of(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(str),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "20261101", "", "x"]),
)
CELL = st.one_of(NUMBER_TEXT, HOSTILE, st.text(max_size=20), st.just(""))
NAMES = st.one_of(st.sampled_from(["campaign-x", "Zomer Actie", ""]), HOSTILE, st.text())
ROW = st.tuples(DATES, NAMES, st.one_of(WORDS, HOSTILE), CELL, CELL)


def csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


@FUZZ
@given(rows=st.lists(ROW, max_size=6), header=st.booleans())
def test_any_csv_cells(
    services: Services, logged: Recorder, rows: list[tuple[str, ...]], header: bool
) -> None:
    lines = ["date,campaign,platform,clicks,spend"] if header else []
    lines += [",".join(csv_cell(c) for c in row) for row in rows]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    logged.bad.clear()  # one recorder for all examples of a test: judge each on its own
    before = state(services)
    try:
        outcome = run_import(services, TEAM, data, dry_run=True)
    except UnicodeEncodeError:  # lone surrogates cannot be in a file: nothing to test
        return
    assert not logged.bad, (data[:200], logged.bad[0].getMessage())
    assert state(services) == before  # a dry run, or a refusal
    if not outcome.ok:
        assert outcome.stats is None and outcome.parsed.problems


JSONS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
              st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["t", "d", "c", "s", "x"]), inner,
                                            max_size=3)),
    max_leaves=6,
)  # fmt: skip
VALUES = st.one_of(JSONS.map(json.dumps), st.text(max_size=30), HOSTILE)
ACTION_IDS = st.sampled_from([ACK, SNOOZE_1D, SNOOZE_7D, EDIT, "alert_snooze_9d"])


@FUZZ
@given(action_id=ACTION_IDS, value=VALUES, team=st.sampled_from([TEAM, "T2", "", "T1\x00"]))
def test_any_alert_button(
    services: Services, logged: Recorder, action_id: str, value: str, team: str
) -> None:
    logged.bad.clear()  # one recorder for all examples of a test: judge each on its own
    before = state(services)
    body = button_body(action_id, value)
    body["team"] = {"id": team}
    client = RecordingClient()
    handler = actions.on_edit_button if action_id == EDIT else actions.on_alert_button
    handler(services, body, client)  # type: ignore[arg-type]
    assert not logged.bad, (action_id, value, logged.bad[0].getMessage())
    changed = client.of("chat_update") or client.of("views_open")
    if not changed:
        assert state(services) == before
    for call in client.of("chat_postEphemeral") + client.of("chat_update"):
        within_block_kit(call)


@FUZZ
@given(
    meta=VALUES,
    values=st.fixed_dictionaries(
        {"value": CELL, "deadline": DATES, "window": CELL},
        optional={"campaign": NAMES, "kpi": WORDS, "op": st.one_of(WORDS, HOSTILE)},
    ),
    new=st.booleans(),
)
def test_any_target_form(
    services: Services, logged: Recorder, meta: str, values: dict[str, str], new: bool
) -> None:
    logged.bad.clear()  # one recorder for all examples of a test: judge each on its own
    before = state(services)
    acks = Acks()
    callback = modal.NEW_CALLBACK if new else modal.EDIT_CALLBACK
    body = submission(callback, meta, **values)
    handler = actions.on_new_submitted if new else actions.on_edit_submitted
    handler(services, acks, body, RecordingClient())  # type: ignore[arg-type]
    assert not logged.bad, (meta, values, logged.bad[0].getMessage())
    assert len(acks.calls) == 1  # answered, so the modal never hangs
    if acks.calls[0].get("response_action") == "errors":
        assert state(services) == before
        assert all(len(text) <= 3000 for text in acks.calls[0]["errors"].values())


@FUZZ
@given(value=VALUES, share=st.booleans())
def test_any_reply_button(
    services: Services,
    logged: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    share: bool,
) -> None:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(responder, "send", lambda _url, body: sent.append(body))
    logged.bad.clear()  # one recorder for all examples of a test: judge each on its own
    before = state(services)
    body = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U9"},
        "channel": {"id": CHANNEL, "name": "campaign-x"},
        "response_url": "https://hooks.slack.com/actions/T1/1/abc",
        "actions": [{"action_id": "share_in_channel", "value": value}],
    }
    (reply_actions.on_share if share else reply_actions.on_report)(services, body)
    assert not logged.bad, (value, logged.bad[0].getMessage())
    assert state(services) == before  # a button only ever repeats a question
    assert len(sent) == 1
    within_block_kit(sent[0])
