"""A running campaign whose data stopped is told once per gap to the channels of its
targets, on SQLite and PostgreSQL; dates worked out by hand (KPIBOT_STALE_DAYS = 3)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from bot.selfmon.check import check_gaps
from bot.selfmon.gaps import campaign_gaps
from bot.selfmon.lines import gap_line
from bot.services import Services
from storage.models import Campaign, Connection, PlatformCampaign
from storage.targets.repo import TargetRepository
from tests.bot.alerts.test_checker import RecordingPoster
from tests.bot.both_dbs import DATABASES, open_services

TEAM = "T1"
IMPORTED = dt.datetime(2026, 11, 25, 7, 12, tzinfo=dt.UTC)  # 08:12 in Amsterdam
NOW = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


def on(services: Services, today: dt.date) -> Services:
    services.settings = dataclasses.replace(services.settings, today=today)
    return services


def log_days(services: Services, slug: str, first: dt.date, last: dt.date) -> None:
    day = first
    while day <= last:
        services.repo.log_metrics(TEAM, slug, day, "facebook", {"reach": 100, "clicks": 5})
        day += dt.timedelta(days=1)
    with services.engine.begin() as conn:
        conn.execute(update(Campaign).where(Campaign.slug == slug).values(last_import_at=IMPORTED))


def target_in(services: Services, slug: str, channel: str, kind: str = "target") -> None:
    campaign = services.repo.find_campaign(TEAM, slug)
    assert campaign is not None
    repo = TargetRepository(services.engine)
    if kind == "watch":
        repo.add_watch(TEAM, campaign_id=campaign.id, kpi="ctr", channel_id=channel)
        return
    repo.add_target(
        TEAM, campaign_id=campaign.id, kpi="reach", op=">=", value=10,
        deadline=dt.date(2026, 12, 31), channel_id=channel,
    )  # fmt: skip


@pytest.fixture(params=DATABASES)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    with open_services(request.param, tmp_path, today=dt.date(2026, 11, 28)) as svc:
        log_days(svc, "campaign-x", dt.date(2026, 11, 1), dt.date(2026, 11, 24))
        target_in(svc, "campaign-x", "C1")
        target_in(svc, "campaign-x", "C1")  # a second target in the same channel
        target_in(svc, "campaign-x", "C2", kind="watch")
        # one day logged: not being reported, not "running"
        log_days(svc, "one-off", dt.date(2026, 11, 20), dt.date(2026, 11, 20))
        target_in(svc, "one-off", "C1")
        # ended on 25 Nov: only 25 Nov could still come
        log_days(svc, "ended", dt.date(2026, 11, 1), dt.date(2026, 11, 24))
        svc.repo.update_campaign(TEAM, "ended", end_date=dt.date(2026, 11, 25))
        target_in(svc, "ended", "C1")
        yield svc


def channels(poster: RecordingPoster) -> list[str]:
    return sorted(p["channel"] for p in poster.posts)


def test_a_gap_is_told_once_per_channel_and_again_after_data_came_back(
    services: Services,
) -> None:
    poster = RecordingPoster()
    # 27 Nov: 25 and 26 Nov missing, two days: nothing yet
    assert check_gaps(on(services, dt.date(2026, 11, 27)), TEAM, now=NOW, poster=poster).gaps == 0
    assert poster.posts == []
    # 28 Nov: 25, 26 and 27 Nov missing: told in C1 (two targets, one post) and C2 (a watch)
    first = check_gaps(on(services, dt.date(2026, 11, 28)), TEAM, now=NOW, poster=poster)
    assert (first.gaps, first.posted) == (1, 2)
    assert channels(poster) == ["C1", "C2"]
    text = poster.posts[0]["text"]
    assert text.startswith(
        ":warning: No data for `campaign-x` since 24 Nov (nothing for 25–27 Nov)"
    )
    assert "the last import was 25 Nov 2026 08:12" in text and "`/kpi import`" in text
    # checks again, the same day and the next: the same gap, nothing more
    check_gaps(services, TEAM, now=NOW, poster=poster)
    check_gaps(on(services, dt.date(2026, 11, 29)), TEAM, now=NOW, poster=poster)
    assert len(poster.posts) == 2
    # campaign-x is campaign 1; its gap after 24 Nov is noted once per channel
    assert services.notices.keys(TEAM, "gap:") == ["gap:1:2026-11-24:C1", "gap:1:2026-11-24:C2"]
    # the data comes back through 29 Nov: no gap on 30 Nov; it stops again: 30 Nov, 1 and
    # 2 Dec missing on 3 Dec, a new gap told again
    log_days(services, "campaign-x", dt.date(2026, 11, 25), dt.date(2026, 11, 29))
    assert check_gaps(on(services, dt.date(2026, 11, 30)), TEAM, now=NOW, poster=poster).gaps == 0
    assert services.notices.keys(TEAM, "gap:") == []  # the closed gap is forgotten
    assert check_gaps(on(services, dt.date(2026, 12, 2)), TEAM, now=NOW, poster=poster).gaps == 0
    again = check_gaps(on(services, dt.date(2026, 12, 3)), TEAM, now=NOW, poster=poster)
    assert again.posted == 2
    assert "since 29 Nov (nothing for 30 Nov – 2 Dec)" in poster.posts[-1]["text"]


def test_checks_racing_tell_each_channel_once(services: Services) -> None:
    poster = RecordingPoster()
    start = threading.Barrier(4)

    def check() -> None:
        start.wait()
        check_gaps(services, TEAM, now=NOW, poster=poster)

    threads = [threading.Thread(target=check) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert channels(poster) == ["C1", "C2"]


def test_a_channel_kpibot_left_is_logged_and_the_other_still_told(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    poster = RecordingPoster(gone={"C1"})
    report = check_gaps(services, TEAM, now=NOW, poster=poster)
    assert channels(poster) == ["C2"] and report.failed == [f"{TEAM}#campaign-x@C1"]
    assert "not_in_channel" in caplog.text and "Traceback" not in caplog.text
    poster.gone.clear()
    check_gaps(services, TEAM, now=NOW + dt.timedelta(hours=1), poster=poster)
    assert channels(poster) == ["C2"]  # the channel is gone for us: never retried


def test_a_synced_campaign_names_its_last_sync_in_dutch(services: Services) -> None:
    campaign = services.repo.find_campaign(TEAM, "campaign-x")
    assert campaign is not None
    with services.engine.begin() as conn:
        conn.execute(
            insert(PlatformCampaign).values(
                team_id=TEAM, platform="meta", external_id="120", campaign_id=campaign.id
            )
        )
        conn.execute(
            insert(Connection).values(
                team_id=TEAM,
                platform="meta",
                account_id="act_1",
                secret="sealed",
                last_sync_at=dt.datetime(2026, 11, 27, 5, 3, tzinfo=dt.UTC),
                last_status="failed",
            )
        )
    # fmt: skip
    [gap] = campaign_gaps(services, TEAM, dt.date(2026, 11, 28))
    line = gap_line(gap, "Europe/Amsterdam", "nl")  # no current year given: years shown
    assert line.startswith(
        ":warning: Geen data voor `campaign-x` sinds 24 nov. 2026 (niets voor 25–27 nov. 2026)"
    )
    assert "de laatste synchronisatie met Meta was op 27 nov. 2026 06:03 en mislukte" in line
    assert "`/kpi connections`" in line
    english = gap_line(gap, "Europe/Amsterdam", "en")
    assert "the last sync of Meta was 27 Nov 2026 06:03 and failed" in english


def test_no_stale_days_switches_it_off(services: Services) -> None:
    services.settings = dataclasses.replace(services.settings, stale_days=0)
    assert campaign_gaps(services, TEAM, dt.date(2026, 11, 28)) == []
