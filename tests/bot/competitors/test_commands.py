"""`/kpi competitor add|remove` and `/kpi competitors` as a user reads them, in English and
Dutch, on SQLite and PostgreSQL: numbers typed in either locale, names shown as typed (never
markup), mistakes answered with an example, removal only after its button."""

from __future__ import annotations

import json
import re

import pytest

from bot.competitors.actions import on_remove
from bot.dispatch import answer, make_ctx
from bot.render_text import render
from bot.services import Services
from tests.bot.both_dbs import services_on  # noqa: F401  (fixture)

TEAM = "T1"


@pytest.fixture
def svc(services_on: Services) -> Services:  # noqa: F811 (the fixture of both databases)
    return services_on


def ask(services: Services, text: str, locale: str = "en", team: str = TEAM) -> str:
    services.repo.ensure_workspace(team)
    services.repo.update_workspace(team, locale=locale)
    ctx = make_ctx(services, team, user_id="U1", channel_id="C1")
    return render(answer(services, ctx, text).blocks)


def test_add_in_english_then_list(svc: Services) -> None:
    out = ask(
        svc,
        "competitor add Acme Corp linkedin followers=12,400 engagement=3.1% posts=5 on 2026-11-24",
    )
    assert (
        "Noted for Acme Corp — LinkedIn, 24 Nov 2026: 12,400 followers · engagement rate 3.1 % · "
        "5 posts (over 18–24 Nov)" in out
    )
    assert "Acme Corp is a new competitor" in out
    ask(svc, "competitor add acme corp LinkedIn followers=12k date=2026-11-17")
    listed = ask(svc, "competitors")
    assert "Acme Corp · 2 observations" in listed
    # the latest per platform only: 24 Nov, not 17 Nov
    assert "LinkedIn, 24 Nov 2026: 12,400 followers" in listed
    assert "17 Nov" not in listed


def test_add_in_dutch_reads_dutch_numbers_and_defaults_to_today(svc: Services) -> None:
    out = ask(
        svc,
        "concurrent toevoegen Bakkerij Jansen instagram volgers=12.400 engagement=3,5 "
        "berichten=20 dagen=30",
        "nl",
    )
    # today is 30 Nov 2026 (tests.bot.both_dbs.TODAY); 30 days ending it start 1 Nov
    assert (
        "Genoteerd voor Bakkerij Jansen — Instagram, 30 nov. 2026: 12.400 volgers · "
        "engagementratio 3,5 % · 20 berichten (over 1–30 nov.)" in out
    )
    again = ask(svc, "concurrent toevoegen bakkerij jansen instagram volgers=12.500", "nl")
    assert "Bijgewerkt voor Bakkerij Jansen" in again
    assert "12.500 volgers · engagementratio 3,5 % · 20 berichten" in again  # kept


def test_names_are_shown_as_typed_never_as_markup(svc: Services) -> None:
    svc.repo.ensure_workspace(TEAM)
    ctx = make_ctx(svc, TEAM, user_id="U1", channel_id="C1")
    reply = answer(svc, ctx, "competitor add <!channel> *Evil* x followers=1")
    raw = json.dumps(reply.blocks, ensure_ascii=False)
    # Slack's own formatting is read away (as in every command); the rest shown as typed
    assert "<!channel>" not in raw and "Noted for &lt;!channel&gt; Evil — X" in raw
    assert "1 follower" in raw and "1 followers" not in raw


def test_mistakes_say_what_was_wrong_with_an_example(svc: Services) -> None:
    cases = {
        "competitor add Acme linkedn followers=1": "linkedn is not a platform kpibot knows",
        "competitor add Acme linkedin": "Give at least one of followers=",
        "competitor add linkedin followers=5": "Name the competitor and the platform",
        "competitor add Acme linkedin followers=1.5": "followers: 1.5 should be a whole number",
        "competitor add Acme linkedin engagement=lots": "engagement: lots is not a number",
        "competitor add Acme linkedin engagement=2000%": "a percentage between 0 and 1000",
        "competitor add Acme linkedin likes=3": "likes is not something kpibot notes",
        "competitor add Acme linkedin posts=3 on 2026-12-25": "is in the future",
        "competitor add Acme linkedin posts=3 days=0": "days: 0 should be a whole number",
        "competitor remove Acme": "this workspace has none yet",
        "competitor dance": "Say what to do with a competitor",
    }
    for text, expected in cases.items():
        out = ask(svc, text)
        assert expected in out, (text, out)
        assert "Try:" in out, text
    out = ask(svc, "concurrent toevoegen Acme linkedin volgers=1,5", "nl")
    assert "volgers: 1,5 moet een heel getal zijn" in out


def test_remove_asks_and_only_the_button_removes(svc: Services) -> None:
    ask(svc, "competitor add Acme linkedin followers=100 on 2026-11-20")
    ask(svc, "competitor add Acme x followers=50 on 2026-11-21")
    ctx = make_ctx(svc, TEAM, user_id="U1", channel_id="C1")
    reply = answer(svc, ctx, "competitor remove acme")
    assert "Remove competitor Acme and its 2 observations?" in render(reply.blocks)
    value = reply.blocks[-1]["elements"][0]["value"]
    assert svc.competitors.find(TEAM, "Acme") is not None  # asking removed nothing
    # another workspace's click with the same value removes nothing there or here
    other = make_ctx(svc, "T2", user_id="U2", channel_id="C2")
    assert "out of date" in render(on_remove(svc, other, value).blocks)
    # a new observation since the question: the button is out of date
    ask(svc, "competitor add Acme linkedin followers=120 on 2026-11-27")
    assert "out of date" in render(on_remove(svc, ctx, value).blocks)
    fresh = answer(svc, ctx, "competitor remove Acme").blocks[-1]["elements"][0]["value"]
    done = render(on_remove(svc, ctx, fresh).blocks)
    assert re.search(r"removed competitor Acme \(observations removed: 3\)", done)
    assert svc.competitors.find(TEAM, "Acme") is None
    assert "out of date" in render(on_remove(svc, ctx, "not json").blocks)


def test_a_competitor_csv_is_noted_and_reported(svc: Services) -> None:
    from bot.competitors.importing import import_blocks

    svc.repo.ensure_workspace(TEAM)
    ctx = make_ctx(svc, TEAM, user_id="U1", channel_id="C1")
    data = (
        b"competitor,platform,date,followers,posts\nAcme,x,2026-11-20,500,3\nBolt,x,2026-11-21,9,\n"
    )
    blocks, ok = import_blocks(svc, ctx, data, "rivals.csv")
    out = render(blocks)
    assert ok and "rivals.csv: 2 observations of 2 competitors noted (2 new, 0 updating" in out
    assert "New competitors: Acme, Bolt" in out
    again, ok = import_blocks(svc, ctx, data.replace(b"500", b"510"), "rivals.csv")
    assert ok and "(0 new, 2 updating a day noted before)" in render(again)
    assert "X, 20 Nov 2026: 510 followers · 3 posts" in ask(svc, "competitors")
