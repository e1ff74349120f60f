"""Replies and the import report within Slack's own limits (tests/slack_limits.py: 50
blocks, 3000 characters a section, 10 context elements, ...) when a workspace has many
campaigns with long names and a CSV has many bad lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.imports.blocks import report_blocks
from bot.imports.importing import run_import
from bot.services import Services
from bot.settings import Settings
from tests.slack_limits import problems

TEAM = "T1"


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    db = Path(tmp_path_factory.mktemp("limits")) / "k.db"
    svc = Services.open(
        Settings(
            database_url=f"sqlite:///{db}", bot_token="xoxb-test", today=dt.date(2026, 11, 30)
        ),
        FEATURES,
    )
    lines = ["date,campaign,platform,clicks,impressions,spend,revenue"]
    lines += [
        f"2026-11-{day:02d},c{i:03d}-{'long-name-' * 8},facebook,{i + 5},{100 * (i + 5)},{i}.5,{i}"
        for i in range(130)
        for day in (2, 3, 16, 17)
    ]
    outcome = run_import(svc, TEAM, ("\n".join(lines) + "\n").encode())
    assert len(svc.repo.list_campaigns(TEAM)) == 130, outcome
    return svc


@pytest.mark.parametrize(
    "text",
    ["list", "roi all 2026-11", "clicks all 2026-11", "report all 2026-11", "help",
     "compare c000 c001 2026-11", "cpc all last month", "nonsense " * 300],
)  # fmt: skip
@pytest.mark.parametrize("locale", ["en", "nl"])
def test_replies_over_130_long_campaign_names_keep_to_slacks_limits(
    services: Services, text: str, locale: str
) -> None:
    services.repo.update_workspace(TEAM, locale=locale)
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id="C1")
    reply = answer(services, ctx, text)
    assert reply.blocks and problems(reply.blocks) == [], text


def test_an_import_report_with_many_bad_lines_keeps_to_slacks_limits(services: Services) -> None:
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id="C1")
    lines = ["date,campaign,platform,clicks"] + [
        f"2026-13-{i % 28 + 1:02d},campaign-{'x' * 90},facebook,{'n' * 40}" for i in range(400)
    ]
    outcome = run_import(services, TEAM, ("\n".join(lines) + "\n").encode())
    blocks = report_blocks(outcome, ctx, filename="export " + "é" * 3000 + ".csv")
    assert problems(blocks) == []
