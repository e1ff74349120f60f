"""Acks do not wait for answers: the real `kpibot serve --http`, a burst of signed `/kpi`
commands while Slack's response_url is slow to take the replies. Each command must be
acknowledged well inside Slack's 3 seconds, and every reply must still arrive."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server

#: more commands at once than Bolt's listener threads (10) and kpibot's answer threads (8)
BURST = 24
#: seconds the fake response_url takes per reply: answers computed in Bolt's own threads
#: would hold the later commands' acks for BURST / 10 × 2 s = 4.8 s, past Slack's 3 s
SLOW_REPLY = 2.0


def test_a_burst_of_commands_is_acked_at_once_while_replies_are_slow(
    server: Server, slack: FakeSlack
) -> None:
    slack.delays["response"] = SLOW_REPLY

    def command(i: int) -> tuple[int, bytes, float]:
        return server.slash("help", slack.response_url(f"burst{i}"))

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        acks = list(pool.map(command, range(BURST)))
    assert [status for status, _, _ in acks] == [200] * BURST
    slowest = max(took for _, _, took in acks)
    # Slack gives up after 3 s; nothing here should come near it (answers wait in their
    # own threads). 2 s leaves room for a loaded test machine.
    assert slowest < 2.0, f"slowest ack {slowest:.2f} s"
    # every reply arrives, each at its own response_url: 24 replies at 2 s each over 8
    # answer threads take about 6 s
    replies = slack.wait_for("response", BURST, timeout=60)
    assert sorted(c.path for c in replies) == sorted(f"/response/burst{i}" for i in range(BURST))
    assert all("kpibot" in str(c.body) for c in replies)
