"""Weekly digests end to end: subscribed by a signed slash command to the real `kpibot
serve`, data imported with `kpibot import`, digests posted by `kpibot digest run-due` into
the fake Slack — one message and one set of PNG charts per week however often it runs;
numbers computed here, by hand."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.e2e.fake_slack import Call, FakeSlack
from tests.e2e.harness import KPIBOT, Server, run_cli, start_server
from tests.e2e.test_slash_commands import ask, norm, write_csv

TEAM = "T000TEAM1"
CHANNEL = "C000CHAN1"  # the channel Server.slash sends from
START = dt.date(2026, 11, 2)  # a Monday; four weeks through Sun 29 Nov (KPIBOT_TODAY 30 Nov)
WEEK = (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
PREVIOUS = (dt.date(2026, 11, 16), dt.date(2026, 11, 22))


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    # No scheduler in the server: the digests go out only when the test runs `run-due`, so
    # a test run on a Monday morning cannot race its own tick.
    srv = start_server(env, tmp_path / "serve.log", "--no-scheduler")
    yield srv
    srv.stop()


def rows() -> list[dict]:
    out = []
    for i in range(28):
        day = START + dt.timedelta(days=i)
        for campaign, scale in (("campaign-x", 2), ("campaign-y", 1)):
            out.append(
                {
                    "date": day.isoformat(),
                    "campaign": campaign,
                    "platform": "facebook",
                    "impressions": 2000 * scale,
                    "reach": 1000 * scale + 10 * i,
                    "likes": 40 * scale,
                    "comments": 5,
                    "shares": 5,
                    "clicks": 30 * scale + i,
                    "conversions": scale,
                    "revenue": f"{60.5 * scale + i:.2f}",
                    "spend": f"{20 * scale + 0.5 * i:.2f}",
                }
            )
    return out


@pytest.fixture
def data(env: dict[str, str], tmp_path: Path) -> list[dict]:
    imported = rows()
    run_cli(env, "import", str(write_csv(tmp_path / "weeks.csv", imported)), "--team", TEAM)
    return imported


def in_range(r: dict, span: tuple[dt.date, dt.date], campaign: str) -> bool:
    return r["campaign"] == campaign and span[0].isoformat() <= r["date"] <= span[1].isoformat()


def week_sum(data: list[dict], span: tuple[dt.date, dt.date], campaign: str, key: str) -> float:
    return sum(float(r[key]) for r in data if in_range(r, span, campaign))


def message_text(call: Call) -> str:
    parts = [call.body.get("text", "")]
    blocks = call.body.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return norm("\n".join(parts))


def deliveries(env: dict[str, str]) -> list[tuple[str, str | None]]:
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT status, message_ts FROM deliveries")).all()
    engine.dispose()
    return [(r[0], r[1]) for r in found]


def posts_in(slack: FakeSlack, channel: str = CHANNEL) -> list[Call]:
    """The messages in the channel itself (a digest's headline), not thread replies."""
    return [
        c
        for c in slack.of("chat.postMessage")
        if c.body.get("channel") == channel and not c.body.get("thread_ts")
    ]


def replies_in(slack: FakeSlack, thread_ts: str, channel: str = CHANNEL) -> list[Call]:
    """The replies in the thread of `thread_ts` (a digest's details)."""
    return [
        c
        for c in slack.of("chat.postMessage")
        if c.body.get("channel") == channel and c.body.get("thread_ts") == thread_ts
    ]


def test_subscribe_then_run_due_twice_posts_one_digest_with_charts(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    body, text = ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    assert body["response_type"] == "ephemeral"
    assert "every Monday at 09:00 (Europe/Amsterdam)" in text
    assert "Next one: Monday 30 Nov 2026 09:00" in text
    assert "Campaigns: all" in text

    early = run_cli(env, "digest", "run-due", "--at", "2026-11-30T08:59")
    assert "0 digests due, 0 posted" in early.stdout
    first = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    second = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    later = run_cli(env, "digest", "run-due", "--at", "2026-11-30T15:00")
    assert "1 digests due, 1 posted" in first.stdout
    assert "1 digests due, 0 posted" in second.stdout and "0 posted" in later.stdout

    posts = posts_in(slack)
    assert len(posts) == 1, [message_text(p) for p in posts]
    headline = message_text(posts[0])
    # the headline, computed by hand: both campaigns' week and the move of campaign-y's ROI
    # (ad spend 20 + 0.5 i a day, revenue 60.5 + i, i = day number from 2 Nov)
    spend_both = week_sum(data, WEEK, "campaign-x", "spend") + week_sum(
        data, WEEK, "campaign-y", "spend"
    )
    revenue_both = week_sum(data, WEEK, "campaign-x", "revenue") + week_sum(
        data, WEEK, "campaign-y", "revenue"
    )
    assert (spend_both, revenue_both) == (588.0, 1606.5)
    assert "*23–29 Nov*: €588.00 ad spend over 2 campaigns, revenue €1,606.50." in headline
    roi_y = (591.5 - 224) / 224 * 100  # 164.06 %
    roi_y_before = (542.5 - 199.5) / 199.5 * 100  # 171.93 %
    assert (
        f"Biggest change: campaign-y · ROI {roi_y:.1f} % ▼ {roi_y_before - roi_y:.1f} pts — worse."
        in headline
    )
    assert "Suggested: keep the plan" in headline
    assert "Details, every campaign and the charts are in the thread." in headline
    assert "Ad spend:" not in headline  # the per-campaign lines are in the thread
    blocks = posts[0].body["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    section_lines = blocks[0]["text"]["text"].split("\n")
    assert len(section_lines) <= 5
    [details] = replies_in(slack, deliveries(env)[0][1] or "")
    text = message_text(details)
    assert "Weekly digest · 23–29 Nov" in text
    assert "Changes against 16–22 Nov" in text
    spend = week_sum(data, WEEK, "campaign-x", "spend")
    revenue = week_sum(data, WEEK, "campaign-x", "revenue")
    roi = (revenue - spend) / spend * 100  # no other costs: total cost = ad spend
    before = week_sum(data, PREVIOUS, "campaign-x", "spend")
    assert f"Ad spend: *€{spend:,.2f}*  ▲ {(spend - before) / before * 100:.1f} %" in text
    assert f"Revenue: *€{revenue:,.2f}*" in text
    assert f"ROI: *{roi:,.1f} %*" in text
    cpa = spend / week_sum(data, WEEK, "campaign-x", "conversions")
    assert f"CPA: *€{cpa:,.2f}*" in text
    both = spend + week_sum(data, WEEK, "campaign-y", "spend")
    assert f"All campaigns*\nAd spend: *€{both:,.2f}*" in text
    assert "What stands out" in text and "Targets" in text

    # one set of PNG charts, with alt text, into the same channel; never files.upload
    asked = slack.of("files.getUploadURLExternal")
    assert len(asked) == 2
    assert all(a.body["filename"].endswith(".png") and a.body["alt_txt"] for a in asked)
    alt = " ".join(a.body["alt_txt"] for a in asked)
    both_revenue = revenue + week_sum(data, WEEK, "campaign-y", "revenue")
    # no costs outside the ads here: the total cost ROI is over is the ad spend
    assert (
        f"Last week: total cost €{both:,.2f}, of which ad spend €{both:,.2f}; "
        f"revenue €{both_revenue:,.2f}; ROI {(both_revenue - both) / both * 100:,.1f} %"
    ) in alt
    uploads = slack.of("upload")
    assert len(uploads) == 2 and all(u.raw.startswith(b"\x89PNG") for u in uploads)
    completed = slack.of("files.completeUploadExternal")
    assert len(completed) == 1 and completed[0].body["channel_id"] == CHANNEL
    assert completed[0].body["thread_ts"] == deliveries(env)[0][1]  # charts in the thread
    assert slack.of("files.upload") == []
    assert deliveries(env) == [("sent", posts[0].body.get("ts") or deliveries(env)[0][1])]
    assert deliveries(env)[0][1] is not None


def test_a_digest_missed_while_down_goes_out_within_the_grace_only(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    too_late = run_cli(env, "digest", "run-due", "--at", "2026-11-30T21:01")  # 12 h grace
    assert "0 digests due" in too_late.stdout and posts_in(slack) == []
    back = run_cli(env, "digest", "run-due", "--at", "2026-11-30T20:30")
    assert "1 posted" in back.stdout and len(posts_in(slack)) == 1


def test_a_429_on_the_first_post_is_waited_out(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    slack.fail_next("chat.postMessage", 429, retry_after=1)
    result = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    assert "1 posted" in result.stdout
    assert len(slack.of("chat.postMessage:failed")) == 1
    posts = posts_in(slack)
    assert len(posts) == 1
    assert len(slack.of("files.completeUploadExternal")) == 1
    failed_at = slack.of("chat.postMessage:failed")[0].at
    assert posts[0].at - failed_at >= 0.9  # Retry-After: 1 was honoured


def test_a_channel_the_app_was_removed_from_pauses_the_subscription(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    slack.removed_channels.add(CHANNEL)
    result = run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05", check=False)
    assert f"Paused (the app cannot post there): {TEAM}/{CHANNEL}" in result.stdout
    assert result.returncode == 1 and "ERROR" in result.stderr  # the operator is told
    assert deliveries(env) == [("dead", None)]
    attempts = len(slack.of("chat.postMessage"))
    run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:10")
    assert len(slack.of("chat.postMessage")) == attempts  # not retried
    assert slack.of("files.completeUploadExternal") == []
    _, status = ask(server, slack, "digest")
    assert "paused" in status and "kpibot was removed from this channel" in status
    assert "/invite @kpibot" in status and "not_in_channel" not in status  # words, not codes
    # subscribing again resumes it
    slack.removed_channels.clear()
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    resumed = run_cli(env, "digest", "run-due", "--at", "2026-12-07T09:05")
    assert "1 posted" in resumed.stdout
    assert len(posts_in(slack)) == attempts + 1  # the refused attempt is recorded too


def test_timezone_defaults_to_the_users_and_off_stops_it(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "settings timezone America/New_York")  # the workspace's zone
    _, text = ask(server, slack, "digest weekly friday 16:30 campaign-y quiet")
    assert len(slack.of("users.info")) == 1  # the fake says the user is in Amsterdam
    assert slack.of("users.info")[0].body["user"] == "U000USER1"
    assert "every Friday at 16:30 (Europe/Amsterdam)" in text
    assert "Next one: Friday 4 Dec 2026 16:30" in text
    assert "Campaigns: `campaign-y`" in text  # "quiet" is the option, not a campaign
    assert "Quiet: a week where nothing moved beyond noise is skipped" in text
    _, off = ask(server, slack, "digest off")
    assert "turned off" in off
    result = run_cli(env, "digest", "run-due", "--at", "2026-12-04T16:31")
    assert "0 digests due" in result.stdout and posts_in(slack) == []


def test_preview_is_for_the_caller_only_and_send_ignores_the_claim(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam campaign-x")
    body, text = ask(server, slack, "digest preview")
    assert body["response_type"] == "ephemeral"
    assert "Preview, only you can see this" in text
    assert "Weekly digest · 23–29 Nov" in text
    spend = week_sum(data, WEEK, "campaign-x", "spend")
    assert f"€{spend:,.2f}" in text and "campaign-y" not in text
    assert slack.of("chat.postMessage") == [] and slack.of("files.completeUploadExternal") == []

    run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    sent = run_cli(env, "digest", "send", "--channel", CHANNEL)
    assert "posted in C000CHAN1" in sent.stdout and "2 charts" in sent.stdout
    assert len(posts_in(slack)) == 2
    assert len(slack.of("files.completeUploadExternal")) == 2


def test_refusals_say_what_to_type(server: Server, slack: FakeSlack) -> None:
    for command, why in {
        "digest weekly someday 09:00": "not a day of the week",
        "digest weekly monday 9h": "not a time",
        "digest weekly monday 09:00 Mars/Olympus": "not a time zone",
        "digest sometimes": "/kpi digest weekly",
    }.items():
        _, text = ask(server, slack, command)
        assert why in text, (command, text)
        assert "/kpi digest weekly" in text, (command, text)
    assert "Traceback" not in server.log()


def test_a_dutch_workspace_gets_a_dutch_digest(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "settings locale nl")
    _, text = ask(server, slack, "digest weekly maandag 9.00 Europe/Amsterdam")
    assert "elke maandag om 09:00 (Europe/Amsterdam)" in text
    run_cli(env, "digest", "run-due", "--at", "2026-11-30T09:05")
    headline = message_text(posts_in(slack)[0])
    assert "*23–29 nov.*: € 588,00 advertentie-uitgaven over 2 campagnes" in headline
    assert (
        "Grootste verandering: campaign-y · ROI 164,1 % ▼ 7,9 procentpunt — slechter." in headline
    )
    text = message_text(replies_in(slack, deliveries(env)[0][1] or "")[0])
    assert "Weekoverzicht · 23–29 nov." in text and "Alle campagnes" in text
    spend = week_sum(data, WEEK, "campaign-x", "spend")
    dutch = f"{spend:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert f"Advertentie-uitgaven: *€ {dutch}*" in text
    alt = " ".join(a.body["alt_txt"] for a in slack.of("files.getUploadURLExternal"))
    assert "Staafgrafiek van totale kosten (advertentie-uitgaven en overige kosten) en omzet" in alt


# -- a process killed mid-delivery, for real (SIGKILL while Slack hangs) -----------------------

AT = "2026-11-30T09:05"  # Monday 09:05 in Amsterdam: the week of 23 Nov is due


def kill_while_slack_hangs(env: dict[str, str], slack: FakeSlack, method: str) -> None:
    """Start `kpibot digest run-due`, hold `method` at the fake Slack and SIGKILL the
    process while it waits for the answer."""
    slack.held.add(method)
    proc = subprocess.Popen(
        [KPIBOT, "digest", "run-due", "--at", AT],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.time() + 60
    while method not in slack.waiting and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert method in slack.waiting, "the process never reached Slack"
    proc.kill()
    proc.wait()
    slack.held.clear()


def six_minutes_pass(env: dict[str, str]) -> None:
    """The lease is 5 minutes of wall time: move the claim back instead of waiting."""
    engine = sa.create_engine(env["KPIBOT_DATABASE_URL"])
    with engine.begin() as conn:
        for delivery_id, claimed in conn.execute(sa.text("SELECT id, claimed_at FROM deliveries")):
            when = dt.datetime.fromisoformat(claimed) if isinstance(claimed, str) else claimed
            conn.execute(
                sa.text("UPDATE deliveries SET claimed_at = :at WHERE id = :id"),
                {"at": when - dt.timedelta(minutes=6), "id": delivery_id},
            )
    engine.dispose()


def test_a_digest_killed_before_posting_goes_out_once_after_the_lease(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    kill_while_slack_hangs(env, slack, "chat.postMessage")
    assert deliveries(env) == [("claimed", None)] and posts_in(slack) == []
    soon = run_cli(env, "digest", "run-due", "--at", AT)  # the lease still runs
    assert "1 digests due, 0 posted" in soon.stdout
    assert (
        f"Being posted by another run (taken over if not done within 5 minutes): {TEAM}/{CHANNEL}"
        in soon.stdout
    )
    six_minutes_pass(env)
    later = run_cli(env, "digest", "run-due", "--at", AT)
    assert "1 digests due, 1 posted" in later.stdout
    assert len(posts_in(slack)) == 1 and len(slack.of("files.completeUploadExternal")) == 1
    [(status, ts)] = deliveries(env)
    assert status == "sent" and ts is not None
    again = run_cli(env, "digest", "run-due", "--at", AT)
    assert "1 digests due, 0 posted" in again.stdout and "Being posted" not in again.stdout
    assert len(posts_in(slack)) == 1


def test_a_digest_killed_between_message_and_charts_gets_its_charts_only(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "digest weekly monday 09:00 Europe/Amsterdam")
    kill_while_slack_hangs(env, slack, "files.getUploadURLExternal")
    assert len(posts_in(slack)) == 1
    [(status, ts)] = deliveries(env)
    assert status == "claimed" and ts is not None  # the message is recorded, charts are not
    assert slack.of("files.completeUploadExternal") == []
    six_minutes_pass(env)
    later = run_cli(env, "digest", "run-due", "--at", AT)
    assert "1 digests due, 1 posted" in later.stdout
    assert len(posts_in(slack)) == 1  # no second message
    [upload] = slack.of("files.completeUploadExternal")
    assert upload.body.get("channel_id") == CHANNEL
    assert deliveries(env) == [("sent", ts)]
