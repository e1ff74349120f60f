"""Self-monitoring end to end, told by the scheduler of the real `kpibot serve` (checks every
KPIBOT_ALERT_INTERVAL = 0.05 min = 3 s; its ticks are followed in the server's DEBUG log):
a running campaign whose data stopped is told once to the channel of its targets and
forgotten when data comes again; a target that cannot be evaluated, and an alert Slack
refuses (channel_not_found), are told to the target's creator once. Targets are set by
signed slash commands, data imported with `kpibot import`, posts read from the fake Slack.
Dates worked out by hand below."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, start_server
from tests.e2e.test_slash_commands import ask, norm
from tests.e2e.test_targets_e2e import LAST_WEEK, START, day_rows, import_rows

CHANNEL = "C000CHAN1"  # the channel Server.slash sends from
USER = "U000USER1"  # the user Server.slash sends as: the targets' creator
GAP_TICK = "data gaps checked:"  # bot.selfmon.check: one DEBUG line per quiet check
TARGET_TICK = "target check:"  # bot.alerts.checker: one line per check


@pytest.fixture
def env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    return env_for(
        f"sqlite:///{tmp_path / 'kpibot.db'}", slack.api_url, KPIBOT_TODAY="2026-11-30",
        KPIBOT_ALERT_INTERVAL="0.05", KPIBOT_LOG_LEVEL="DEBUG",
    )  # fmt: skip


@pytest.fixture
def quiet(env: dict[str, str]) -> dict[str, str]:
    """The CLI's environment without a bot token: its imports post nothing themselves, so
    every post comes from the server's scheduler."""
    return {k: v for k, v in env.items() if k != "SLACK_BOT_TOKEN"}


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def wait_ticks(server: Server, marker: str, count: int = 2, timeout: float = 120) -> None:
    """Wait until `count` more checks logged `marker` than now (the next ticks ran)."""
    goal = server.log().count(marker) + count
    deadline = time.time() + timeout
    while server.log().count(marker) < goal:
        assert time.time() < deadline, f"no {count} ticks of {marker!r}:\n{server.log()[-3000:]}"
        time.sleep(0.1)


def posts_to(slack: FakeSlack, channel: str) -> list[str]:
    return [
        norm(c.body.get("text", "")) for c in slack.of("chat.postMessage")
        if c.body.get("channel") == channel
    ]  # fmt: skip


def wait_posts(slack: FakeSlack, channel: str, count: int, timeout: float = 120) -> list[str]:
    deadline = time.time() + timeout
    while len(found := posts_to(slack, channel)) < count:
        assert time.time() < deadline, f"{len(found)} posts to {channel}, not {count}: {found}"
        time.sleep(0.1)
    return found


def notices(env: dict[str, str]) -> list[tuple[str, str]]:
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT key, status FROM notices ORDER BY key")).all()
    engine.dispose()
    return [(r[0], r[1]) for r in rows]


def wait_notices(env: dict[str, str], want: list[tuple[str, str]], timeout: float = 60) -> None:
    """The notices table reaches `want`: a notice is marked sent just after Slack took the
    post, so a test that has seen the post may still find it being sent."""
    deadline = time.time() + timeout
    while (found := notices(env)) != want:
        assert time.time() < deadline, f"notices {found}, not {want}"
        time.sleep(0.1)


def test_a_campaign_whose_data_stopped_is_told_once_and_forgotten_when_data_comes(
    env: dict[str, str], quiet: dict[str, str], tmp_path: Path, servers: list[Server],
    slack: FakeSlack,
) -> None:  # fmt: skip
    # 2–24 Nov reported every day, then nothing: as of Mon 30 Nov the days 25–29 Nov (5,
    # through yesterday) are missing, more than KPIBOT_STALE_DAYS = 3.
    import_rows(quiet, tmp_path, "until24.csv", day_rows(START, 23, reach=1000))
    server = start_server(env, tmp_path / "serve.log", wait=120)
    servers.append(server)
    # a target in C000CHAN1; its window 23–29 Nov has 23 and 24 Nov at 6.0 %: on track
    _, text = ask(server, slack, "target campaign-x engagement >= 4% by 2026-12-31")
    assert "Target #1 set for campaign-x" in text

    told = wait_posts(slack, CHANNEL, 1)
    assert told[0].startswith(
        ":warning: No data for `campaign-x` since 24 Nov (nothing for 25–29 Nov) — "
        "the last import was "
    ), told
    assert "Upload the latest export" in told[0]
    wait_notices(env, [(f"gap:1:2026-11-24:{CHANNEL}", "sent")])

    wait_ticks(server, GAP_TICK)  # two more checks find the gap: nothing told again
    assert len(posts_to(slack, CHANNEL)) == 1

    # 25–29 Nov come in: no gap; the next check drops its notice, and says nothing
    import_rows(quiet, tmp_path, "until29.csv", day_rows(dt.date(2026, 11, 25), 5, reach=1000))
    wait_ticks(server, GAP_TICK)
    assert "data gaps checked: 0 found" in server.log()
    assert notices(env) == []
    assert len(posts_to(slack, CHANNEL)) == 1

    # Four days on (KPIBOT_TODAY 4 Dec), nothing after 29 Nov: 30 Nov – 3 Dec missing (4).
    server.stop()
    later = start_server({**env, "KPIBOT_TODAY": "2026-12-04"}, tmp_path / "serve2.log", wait=120)
    servers.append(later)
    told = wait_posts(slack, CHANNEL, 2)
    assert told[1].startswith(
        ":warning: No data for `campaign-x` since 29 Nov (nothing for 30 Nov – 3 Dec) — "
    ), told
    wait_ticks(later, GAP_TICK)
    assert len(posts_to(slack, CHANNEL)) == 2
    wait_notices(env, [(f"gap:1:2026-11-29:{CHANNEL}", "sent")])
    assert "Traceback" not in server.log() + later.log()


def test_a_target_that_cannot_be_evaluated_tells_its_creator_once(
    env: dict[str, str], quiet: dict[str, str], tmp_path: Path, servers: list[Server],
    slack: FakeSlack,
) -> None:  # fmt: skip
    # spend and engagements every day through 29 Nov, but no revenue column: ROI has none
    import_rows(quiet, tmp_path, "norevenue.csv", day_rows(START, 28, reach=1000))
    server = start_server(env, tmp_path / "serve.log", wait=120)
    servers.append(server)
    _, text = ask(server, slack, "target campaign-x roi >= 50% by 2026-12-31")
    assert "Target #1 set for campaign-x" in text, text

    dms = wait_posts(slack, USER, 1)
    assert dms[0].startswith(
        "I could not check your target #1 (ROI of campaign-x, by 31 Dec 2026): "
    ), dms
    assert "Import an export that reports revenue for `campaign-x`" in dms[0], dms
    wait_ticks(server, TARGET_TICK)  # checked twice more: told once
    assert posts_to(slack, USER) == dms
    assert posts_to(slack, CHANNEL) == []  # nothing for the channel: no alert, no gap
    wait_notices(env, [("creator:1:eval:na:revenue", "sent")])


def test_an_alert_slack_refuses_tells_the_creator_once(
    env: dict[str, str], quiet: dict[str, str], tmp_path: Path, servers: list[Server],
    slack: FakeSlack,
) -> None:  # fmt: skip
    import_rows(quiet, tmp_path, "good.csv", day_rows(START, 28, reach=1000))  # 6.0 %
    server = start_server(env, tmp_path / "serve.log", wait=120)
    servers.append(server)
    _, text = ask(server, slack, "target campaign-x engagement >= 4% by 2026-12-31")
    assert "Target #1 set" in text
    slack.deleted_channels.add(CHANNEL)  # the channel was deleted
    # 23–29 Nov reach 1,700 with the same 60 engagements a day: 3.5 %, below 4 %
    import_rows(quiet, tmp_path, "below.csv", day_rows(LAST_WEEK, 7, reach=1700))

    dms = wait_posts(slack, USER, 1)
    assert dms[0].startswith(
        "I could not post the alert about your target #1 (Engagement rate) in "
        f"<#{CHANNEL}>: `channel_not_found`."
    ), dms
    wait_ticks(server, TARGET_TICK)  # given up: not tried again, nobody told twice
    assert posts_to(slack, USER) == dms
    tried = [c for c in slack.of("chat.postMessage") if c.body.get("channel") == CHANNEL]
    assert len(tried) == 1  # the alert, refused once
    assert "Traceback" not in server.log()
