"""`/kpi campaign …` and `/kpi log` asking first, through the one `answer()` Slack and
`kpibot ask` share, on a real SQLite database; the confirmation buttons' handlers with
values as a click sends them back, including stale and forged ones."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.campaigns import actions
from bot.campaigns.blocks import CONFIRM, LOG_CREATE, LOG_TO
from bot.context import Ctx, Reply
from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.render_text import render
from bot.services import Services
from bot.settings import Settings
from storage.campaigns.records import MetricRow
from storage.targets.repo import TargetRepository

TEAM, OTHER = "T1", "T2"
NOV29 = dt.date(2026, 11, 29)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", today=NOV29)
    svc = Services.open(settings, FEATURES)
    rows = [
        MetricRow(0, "summer-sale", dt.date(2026, 11, d), "facebook", {"clicks": 30, "spend": 4})
        for d in range(1, 11)
    ] + [MetricRow(0, "summer-sael", dt.date(2026, 11, 3), "facebook", {"clicks": 5})]
    svc.repo.upsert_metrics(TEAM, rows)
    svc.repo.upsert_metrics(OTHER, [rows[0]])
    yield svc
    svc.engine.dispose()


def ctx_for(services: Services, team: str = TEAM, locale: str = "en") -> Ctx:
    services.repo.update_workspace(team, locale=locale)
    return make_ctx(services, team, user_id="U1", channel_name="general")


def ask(services: Services, text: str, team: str = TEAM, locale: str = "en") -> Reply:
    return answer(services, ctx_for(services, team, locale), text)


def buttons(reply: Reply) -> dict[str, dict[str, Any]]:
    """action_id (with the button text for the log buttons) -> the value a click sends."""
    found = {}
    for block in reply.blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            key = element["action_id"]
            if key == LOG_TO:
                key += ":" + element["text"]["text"]
            found[key] = json.loads(element["value"])
    return found


def test_delete_asks_with_counts_then_the_button_deletes(services: Services) -> None:
    sale = services.repo.find_campaign(TEAM, "summer-sale")
    assert sale is not None
    services.repo.add_cost(TEAM, sale.id, dt.date(2026, 11, 2), "tools", 40.0)
    TargetRepository(services.engine).add_target(
        TEAM, campaign_id=sale.id, kpi="ctr", op=">=", value=1.0,
        deadline=dt.date(2026, 12, 31), channel_id="C1",
    )  # fmt: skip
    reply = ask(services, "campaign delete summer-sale")
    text = render(reply.blocks)
    assert "Delete summer-sale for good?" in text
    assert "10 rows of daily numbers (1–10 Nov)" in text
    assert "1 cost entry" in text and "1 target" in text
    assert services.repo.find_campaign(TEAM, "summer-sale") is not None  # only asked
    value = buttons(reply)[CONFIRM]
    done = actions.on_confirm(services, ctx_for(services), value)
    assert done.ok and "deleted `summer-sale`" in done.text
    assert done.blocks[0]["text"]["text"].startswith(":wastebasket: <@U1> deleted")  # a mention
    assert services.repo.find_campaign(TEAM, "summer-sale") is None
    assert services.repo.find_campaign(OTHER, "summer-sale") is not None
    # the same button again: the campaign is gone, nothing happens
    again = actions.on_confirm(services, ctx_for(services), value)
    assert not again.ok and "out of date" in again.text


def test_a_button_from_another_workspace_or_tampered_with_does_nothing(
    services: Services,
) -> None:
    value = buttons(ask(services, "campaign delete summer-sale"))[CONFIRM]
    other = services.repo.find_campaign(OTHER, "summer-sale")
    assert other is not None
    # clicked in the other workspace: the id is not theirs
    assert not actions.on_confirm(services, ctx_for(services, OTHER), value).ok
    forged = [
        {**value, "id": other.id},  # another workspace's campaign, same name
        {**value, "id": "1"},
        {**value, "id": True},
        {**value, "a": "drop"},
        {**value, "f": [10, 0, 0, 0]},
        {**value, "s": "summer-sael"},
        {"a": "delete"},
        None,
    ]
    for bad in forged:
        assert not actions.on_confirm(services, ctx_for(services), bad).ok, bad
    assert services.repo.find_campaign(TEAM, "summer-sale") is not None
    assert services.repo.find_campaign(OTHER, "summer-sale") is not None


def test_a_confirmation_goes_stale_when_the_campaign_changes(services: Services) -> None:
    value = buttons(ask(services, "campaign merge summer-sael into summer-sale"))[CONFIRM]
    ask(services, "log summer-sael 2026-11-04 facebook clicks=2")  # one more row since
    assert "out of date" in actions.on_confirm(services, ctx_for(services), value).text
    assert services.repo.find_campaign(TEAM, "summer-sael") is not None
    renamed = buttons(ask(services, "campaign delete summer-sael"))[CONFIRM]
    ask(services, "campaign rename summer-sael summer-typo")
    assert "out of date" in actions.on_confirm(services, ctx_for(services), renamed).text
    assert services.repo.find_campaign(TEAM, "summer-typo") is not None


def test_merge_moves_the_numbers_and_says_what_moved(services: Services) -> None:
    reply = ask(services, "campaign merge summer-sael into summer-sale")
    text = render(reply.blocks)
    assert "Merge summer-sael into summer-sale?" in text
    assert "1 row of daily numbers (3 Nov)" in text
    assert "1 day on the same platform is in both campaigns" in text
    done = actions.on_confirm(services, ctx_for(services), buttons(reply)[CONFIRM])
    assert done.ok and "merged `summer-sael` into `summer-sale`" in done.text
    assert "1 day on the same platform was in both campaigns" in render(done.blocks)
    roi = render(ask(services, "clicks summer-sale 2026-11-01..2026-11-10").blocks)
    assert "305" in roi  # 10 days x 30 clicks + the merged 5


def test_archive_hides_from_all_and_list_but_the_campaign_still_answers(
    services: Services,
) -> None:
    before = render(ask(services, "clicks all 2026-11-01..2026-11-10").blocks)
    assert "305" in before
    assert "Archived `summer-sael`" in ask(services, "campaign archive summer-sael").text
    after = render(ask(services, "clicks all 2026-11-01..2026-11-10").blocks)
    assert "300" in after and "305" not in after
    listing = render(ask(services, "list").blocks)
    assert "• summer-sael" not in listing and "Archived" in listing and "summer-sael" in listing
    assert "5" in render(ask(services, "clicks summer-sael 2026-11-03").blocks)
    assert ask(services, "campaign unarchive summer-sael").ok
    assert "305" in render(ask(services, "clicks all 2026-11-01..2026-11-10").blocks)


def test_rename_goal_and_budget_in_dutch(services: Services) -> None:
    done = ask(services, "campagne hernoem summer-sale zomer-actie", locale="nl")
    assert done.text == (
        "`summer-sale` heet nu `zomer-actie`. De cijfers, kosten, doelen en overzichten gaan mee."
    )
    assert "bekendheid" in ask(services, "campagne doel zomer-actie bekendheid", locale="nl").text
    budget = ask(services, "campagne budget zomer-actie 2.500,50 2026-11-01 2026-12-31", "T1", "nl")
    assert "€ 2.500,50" in budget.text.replace("\u00a0", " ")
    rec = services.repo.find_campaign(TEAM, "zomer-actie")
    assert rec is not None and rec.goal == "awareness" and rec.budget == pytest.approx(2500.5)
    assert (rec.start_date, rec.end_date) == (dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    taken = ask(services, "campaign rename zomer-actie summer-sael")
    assert not taken.ok and "already is a campaign `summer-sael`" in taken.text


@pytest.mark.parametrize(
    ("command", "says", "example"),
    [
        ("campaign frobnicate x", "I don't know “frobnicate”", "/kpi campaign rename"),
        ("campaign rename summer-sale", "needs the campaign and its new name", "/kpi campaign"),
        ("campaign rename summer-sale Summer_Sale", "can't be a campaign name", "/kpi campaign"),
        ("campaign merge summer-sale", "needs two campaigns", "/kpi campaign merge"),
        ("campaign merge summer-sale into summer-sale", "merged into itself", "/kpi campaign"),
        ("campaign goal summer-sale fame", "not a goal kpibot knows", "goal summer-sale"),
        ("campaign budget summer-sale lots", "“lots” is not a budget", "budget summer-sale"),
        ("campaign budget summer-sale -5", "“-5” is not a budget", "budget summer-sale"),
        ("campaign budget summer-sale 5000 2026-12-31 2026-11-01", "ends (2026-11-01)", "budget"),
        ("campaign delete nope", "no campaign “nope”", "closest first: summer-sael, summer-sale"),
        ("campaign delete summer-sale now", "what to do with “now”", "/kpi campaign delete"),
    ],
)
def test_mistakes_say_what_was_wrong_and_show_an_example(
    services: Services, command: str, says: str, example: str
) -> None:
    reply = ask(services, command)
    text = render(reply.blocks)
    assert not reply.ok
    assert says in text and example in text.replace("`", ""), text


def test_log_to_an_unknown_campaign_asks_and_offers_the_closest(services: Services) -> None:
    reply = ask(services, "log summer-sal 2026-11-12 instagram clicks=7")
    assert services.repo.find_campaign(TEAM, "summer-sal") is None  # nothing created yet
    text = render(reply.blocks)
    assert "There is no campaign summer-sal yet" in text and "clicks 7 for 12 Nov 2026" in text
    found = buttons(reply)
    assert set(found) == {LOG_CREATE, "campaign_cancel", f"{LOG_TO}:Log to summer-sale",
                          f"{LOG_TO}:Log to summer-sael"}  # fmt: skip
    # "Log to summer-sale" logs that day's number there
    done = actions.on_log(services, ctx_for(services), found[f"{LOG_TO}:Log to summer-sale"],
                          create=False)  # fmt: skip
    assert done.ok
    sale = services.repo.find_campaign(TEAM, "summer-sale")
    assert sale is not None
    got = services.repo.metric_values(TEAM, sale.id, dt.date(2026, 11, 12), "instagram")
    assert got == {"clicks": 7}
    # "Create summer-sal" creates it and logs
    created = actions.on_log(services, ctx_for(services), found[LOG_CREATE], create=True)
    assert created.ok and "Saved for `summer-sal`" in created.text
    new = services.repo.find_campaign(TEAM, "summer-sal")
    assert new is not None
    assert services.repo.metric_values(TEAM, new.id, dt.date(2026, 11, 12), "instagram") == {
        "clicks": 7
    }


def test_log_to_a_name_typed_with_spaces_offers_to_create_its_slug(services: Services) -> None:
    reply = ask(services, "log 'Nieuwe Actie' 2026-11-12 clicks=4", locale="nl")
    text = render(reply.blocks)
    assert "Er is nog geen campagne “Nieuwe Actie”. Aanmaken als nieuwe-actie" in text
    created = actions.on_log(services, ctx_for(services, locale="nl"), buttons(reply)[LOG_CREATE],
                             create=True)  # fmt: skip
    assert created.ok and "nieuwe-actie" in created.text
    rec = services.repo.find_campaign(TEAM, "nieuwe-actie")
    assert rec is not None and rec.name == "Nieuwe Actie"
    assert services.repo.metric_values(TEAM, rec.id, dt.date(2026, 11, 12), "other") == {
        "clicks": 4
    }


def test_forged_log_buttons_create_nothing(services: Services) -> None:
    ctx = ctx_for(services)
    for value, create in [
        ({"c": "log x-y 2026-11-12 clicks=1", "s": "other"}, True),  # names differ
        ({"c": "log Bad_Name clicks=1", "s": "Bad_Name"}, True),
        ({"c": "roi summer-sale", "s": "summer-sale"}, True),
        ({"c": "log nope 2026-11-12 clicks=1"}, False),  # log to a campaign that isn't there
        ({"c": "log x" + "y" * 2000 + " clicks=1", "s": "x"}, True),
    ]:
        assert not actions.on_log(services, ctx, value, create=create).ok, value
    assert {c.slug for c in services.repo.list_campaigns(TEAM)} == {"summer-sale", "summer-sael"}


def test_log_that_changes_a_stored_value_shows_old_and_new(services: Services) -> None:
    changed = ask(services, "log summer-sale 2026-11-05 facebook clicks=1 impressions=900")
    assert changed.text == (
        "Updated `summer-sale` on 5 Nov 2026 (facebook): clicks 30 → 1, impressions 900."
    )
    same = ask(services, "log summer-sale 2026-11-05 facebook clicks=1")
    assert same.text == "Saved for `summer-sale` on 5 Nov 2026 (facebook): clicks 1 (unchanged)."
    nl = ask(services, "log summer-sale 2026-11-05 facebook spend=4,5", locale="nl")
    assert nl.text.replace("\u00a0", " ") == (
        "Bijgewerkt voor `summer-sale` op 5 nov. 2026 (facebook): spend € 4,00 → € 4,50."
    )


def test_help_lists_the_campaign_commands_in_both_languages(services: Services) -> None:
    en = render(ask(services, "help").blocks)
    nl = render(ask(services, "help", locale="nl").blocks)
    for word in ("rename", "merge", "archive", "unarchive", "delete", "goal", "budget"):
        assert f"{word} campaign-" in en or f"campaign {word} " in en, word
    for word in ("hernoem", "samenvoegen", "archiveer", "dearchiveer", "verwijder", "doel"):
        assert f"{word} campagne-" in nl, word
    assert "hernoem zomer-actie zomer-2026" in render(
        ask(services, "help campagne", locale="nl").blocks
    )
