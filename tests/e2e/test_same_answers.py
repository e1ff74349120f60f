"""Slack and `kpibot ask` answer the same commands the same way: both read the same table of
features, so a feature's command (import) and the checks after `/kpi log` (the target
alert) do not depend on which way the command came in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import ask, norm
from tests.e2e.test_targets_e2e import (
    CHANNEL,
    ENGAGED,
    START,
    TEAM,
    alert_text,
    day_rows,
    import_rows,
)


@pytest.mark.parametrize("word", ["import", "importeer"])
def test_import_is_answered_alike_in_slack_and_the_terminal(
    word: str, env: dict[str, str], server: Server, slack: FakeSlack
) -> None:
    _, in_slack = ask(server, slack, word)
    assert "Share a CSV export in this channel" in in_slack
    out = run_cli(env, "ask", word, "--team", TEAM)
    assert "not available" not in out.stdout
    assert norm(out.stdout).strip() == in_slack.strip()


def test_log_from_the_terminal_checks_the_targets_like_slack_does(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    import_rows(env, tmp_path, "good.csv", day_rows(START, 28, reach=1000))  # 6.0 % a day
    _, text = ask(server, slack, "target campaign-x engagement >= 4% by 2026-12-31")
    assert "Target #1 set" in text
    assert slack.of("chat.postMessage") == []  # on track: the channel hears nothing

    # Sunday 29 Nov now reaches 11 000 (was 1 000): the last 7 days' reach is 6 000 + 11 000.
    day = dt.date(2026, 11, 29)
    out = run_cli(env, "ask", f"log campaign-x {day} facebook reach=11000", "--team", TEAM)
    assert "campaign-x on 29 Nov 2026 (facebook)" in out.stdout and "11,000" in out.stdout

    posts = slack.wait_for("chat.postMessage")
    assert len(posts) == 1 and posts[0].body["channel"] == CHANNEL
    engagements = 7 * sum(ENGAGED.values())
    rate = engagements / (6 * 1000 + 11000) * 100  # 420 / 17 000 = 2.47 %
    assert "campaign-x: Engagement rate below its target" in alert_text(posts[0])
    assert f"{rate:.1f} % over 23–29 Nov 2026" in alert_text(posts[0])
