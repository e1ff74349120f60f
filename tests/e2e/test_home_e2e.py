"""The Home tab end to end: a signed `app_home_opened` to the real `kpibot serve` publishes
the person's Home to the fake Slack (views.publish), in their Slack language (users.info
with include_locale), with this week's numbers computed here by hand, the sparkline
uploaded once (files_upload_v2) and shown by its file id; Unfollow from the Home's button
republishes it without the campaign."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli, start_server
from tests.e2e.test_slash_commands import norm, write_csv
from tests.slack_limits import problems

TEAM = "T000TEAM1"
EVENTS = itertools.count(1)


@pytest.fixture
def env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    from tests.e2e.harness import env_for

    # Thursday 3 Dec: this week has metrics through Wednesday 2 Dec
    return env_for(f"sqlite:///{tmp_path / 'kpibot.db'}", slack.api_url, KPIBOT_TODAY="2026-12-03")


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    srv = start_server(env, tmp_path / "serve.log", "--no-scheduler")
    yield srv
    srv.stop()


@pytest.fixture
def data(env: dict[str, str], tmp_path: Path) -> list[dict]:
    # campaign-x: Mon-Wed of the weeks of 16 and 23 Nov spend 10 a day, the same days of this week
    # 12 a day; revenue 30 and 1 conversion every day. campaign-y: one day, this week.
    weeks = ((dt.date(2026, 11, 16), "10.00"), (dt.date(2026, 11, 23), "10.00"),
             (dt.date(2026, 11, 30), "12.00"))  # fmt: skip
    rows = [
        {"date": (start + dt.timedelta(days=i)).isoformat(), "campaign": "campaign-x",
         "platform": "facebook", "clicks": 50, "impressions": 2000, "conversions": 1,
         "revenue": "30.00", "spend": spend}
        for start, spend in weeks
        for i in range(3)
    ]  # fmt: skip
    rows.append({"date": "2026-12-01", "campaign": "campaign-y", "platform": "linkedin",
                 "clicks": 5, "impressions": 100, "conversions": 0, "revenue": "0.00",
                 "spend": "3.00"})  # fmt: skip
    run_cli(env, "import", str(write_csv(tmp_path / "m.csv", rows)), "--team", TEAM)
    return rows


def opened(server: Server, user: str = "U000USER1") -> None:
    n = next(EVENTS)
    payload = {
        "token": "deprecated",
        "team_id": TEAM,
        "api_app_id": "A000APP01",
        "type": "event_callback",
        "event_id": f"Ev000HOME{n:03d}",
        "event_time": int(time.time()),
        "event": {
            "type": "app_home_opened",
            "user": user,
            "channel": "D000DM001",
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        },  # fmt: skip
    }
    status, body, _ = server.event(payload)
    assert status == 200, body


def view_of(call: Any) -> dict:
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view


def text_of(view: dict) -> str:
    parts = []
    for block in view["blocks"]:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return norm("\n".join(parts))


def test_opening_home_publishes_this_weeks_numbers_once_uploaded_sparkline(
    data: list[dict], server: Server, slack: FakeSlack
) -> None:
    opened(server)
    [call] = slack.wait_for("views.publish", 1, timeout=60)
    assert call.body["user_id"] == "U000USER1"
    view = view_of(call)
    assert view["type"] == "home" and problems(view["blocks"], "home") == []
    text = text_of(view)
    # asked with include_locale: the fake answers en-US
    asked = slack.of("users.info")
    assert asked and str(asked[0].body.get("include_locale")).lower() in ("1", "true")
    assert "Your campaigns" in text and "This week: 30 Nov – 6 Dec" in text
    # campaign-x: 36.00 against 30.00 (+20 %, more spend is worse), ROI 150 % against 200 %
    assert "Ad spend: *€36.00*  ▲ 20.0 % — worse" in text
    assert "ROI: *150.0 %*  ▼ 50.0 pts — worse" in text
    assert "Facebook: metrics through 2 Dec 2026" in text
    assert "LinkedIn: metrics through 1 Dec 2026" in text
    # the sparkline of campaign-x (ROI of the complete weeks: 200 % in the weeks of 16 and 23
    # Nov) went up once, shown by its id
    uploads = slack.of("files.completeUploadExternal")
    assert len(uploads) == 1 and not uploads[0].body.get("channel_id")
    file_id = (
        json.loads(uploads[0].body["files"])[0]["id"]
        if isinstance(uploads[0].body["files"], str)
        else uploads[0].body["files"][0]["id"]
    )
    images = [b for b in view["blocks"] if b["type"] == "image"]
    assert [i["slack_file"] for i in images] == [{"id": file_id}]
    assert images[0]["alt_text"].startswith("ROI of campaign-x over the last 7 weeks")
    assert images[0]["alt_text"].endswith("200.0 %, 200.0 %")
    assert slack.of("upload")[0].raw.startswith(b"\x89PNG")

    # opened again, nothing changed: published again, nothing uploaded again
    opened(server)
    slack.wait_for("views.publish", 2, timeout=60)
    assert len(slack.of("files.completeUploadExternal")) == 1

    # Unfollow campaign-x from its card: the Home is published without it
    card = next(
        b for b in view["blocks"]
        if b["type"] == "actions" and b["elements"][0]["action_id"] == "home_report"
    )  # fmt: skip
    unfollow = next(e for e in card["elements"] if e["action_id"] == "home_unfollow")
    status, body, _ = server.action(
        {
            "type": "block_actions",
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": "U000USER1", "team_id": TEAM},
            "api_app_id": "A000APP01",
            "trigger_id": "1337.42.home",
            "view": {"id": "VHOME", "type": "home", "team_id": TEAM},
            "actions": [
                {
                    "type": "button",
                    "action_id": "home_unfollow",
                    "block_id": "b",
                    "value": unfollow["value"],
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }  # fmt: skip
    )
    assert status == 200, body
    third = view_of(slack.wait_for("views.publish", 3, timeout=60)[2])
    after = text_of(third)
    assert "*campaign-x*" not in after and "*campaign-y*" in after
    assert "Not followed: 1" in after
    assert "Traceback" not in server.log()


def test_a_dutch_user_gets_a_dutch_home(data: list[dict], server: Server, slack: FakeSlack) -> None:
    slack.locales["U000USER2"] = "nl-NL"
    opened(server, "U000USER2")
    [call] = slack.wait_for("views.publish", 1, timeout=60)
    text = text_of(view_of(call))
    assert "Jouw campagnes" in text and "Deze week: 30 nov. – 6 dec." in text
    assert "Advertentie-uitgaven: *€ 36,00*  ▲ 20,0 % — slechter" in text


def click(server: Server, action_id: str, value: str, user: str = "U000USER1") -> None:
    status, body, _ = server.action(
        {
            "type": "block_actions",
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A000APP01",
            "trigger_id": f"1337.{next(EVENTS)}.home",
            "view": {"id": "VHOME", "type": "home", "team_id": TEAM},
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }  # fmt: skip
    )
    assert status == 200, body


def submit(server: Server, callback: str, values: dict, metadata: str = "") -> tuple[int, bytes]:
    status, body, _ = server.action(
        {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": "U000USER1", "team_id": TEAM},
            "api_app_id": "A000APP01",
            "trigger_id": f"1337.{next(EVENTS)}.submit",
            "view": {
                "id": "VMODAL",
                "type": "modal",
                "callback_id": callback,
                "private_metadata": metadata,
                "state": {"values": values},
            },
        }  # fmt: skip
    )
    return status, body


def test_homes_buttons_open_the_report_the_target_form_and_subscribe_a_channel(
    env: dict[str, str], data: list[dict], server: Server, slack: FakeSlack
) -> None:
    from tests.e2e.test_slash_commands import ask

    opened(server)
    view = view_of(slack.wait_for("views.publish", 1, timeout=60)[0])
    card = next(
        b for b in view["blocks"]
        if b["type"] == "actions" and b["elements"][0]["action_id"] == "home_report"
    )  # fmt: skip
    value = card["elements"][0]["value"]
    click(server, "home_report", value)
    report = view_of(slack.wait_for("views.open", 1, timeout=30)[0])
    assert report["type"] == "modal" and "campaign-x" in text_of(report)
    assert problems(report["blocks"], "modal") == []
    assert not [b for b in report["blocks"] if b["type"] == "actions"]  # no response_url here
    click(server, "home_target", value)
    form = view_of(slack.wait_for("views.open", 2, timeout=30)[1])
    assert form["callback_id"] == "kpi_target_new"
    assert json.loads(form["private_metadata"]) == {"c": "U000USER1"}  # alerts to the DM
    # Share: the report posted in the chosen channel, saying who shared it
    click(server, "home_share", value)
    share = view_of(slack.wait_for("views.open", 3, timeout=30)[2])
    status, _ = submit(
        server, "home_share",
        {"channel": {"channel": {"type": "conversations_select",
                                 "selected_conversation": "C000CHAN1"}}},
        share["private_metadata"],
    )  # fmt: skip
    assert status == 200
    [posted] = [c for c in slack.of("chat.postMessage") if c.body.get("channel") == "C000CHAN1"]
    blocks = posted.body["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    assert "Shared by <@U000USER1>" in json.dumps(blocks)
    # Digest to a channel: Tuesday 08:30 in C000CHAN1
    click(server, "home_subscribe", "{}")
    slack.wait_for("views.open", 4, timeout=30)
    bad = {
        "channel": {"channel": {"selected_conversation": "C000CHAN1"}},
        "weekday": {"weekday": {"selected_option": {"value": "1"}}},
        "time": {"time": {"value": "8h30"}},
    }
    status, body = submit(server, "home_digest", bad)
    assert status == 200 and b"Not a time" in body  # the field says what is wrong
    good = {**bad, "time": {"time": {"value": "08:30"}}}
    assert submit(server, "home_digest", good)[0] == 200
    _, status_text = ask(server, slack, "digest")
    assert "every Tuesday at 08:30" in status_text
    assert "Traceback" not in server.log()
