"""A target that cannot be evaluated or posted tells its creator once per cause, in the
workspace's language, naming the target and the fix; the other targets are still checked
and no traceback is logged for these causes."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.alerts import checker
from bot.alerts.checker import check_targets, tell_creator
from bot.services import Services
from storage.targets.repo import TargetRepository
from tests.bot.alerts.test_checker import (
    CHANNEL,
    NOW,
    TEAM,
    RecordingPoster,
    load,
    services,  # noqa: F401  (fixture)
)

HOUR = dt.timedelta(hours=1)


def add(svc: Services, kpi: str, value: float, slug: str = "campaign-x") -> int:
    campaign = svc.repo.ensure_campaign(TEAM, slug)
    target = TargetRepository(svc.engine).add_target(
        TEAM, campaign_id=campaign.id, kpi=kpi, op=">=", value=value,
        deadline=dt.date(2026, 12, 31), channel_id=CHANNEL, created_by="U0CREATOR",
    )  # fmt: skip
    return target.id


def dms(poster: RecordingPoster) -> list[str]:
    return [p["text"] for p in poster.posts if p["channel"] == "U0CREATOR"]


def test_a_kpi_that_cannot_be_computed_is_told_once_and_the_others_still_alert(
    services: Services,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    # ad spend €100 a day but no revenue: ROAS cannot be computed; engagement rate of the
    # last week 60 / 1,700 = 3.5 % is below 4 %
    load(services, dt.date(2026, 11, 2), 21, 1000)
    load(services, dt.date(2026, 11, 23), 7, 1700)
    for i in range(28):
        day = dt.date(2026, 11, 2) + dt.timedelta(days=i)
        services.repo.log_metrics(TEAM, "campaign-x", day, "fb", {"spend": 100.0})
    roi = add(services, "roas", 2)
    add(services, "engagement_rate", 4.0)
    poster = RecordingPoster()
    with caplog.at_level(logging.INFO):
        first = check_targets(services, TEAM, now=NOW, poster=poster)
        check_targets(services, TEAM, now=NOW + HOUR, poster=poster)
    assert first.checked == 2 and first.posted == 1  # the engagement rate's alert
    [dm] = dms(poster)
    assert dm.startswith(
        f"I could not check your target #{roi} (ROAS of campaign-x, by 31 Dec 2026): "
    )
    assert "the KPI cannot be computed: no revenue reported in this period." in dm
    assert "Import an export that reports revenue for `campaign-x`" in dm
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)


def test_a_target_without_data_is_told_in_dutch_once(services: Services) -> None:  # noqa: F811
    services.repo.update_workspace(TEAM, locale="nl")
    target = add(services, "engagement_rate", 4.0, slug="nieuw")
    poster = RecordingPoster()
    check_targets(services, TEAM, now=NOW, poster=poster)
    check_targets(services, TEAM, now=NOW + HOUR, poster=poster)
    [dm] = dms(poster)
    assert dm.startswith(f"Ik kon je doel #{target} (")
    assert "van nieuw, uiterlijk 31 dec. 2026) niet controleren: " in dm
    assert "`/kpi import`" in dm and "`/kpi log nieuw …`" in dm


def test_an_error_on_our_side_is_told_once_and_the_other_target_checked(
    services: Services,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load(services, dt.date(2026, 11, 2), 21, 1000)
    load(services, dt.date(2026, 11, 23), 7, 1700)
    broken = add(services, "ctr", 1.0)
    add(services, "engagement_rate", 4.0)
    real = checker.judge

    def judge(svc, target, *args):  # type: ignore[no-untyped-def]
        if target.id == broken:
            raise ZeroDivisionError("a bug")
        return real(svc, target, *args)

    monkeypatch.setattr(checker, "judge", judge)
    poster = RecordingPoster()
    report = check_targets(services, TEAM, now=NOW, poster=poster)
    check_targets(services, TEAM, now=NOW + HOUR, poster=poster)
    assert report.failed == [f"{TEAM}#{broken}"] and report.posted == 1
    [dm] = dms(poster)
    assert f"I could not check your target #{broken} (CTR) because of an error on our side" in dm


def test_a_lost_channel_is_told_once_per_cause(services: Services) -> None:  # noqa: F811
    load(services, dt.date(2026, 11, 2), 7, 1000)
    target = TargetRepository(services.engine).get_target(TEAM, add(services, "ctr", 1.0))
    assert target is not None
    ws = services.repo.ensure_workspace(TEAM)
    poster = RecordingPoster()
    for _ in range(2):  # two alerts given up for the same reason: one message
        tell_creator(services, poster, target, ws, "not_in_channel")
    tell_creator(services, poster, target, ws, "is_archived")
    first, second = dms(poster)
    assert "`not_in_channel`" in first and "/invite @kpibot" in first
    assert "`is_archived`" in second
