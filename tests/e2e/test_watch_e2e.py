"""Watches end to end: `/kpi watch` by a signed slash command to the real `kpibot serve`,
data imported with `kpibot import` (each import runs the watch check), alerts read from the
fake Slack's chat.postMessage. An injected spike gives one "unusual" alert and, when the
next day is usual again, one "back to normal" in its thread. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import ask, write_csv
from tests.e2e.test_targets_e2e import alert_text

TEAM = "T000TEAM1"
CHANNEL = "C000CHAN1"  # the channel Server.slash sends from
FIRST = dt.date(2026, 9, 27)  # nine weeks through Saturday 28 Nov (KPIBOT_TODAY is 30 Nov)
DAYS = 63


def row(day: dt.date, spend: float) -> dict:
    return {
        "date": day.isoformat(),
        "campaign": "campaign-x",
        "platform": "facebook",
        "conversions": 10,
        "spend": f"{spend:.2f}",
    }


def usual(day: dt.date) -> float:
    """€200 on a weekday, €150 at the weekend, 10 conversions a day: CPA €20 or €15."""
    return 150.0 if day.weekday() >= 5 else 200.0


def import_rows(env: dict[str, str], tmp_path: Path, name: str, data: list[dict]) -> None:
    run_cli(env, "import", str(write_csv(tmp_path / name, data)), "--team", TEAM)


def states(env: dict[str, str]) -> list[tuple[str, str, str | None]]:
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT from_state, to_state, message_ts FROM alert_events ORDER BY id")
        ).all()
    engine.dispose()
    return [(r[0], r[1], r[2]) for r in rows]


def test_a_spike_alerts_once_then_back_to_normal_in_its_thread(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    days = [FIRST + dt.timedelta(days=i) for i in range(DAYS)]
    import_rows(env, tmp_path, "history.csv", [row(d, usual(d)) for d in days])

    _, text = ask(server, slack, "watch campaign-x cpa")
    assert "Watching CPA of campaign-x in this channel" in text
    # Saturday 28 Nov: usual CPA €15 (no noise: the 5 % band, 14.25–15.75)
    assert "Usual: CPA on 28 Nov 2026 within its expected" in text
    assert "14.25" in text and "15.75" in text
    _, again = ask(server, slack, "watch campaign-x cpa")
    assert "already watched in this channel" in again
    checked = run_cli(env, "watch", "check")
    assert "1 watches checked, 0 alerts sent" in checked.stdout  # new -> usual: silent
    assert slack.of("chat.postMessage") == []

    # Sunday 29 Nov spends €300 for 10 conversions: CPA €30 against a usual €15.
    import_rows(env, tmp_path, "spike.csv", [row(dt.date(2026, 11, 29), 300.0)])
    run_cli(env, "watch", "check")  # the import's own check already posted it
    posts = slack.of("chat.postMessage")
    assert len(posts) == 1, [alert_text(p) for p in posts]
    alert = posts[0]
    assert alert.body["channel"] == CHANNEL and not alert.body.get("thread_ts")
    text = alert_text(alert)
    assert "campaign-x: CPA is unusual" in text
    assert "Unusual: CPA" in text and "30.00 on 29 Nov 2026" in text
    assert "(worse than usual)" in text
    buttons = [e["action_id"] for b in alert.body["blocks"] if b["type"] == "actions"
               for e in b["elements"]]  # fmt: skip
    assert buttons == ["alert_ack", "alert_snooze_1d", "alert_snooze_7d"]

    # Monday 30 Nov is a usual Monday again (€200 / 10 = €20): back to normal, in the thread.
    import_rows(env, tmp_path, "monday.csv", [row(dt.date(2026, 11, 30), 200.0)])
    run_cli(env, "watch", "check")
    posts = slack.of("chat.postMessage")
    assert len(posts) == 2, [alert_text(p) for p in posts]
    normal = posts[1]
    assert "campaign-x: CPA is back to normal" in alert_text(normal)
    assert "Usual: CPA on 30 Nov 2026 within its expected" in alert_text(normal)
    stored = states(env)  # new -> ok (silent), ok -> unusual, unusual -> ok
    assert [(a, b) for a, b, _ in stored] == [("new", "ok"), ("ok", "unusual"), ("unusual", "ok")]
    assert stored[0][2] is None
    assert normal.body["thread_ts"] == stored[1][2]

    _, listing = ask(server, slack, "watches")
    assert "CPA · campaign-x" in listing and "usual" in listing
    _, gone = ask(server, slack, "unwatch campaign-x cpa")
    assert "Stopped watching CPA of campaign-x in this channel" in gone
    _, empty = ask(server, slack, "watches")
    assert "Nothing is watched yet" in empty
    assert "Traceback" not in server.log()
