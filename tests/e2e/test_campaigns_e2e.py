"""Managing campaigns over HTTP: the real `kpibot serve`, signed slash commands, the
confirmation's button clicked the way Slack posts it (signed block_actions payload), the
answer read from the fake Slack's response_url, numbers checked against the CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import TEAM, reply_text, write_csv
from tests.e2e.test_slash_commands import ask as ask_slack

OTHER_TEAM = "T000TEAM2"


def data() -> list[dict]:
    return [
        {
            "date": f"2026-11-{10 + i:02d}",
            "campaign": campaign,
            "platform": "facebook",
            "impressions": 1000 + i,
            "clicks": clicks + i,
            "spend": "10.00",
        }
        for campaign, days, clicks in (("spring-promo", 6, 40), ("spring-promoo", 2, 9))
        for i in range(days)
    ]


def plain(text: str) -> str:
    return text.replace("`", "").replace("*", "")


def ask(server: Server, slack: FakeSlack, text: str, **kw: str) -> tuple[dict, str]:
    body, reply = ask_slack(server, slack, text, **kw)
    return body, plain(reply)


@pytest.fixture
def imported(env: dict[str, str], tmp_path: Path) -> list[dict]:
    rows = data()
    csv = write_csv(tmp_path / "m.csv", rows)
    run_cli(env, "import", str(csv), "--team", TEAM)
    run_cli(env, "import", str(csv), "--team", OTHER_TEAM)
    return rows


def click(server: Server, slack: FakeSlack, button: dict, team: str = TEAM) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "acme"},
        "user": {"id": "U000USER1"},
        "channel": {"id": "C000CHAN1", "name": "marketing"},
        "api_app_id": "A000APP01",
        "token": "x",
        "trigger_id": "1.2.3",
        "response_url": slack.response_url("click"),
        "container": {"type": "message", "message_ts": "1.1", "is_ephemeral": True},
        "actions": [
            {
                "action_id": button["action_id"],
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
    answered = slack.wait_for("response", before + 1)[before]
    assert answered.body.get("replace_original") is True
    return plain(reply_text(answered))


def the_button(body: dict, action_id: str, label: str | None = None) -> dict:
    for block in body["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"] == action_id and (
                label is None or element["text"]["text"] == label
            ):
                return element
    raise AssertionError(f"no {action_id} button in {body['blocks']}")


def test_merge_asks_then_the_click_merges(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    body, text = ask(server, slack, "campaign merge spring-promoo into spring-promo")
    assert "2 rows of daily numbers (10–11 Nov)" in text
    assert "2 days on the same platform are in both campaigns" in text
    # a forged id (the other workspace's campaign) is refused and changes nothing
    button = the_button(body, "campaign_confirm")
    forged = {**button, "value": json.dumps({**json.loads(button["value"]), "to": 10**6})}
    assert "out of date" in click(server, slack, forged)
    # the real button, clicked from the other workspace: not theirs
    assert "out of date" in click(server, slack, button, team=OTHER_TEAM)
    done = click(server, slack, button)
    assert "merged spring-promoo into spring-promo" in done
    total = sum(r["clicks"] for r in imported)  # both campaigns' clicks, added together
    _, after = ask(server, slack, "clicks spring-promo 2026-11-10..2026-11-15")
    assert f"{total:,}" in after
    _, other = ask(server, slack, "list", team_id=OTHER_TEAM)
    assert "spring-promoo" in other  # the other workspace still has both
    assert "out of date" in click(server, slack, button)  # clicking again does nothing
    assert "Traceback" not in server.log()


def test_delete_asks_then_the_click_deletes_and_archive_hides(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    body, text = ask(server, slack, "campaign delete spring-promoo")
    assert "Delete spring-promoo for good?" in text and "2 rows" in text
    _, listing = ask(server, slack, "list")
    assert "spring-promoo" in listing  # asking deleted nothing
    assert "deleted spring-promoo" in click(server, slack, the_button(body, "campaign_confirm"))
    _, listing = ask(server, slack, "list")
    assert "spring-promoo" not in listing

    ask(server, slack, "campaign archive spring-promo")
    _, listing = ask(server, slack, "list")
    assert "Archived" in listing and "• spring-promo" not in listing
    promo = sum(r["clicks"] for r in imported if r["campaign"] == "spring-promo")
    _, kept = ask(server, slack, "clicks spring-promo 2026-11-10..2026-11-15")
    assert f"{promo:,}" in kept  # archived, not gone


def test_log_to_an_unknown_campaign_asks_and_shows_what_changed(
    imported: list[dict], server: Server, slack: FakeSlack
) -> None:
    body, text = ask(server, slack, "log sprng-promo 2026-11-12 facebook clicks=1")
    assert "There is no campaign sprng-promo yet" in text
    _, listing = ask(server, slack, "list")
    assert "sprng-promo" not in listing
    button = the_button(body, "log_to", "Log to spring-promo")
    old = next(
        r["clicks"]
        for r in imported
        if r["campaign"] == "spring-promo" and r["date"] == "2026-11-12"
    )
    assert f"clicks {old} → 1" in click(server, slack, button)
    _, again = ask(server, slack, "log spring-promo 2026-11-12 facebook clicks=3")
    assert "clicks 1 → 3" in again
    created = click(server, slack, the_button(body, "log_create"))
    assert "Saved for sprng-promo" in created
    _, listing = ask(server, slack, "list")
    assert "sprng-promo" in listing
