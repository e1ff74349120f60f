"""SMART targets end to end: a target set by a signed slash command to the real `kpibot
serve`, data imported with `kpibot import`, checks run with `kpibot alerts check`, alerts
read from the fake Slack's chat.postMessage — numbers computed here, by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import ask, norm, write_csv

TEAM = "T000TEAM1"
CHANNEL = "C000CHAN1"  # the channel Server.slash sends from
START = dt.date(2026, 11, 2)  # a Monday; four weeks through Sun 29 Nov (KPIBOT_TODAY is 30 Nov)
LAST_WEEK = dt.date(2026, 11, 23)
ENGAGED = {"likes": 40, "comments": 5, "shares": 5, "clicks": 10}  # 60 engagements a day


def day_rows(first: dt.date, days: int, reach: int) -> list[dict]:
    return [
        {
            "date": (first + dt.timedelta(days=i)).isoformat(),
            "campaign": "campaign-x",
            "platform": "facebook",
            "impressions": 2 * reach,
            "reach": reach,
            **ENGAGED,
            "spend": "25.00",
        }
        for i in range(days)
    ]


def import_rows(env: dict[str, str], tmp_path: Path, name: str, data: list[dict]) -> None:
    run_cli(env, "import", str(write_csv(tmp_path / name, data)), "--team", TEAM)


def engagement_rate(data: list[dict]) -> float:
    engagements = sum(r["likes"] + r["comments"] + r["shares"] + r["clicks"] for r in data)
    return engagements / sum(r["reach"] for r in data) * 100


def alert_text(call) -> str:  # type: ignore[no-untyped-def]
    parts = [call.body.get("text", "")]
    for block in call.body.get("blocks") or []:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
        parts += [
            e["text"]["text"] for e in block.get("elements", []) if isinstance(e.get("text"), dict)
        ]
    return norm("\n".join(parts))


def message_ts(env: dict[str, str]) -> list[str | None]:
    """The ts kpibot stored for each alert event, in order (read from its database)."""
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT message_ts FROM alert_events ORDER BY id")).all()
    engine.dispose()
    return [r[0] for r in rows]


def test_target_alerts_once_in_its_channel_then_recovers_in_the_thread(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    import_rows(env, tmp_path, "good.csv", day_rows(START, 28, reach=1000))  # 6.0 % a day

    body, text = ask(server, slack, "target campaign-x engagement >= 4% by 2026-12-31")
    assert body["response_type"] == "ephemeral"
    assert "Target #1 set for campaign-x" in text and "4.0 %" in text
    for letter in ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound"):
        assert letter in text
    assert slack.of("chat.postMessage") == []  # on track: nothing for the channel

    # The last week reaches 70 % more people with the same engagements: below 4 %.
    below = day_rows(LAST_WEEK, 7, reach=1700)
    import_rows(env, tmp_path, "below.csv", below)
    first = run_cli(env, "alerts", "check")
    second = run_cli(env, "alerts", "check")
    assert "0 alerts sent" in first.stdout and "0 alerts sent" in second.stdout

    posts = slack.of("chat.postMessage")
    assert len(posts) == 1, [alert_text(p) for p in posts]
    alert = posts[0]
    assert alert.body["channel"] == CHANNEL
    assert not alert.body.get("thread_ts")
    text = alert_text(alert)
    rate = engagement_rate(below)  # 60 / 1700 = 3.53 %
    assert "campaign-x: Engagement rate below its target" in text
    assert f"{rate:.1f} % over 23–29 Nov 2026" in text
    assert "target >= 4.0 % by 31 Dec 2026" in text
    assert f"{4 - rate:.1f} pts short" in text
    assert "Weekly: 6.0 % → 6.0 % → 6.0 % → 3.5 %" in text
    # likely cause: reach up 70 % week on week while engagements stayed the same
    assert "reach up 70 % while engagements stayed flat" in text
    buttons = [e["action_id"] for b in alert.body["blocks"] if b["type"] == "actions"
               for e in b["elements"]]  # fmt: skip
    assert buttons == ["alert_ack", "alert_snooze_1d", "alert_snooze_7d", "alert_edit"]

    # Back to 6 %: one "recovered" message, in the thread of the first alert.
    import_rows(env, tmp_path, "recovered.csv", day_rows(LAST_WEEK, 7, reach=1000))
    run_cli(env, "alerts", "check")
    posts = slack.of("chat.postMessage")
    assert len(posts) == 2, [alert_text(p) for p in posts]
    recovered = posts[1]
    assert recovered.body["channel"] == CHANNEL
    assert "campaign-x: Engagement rate is back on target" in alert_text(recovered)
    assert "6.0 % over 23–29 Nov 2026" in alert_text(recovered)
    stored = message_ts(env)  # new -> ok (silent), ok -> below, below -> ok
    assert len(stored) == 3 and stored[0] is None
    assert recovered.body["thread_ts"] == stored[1]

    _, history = ask(server, slack, "alerts campaign-x")
    assert history.count("#1 Engagement rate (campaign-x)") == 3
    assert "on track → off target" in history and "off target → on track" in history


def test_a_target_already_below_alerts_the_channel_at_once(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    import_rows(env, tmp_path, "good.csv", day_rows(START, 28, reach=1000))
    _, text = ask(server, slack, "target campaign-x engagement >= 8% by 2026-12-31 over 14d")
    assert "Target #1 set" in text
    posts = slack.wait_for("chat.postMessage")
    assert len(posts) == 1 and posts[0].body["channel"] == CHANNEL
    assert "6.0 % over 16–29 Nov 2026" in alert_text(posts[0])
    assert "2.0 pts short" in alert_text(posts[0])
    _, listing = ask(server, slack, "targets")
    assert "#1 campaign-x: Engagement rate >= 8.0 %" in listing and "off target" in listing


def test_refused_targets_say_why_and_store_nothing(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    import_rows(env, tmp_path, "good.csv", day_rows(START, 28, reach=1000))
    refusals = {
        "target campaign-x engagement >= banana by 2026-12-31": "banana",
        "target campaign-x engagement 4% by 2026-12-31": ">=",
        "target campaign-x bananas >= 4% by 2026-12-31": "bananas",
        "target campaign-x engagement >= 4% by 2026-01-31": "not in the future",
        "target campaign-x engagement >= 4% by 2026-12-31 over 60d": "28 days of data",
        "target campain-x engagement >= 4% by 2026-12-31": "campaign-x",
    }
    for command, why in refusals.items():
        _, text = ask(server, slack, command)
        assert why in text, (command, text)
        assert "/kpi" in text, (command, text)  # a valid example
    _, listing = ask(server, slack, "targets")
    assert "No targets yet" in listing
    assert slack.of("chat.postMessage") == []
    assert "Traceback" not in server.log()


def test_target_alone_opens_the_modal(server: Server, slack: FakeSlack) -> None:
    status, _, _ = server.slash(
        "target", slack.response_url(), extra={"trigger_id": "1337.42.abcd"}
    )
    assert status == 200
    opened = slack.wait_for("views.open")[0]
    view = opened.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert opened.body["trigger_id"] == "1337.42.abcd"
    assert view["callback_id"] == "kpi_target_new"
    fields = [b["block_id"] for b in view["blocks"]]
    assert fields == ["campaign", "kpi", "op", "value", "deadline", "window"]
    assert slack.of("response") == []  # the modal is the answer


def test_an_alert_that_cannot_be_posted_tells_the_operator_and_the_targets_creator(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    import_rows(env, tmp_path, "good.csv", day_rows(START, 28, reach=1000))
    _, text = ask(server, slack, "target campaign-x engagement >= 4% by 2026-12-31")
    assert "Target #1 set" in text
    slack.removed_channels.add(CHANNEL)  # the app was removed from the channel
    quiet = {k: v for k, v in env.items() if k != "SLACK_BOT_TOKEN"}  # import without a check
    import_rows(quiet, tmp_path, "below.csv", day_rows(LAST_WEEK, 7, reach=1700))
    check = run_cli(env, "alerts", "check", check=False)
    assert check.returncode == 1 and "Not checked or not posted: T000TEAM1#1" in check.stdout
    assert "ERROR" in check.stderr and "given up" in check.stderr
    dms = [c for c in slack.of("chat.postMessage") if c.body.get("channel") == "U000USER1"]
    assert len(dms) == 1
    dm = norm(dms[0].body["text"])
    assert "could not post the alert about your target #1 (Engagement rate)" in dm
    assert f"<#{CHANNEL}>: `not_in_channel`" in dm
    again = run_cli(env, "alerts", "check")  # given up: not tried again, nobody told twice
    assert again.returncode == 0 and len(slack.of("chat.postMessage")) == 2
