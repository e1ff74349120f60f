"""Commands acked by a replica that dies are still answered, once; a replica already
holding KPIBOT_ANSWER_QUEUE commands acks the next with "busy, try again in a minute".

The real `kpibot serve --http`, the loopback fake Slack, signed slash commands. The fake
response_url is slow, so that commands wait in the answer queue when the replica holding
them is killed (SIGKILL: no clean shutdown, nothing in memory survives)."""

from __future__ import annotations

import json
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, run_cli, start_server
from tests.e2e.test_retries_e2e import pg_url  # noqa: F401  (fixture)

#: the answer threads of one replica (bot.answer_queue.ANSWER_THREADS): that many replies
#: are on their way to the response_url at once, the rest wait in the queue
THREADS = 8
COMMANDS = 24
#: seconds the fake response_url holds each reply
SLOW_REPLY = 3.0


def _wait(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def _replies(slack: FakeSlack) -> Counter[str]:
    return Counter(call.path for call in slack.of("response"))


@pytest.mark.postgres
def test_commands_pending_on_a_killed_replica_are_answered_once_by_the_other(
    pg_url: str,  # noqa: F811
    slack: FakeSlack,
    tmp_path: Path,
) -> None:
    env = env_for(pg_url, slack.api_url, KPIBOT_TODAY="2026-11-30", KPIBOT_ANSWER_LEASE_SECONDS="2")
    run_cli(env, "db", "upgrade")
    doomed = start_server(env, tmp_path / "replica1.log", wait=90)
    survivor: Server | None = None
    try:
        survivor = start_server(env, tmp_path / "replica2.log", wait=90)
        slack.delays["response"] = SLOW_REPLY
        acks = [doomed.slash("help", slack.response_url(f"q{i}")) for i in range(COMMANDS)]
        assert [status for status, _, _ in acks] == [200] * COMMANDS
        # the first 8 replies have reached Slack and wait there; the other 16 commands wait
        # in the killed replica's queue
        assert _wait(lambda: slack.arrived.count("response") >= THREADS, 30)
        assert slack.arrived.count("response") == THREADS
        doomed.proc.send_signal(signal.SIGKILL)
        doomed.proc.wait(timeout=10)
        expected = {f"/response/q{i}" for i in range(COMMANDS)}
        assert _wait(lambda: set(_replies(slack)) == expected, 90), sorted(_replies(slack))
        time.sleep(2 * SLOW_REPLY)  # a second reply to any of them would show by now
        replies = _replies(slack)
        assert replies == Counter(dict.fromkeys(expected, 1))
        assert all("/kpi" in json.dumps(call.body) for call in slack.of("response"))
        # the 16 that waited in the killed replica's queue, taken over as their leases ran out
        taken = re.findall(r"took over (\d+) unanswered command", survivor.log())
        assert sum(int(n) for n in taken) == COMMANDS - THREADS
    finally:
        if survivor is not None:
            survivor.stop()
        if doomed.proc.poll() is None:
            doomed.stop()
        else:
            doomed.log_file.close()


def test_on_sqlite_the_next_run_answers_what_a_killed_run_left_once(
    env: dict[str, str], slack: FakeSlack, tmp_path: Path
) -> None:
    first = start_server(env, tmp_path / "run1.log")
    try:
        slack.delays["response"] = SLOW_REPLY
        sent = THREADS + 4
        acks = [first.slash("help", slack.response_url(f"q{i}")) for i in range(sent)]
        assert [status for status, _, _ in acks] == [200] * sent
        assert _wait(lambda: slack.arrived.count("response") >= THREADS, 30)
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait(timeout=10)
    finally:
        if first.proc.poll() is None:
            first.stop()
        else:
            first.log_file.close()
    # one process on SQLite: the next run takes over everything the killed one left
    second = start_server(env, tmp_path / "run2.log")
    try:
        expected = {f"/response/q{i}" for i in range(sent)}
        assert _wait(lambda: set(_replies(slack)) == expected, 60), sorted(_replies(slack))
        time.sleep(2 * SLOW_REPLY)
        assert _replies(slack) == Counter(dict.fromkeys(expected, 1))
        assert "took over 4 unanswered command(s)" in second.log()
    finally:
        second.stop()


@pytest.mark.parametrize(
    "locale,busy_words",
    [("en", "try again in a minute"), ("nl", "Probeer het over een minuut opnieuw")],
)
def test_past_the_queue_bound_a_command_is_acked_busy_in_the_workspace_language(
    slack: FakeSlack, tmp_path: Path, locale: str, busy_words: str
) -> None:
    env = env_for(
        f"sqlite:///{tmp_path / 'kpibot.db'}",
        slack.api_url,
        KPIBOT_TODAY="2026-11-30",
        KPIBOT_ANSWER_QUEUE="2",
    )
    server = start_server(env, tmp_path / "serve.log")
    try:
        server.slash(f"settings locale {locale}", slack.response_url("setup"))
        slack.wait_for("response", 1, timeout=30)
        time.sleep(2)  # its answer thread marks it done just after Slack took the reply
        slack.delays["response"] = SLOW_REPLY
        acks = [server.slash("help", slack.response_url(f"q{i}")) for i in range(4)]
        assert [status for status, _, _ in acks] == [200] * 4
        # the first two are held (being answered), the next two are turned away at once
        assert [body for _, body, _ in acks[:2]] == [b"", b""]
        for _, body, _ in acks[2:]:
            said = json.loads(body)
            assert said["response_type"] == "ephemeral"
            assert busy_words in said["text"]
            assert busy_words in json.dumps(said["blocks"], ensure_ascii=False)
        replies = slack.wait_for("response", 3, timeout=60)
        time.sleep(SLOW_REPLY)
        assert sorted(c.path for c in slack.of("response")) == sorted(
            ["/response/setup", "/response/q0", "/response/q1"]
        )
        assert len(replies) == 3
        # room again once answered: the next command is queued, not turned away
        status, body, _ = server.slash("help", slack.response_url("later"))
        assert (status, body) == (200, b"")
        slack.wait_for("response", 4, timeout=60)
    finally:
        server.stop()


def test_a_command_no_column_can_hold_is_still_answered_with_its_refusal(
    server: Server, slack: FakeSlack
) -> None:
    # PostgreSQL refuses NUL in text: such a command is not recorded, it is answered from
    # memory — with the refusal a person reads for any command holding a control character
    status, body, _ = server.slash("roi\x00 campaign-x", slack.response_url("nul"))
    assert (status, body) == (200, b"")
    (reply,) = slack.wait_for("response", 1, timeout=30)
    assert reply.path == "/response/nul"
    assert "control character" in json.dumps(reply.body)
    assert "Traceback" not in server.log()
