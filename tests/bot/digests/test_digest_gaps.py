"""A digest names the campaigns whose data stopped: under its headline (the slugs) and in
its thread (since when, the last import, what to do), English and Dutch; on SQLite and
PostgreSQL, dates by hand (KPIBOT_STALE_DAYS = 3, the digest sent on Mon 30 Nov)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.digests.data import build
from bot.render_text import render as blocks_to_text
from bot.services import Services
from kpi.schedule import week_of
from tests.bot.both_dbs import DATABASES, open_services
from tests.slack_limits import problems

TEAM = "T1"
MONDAY = dt.date(2026, 11, 30)


@pytest.fixture(params=DATABASES)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    with open_services(request.param, tmp_path, today=MONDAY) as svc:
        counters = {"spend": 10.0, "revenue": 30.0, "clicks": 50.0, "impressions": 2000.0}
        for i in range(25):  # "stopped": 1 - 25 Nov; 26 - 29 Nov missing on 30 Nov
            day = dt.date(2026, 11, 1) + dt.timedelta(days=i)
            svc.repo.log_metrics(TEAM, "stopped", day, "facebook", counters)
        for i in range(29):  # "steady": through Sun 29 Nov
            day = dt.date(2026, 11, 1) + dt.timedelta(days=i)
            svc.repo.log_metrics(TEAM, "steady", day, "facebook", counters)
        yield svc


def test_the_digest_names_the_late_campaign_under_its_headline_and_in_its_thread(
    services: Services,
) -> None:
    built = build(services, TEAM, None, week_of(dt.date(2026, 11, 23)), charts=False)
    headline = blocks_to_text(built.headline)
    assert ":warning: No new data for stopped: see the thread." in headline
    assert "steady" not in headline.split("No new data")[1]
    body = blocks_to_text(built.blocks)
    assert "Data missing" in body
    assert "No data for stopped since 25 Nov (nothing for 26–29 Nov) — the last import was" in body
    assert "(/kpi import, or share the CSV" in body and "No data for steady" not in body
    assert problems(built.blocks, "message") == [] and problems(built.headline, "message") == []
    services.repo.update_workspace(TEAM, locale="nl")
    dutch = build(services, TEAM, None, week_of(dt.date(2026, 11, 23)), charts=False)
    assert ":warning: Geen nieuwe data voor stopped: zie de draad." in blocks_to_text(
        dutch.headline
    )
    assert "Geen data voor stopped sinds 25 nov. (niets voor 26–29 nov.)" in blocks_to_text(
        dutch.blocks
    )


def test_a_digest_of_other_campaigns_does_not_name_it(services: Services) -> None:
    built = build(services, TEAM, ["steady"], week_of(dt.date(2026, 11, 23)), charts=False)
    assert "No new data" not in blocks_to_text(built.headline)
    assert "No data for" not in blocks_to_text(built.blocks)
