"""The real `kpibot serve --http`, signed slash commands as Slack sends them, replies read
from the fake Slack's response_url, checked against numbers this test computes itself."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli

TEAM = "T000TEAM1"
OTHER_TEAM = "T000TEAM2"
START = dt.date(2026, 11, 2)  # a Monday; the campaign runs four weeks, through 29 Nov
DAYS = 28


def rows() -> list[dict]:
    out = []
    for i in range(DAYS):
        day = START + dt.timedelta(days=i)
        for platform, scale in (("facebook", 2), ("instagram", 1)):
            out.append(
                {
                    "date": day.isoformat(),
                    "campaign": "campaign-x",
                    "platform": platform,
                    "impressions": 1000 * scale + 10 * i,
                    "reach": 600 * scale + 5 * i,
                    "likes": 30 * scale,
                    "comments": 4 * scale,
                    "shares": 2 * scale,
                    "clicks": 20 * scale + i,
                    "conversions": scale,
                    "revenue": f"{55.25 * scale:.2f}",
                    "spend": f"{12.5 * scale + 0.25 * i:.2f}",
                }
            )
    # a second campaign so unknown names have something to be close to
    out.append(
        {
            "date": "2026-11-03",
            "campaign": "campaign-y",
            "platform": "facebook",
            "impressions": 500,
            "reach": 400,
            "likes": 1,
            "comments": 0,
            "shares": 0,
            "clicks": 5,
            "conversions": 0,
            "revenue": "0",
            "spend": "10.00",
        }
    )
    return out


def write_csv(path: Path, data: list[dict]) -> Path:
    header = list(data[0])
    lines = [",".join(header)] + [",".join(str(r[h]) for h in header) for r in data]
    path.write_text("\n".join(lines) + "\n")
    return path


def norm(text: str) -> str:
    """What Slack shows: its three entities decoded, narrow spaces as spaces."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def reply_text(call) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for block in call.body.get("blocks", []):
        if "text" in block and isinstance(block["text"], dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                parts.append(element["text"])
            elif isinstance(element.get("text"), dict):
                parts.append(element["text"]["text"])
    return norm("\n".join(parts))


def ask(server: Server, slack: FakeSlack, text: str, **kw) -> tuple[dict, str]:  # type: ignore[no-untyped-def]
    before = len(slack.of("response"))
    status, body, _ = server.slash(text, slack.response_url(), **kw)
    assert status == 200, body
    call = slack.wait_for("response", before + 1)[before]
    return call.body, reply_text(call)


@pytest.fixture
def imported(env: dict[str, str], tmp_path: Path) -> list[dict]:
    data = rows()
    run_cli(env, "import", str(write_csv(tmp_path / "metrics.csv", data)), "--team", TEAM)
    return data


def test_roi_reply_shows_value_period_formula_and_split(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    x = [r for r in imported if r["campaign"] == "campaign-x"]
    revenue = sum(float(r["revenue"]) for r in x)
    spend = sum(float(r["spend"]) for r in x)
    staff = 4 * 43.50
    _, saved = ask(server, slack, "cost campaign-x 4h@43.50 staff 2026-11-10")
    assert "174.00" in saved

    body, text = ask(server, slack, "roi campaign-x")
    assert body["response_type"] == "ephemeral"
    roi = (revenue - (spend + staff)) / (spend + staff) * 100
    assert f"{roi:,.1f} %" in text
    assert "2–30 Nov" in text and "29 Nov 2026" in text  # the period it covers
    assert f"€{revenue:,.2f}" in text and f"€{spend + staff:,.2f}" in text  # formula filled in
    assert f"€{spend:,.2f}" in text  # ad spend in the cost breakdown
    # per platform: staff cost shared by ad-spend share
    fb = [r for r in x if r["platform"] == "facebook"]
    fb_spend = sum(float(r["spend"]) for r in fb)
    fb_cost = fb_spend + staff * fb_spend / spend
    fb_roi = (sum(float(r["revenue"]) for r in fb) - fb_cost) / fb_cost * 100
    assert f"Facebook {fb_roi:,.1f} %" in text
    labels = [
        e["action_id"] for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "share_in_channel" in labels


def test_ratio_kpi_over_a_named_period_is_a_ratio_of_sums(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    week = [
        r
        for r in imported
        if r["campaign"] == "campaign-x"
        and "2026-11-16" <= r["date"] <= "2026-11-22"
        and r["platform"] == "instagram"
    ]
    clicks = sum(r["clicks"] for r in week)
    impressions = sum(r["impressions"] for r in week)
    _, text = ask(server, slack, "ctr campaign-x 2026-11-16..2026-11-22 on instagram")
    ctr = clicks / impressions * 100
    assert ctr > 1  # shown with one decimal (below 1 % it would get two)
    assert f"{ctr:,.1f} %" in text
    assert "16–22 Nov" in text  # the exact week asked for


def test_workspaces_never_see_each_others_campaigns(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "roi campaign-x", team_id=OTHER_TEAM)
    assert "campaign-x" in text  # the reply names what was asked for …
    assert "€" not in text and "%" not in text  # … but shows none of team 1's numbers
    _, listing = ask(server, slack, "list", team_id=OTHER_TEAM)
    assert "campaign-y" not in listing


def test_unknown_campaign_lists_known_ones_closest_first(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "roi campain-y")
    assert "campain-y" in text
    assert text.index("campaign-y") < text.index("campaign-x")


def test_bad_input_gets_a_friendly_reply_with_an_example(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    for command in (
        "banana campaign-x",
        "roi campaign-x sometime soon",
        'roi "campaign-x',
        "settings colour blue",
    ):
        _, text = ask(server, slack, command)
        assert "/kpi" in text, (command, text)  # shows a valid example
        assert "Traceback" not in text and "SELECT" not in text
    assert "Traceback" not in server.log()


def test_unsigned_or_stale_requests_are_refused(server: Server, slack: FakeSlack) -> None:
    status, _, _ = server.slash("list", slack.response_url(), secret="wrong-secret")
    assert status == 401
    status, _, _ = server.slash("list", slack.response_url(), timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    time.sleep(0.3)
    assert slack.of("response") == []


def test_dutch_workspace_gets_dutch_numbers(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    ask(server, slack, "settings locale nl")
    x = [r for r in imported if r["campaign"] == "campaign-x"]
    reach = sum(r["reach"] for r in x)
    engagements = sum(r["likes"] + r["comments"] + r["shares"] + r["clicks"] for r in x)
    _, text = ask(server, slack, "betrokkenheid campaign-x")
    expected = f"{engagements / reach * 100:.1f}".replace(".", ",")
    assert f"{expected} %" in text
    assert "nov" in text and "Nov" not in text


def test_share_in_channel_posts_the_same_answer_for_everyone(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    body, text = ask(server, slack, "roi campaign-x")
    button = next(
        e
        for b in body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    )
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "acme"},
        "user": {"id": "U000USER1"},
        "channel": {"id": "C000CHAN1", "name": "marketing"},
        "api_app_id": "A000APP01",
        "token": "x",
        "trigger_id": "1.2.3",
        "response_url": slack.response_url("share"),
        "actions": [
            {
                "action_id": "share_in_channel",
                "block_id": "b",
                "type": "button",
                "value": button["value"],
                "action_ts": "1",
            }
        ],
    }
    before = len(slack.of("response"))
    status, _, _ = server.action(payload)
    assert status == 200
    shared = slack.wait_for("response", before + 1)[before]
    assert shared.body["response_type"] == "in_channel"
    roi_line = re.search(r"[-\d,.]+ %", text)
    assert roi_line and roi_line.group(0) in reply_text(shared)
    assert json.dumps(shared.body).count("share_in_channel") == 0  # buttons are not shared
