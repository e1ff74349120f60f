"""Nothing claimed is lost: an alert whose message failed to build or post, or whose process
died after claiming the change, is posted by a later check — once, even with checks racing;
one that can never be posted is given up, logged at ERROR, and its creator told."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

import pytest

from bot.alerts import checker
from bot.alerts.checker import check_targets
from bot.services import Services
from storage.targets.alerts import MAX_ATTEMPTS
from storage.targets.repo import TargetRepository
from tests.bot.alerts.test_checker import (
    CHANNEL,
    NOV30,
    NOW,
    TEAM,
    RecordingPoster,
    add_target,
    load,
    services,  # noqa: F401  (fixture)
)
from tests.bot.digests.test_scheduler import slack_error

MINUTE = dt.timedelta(minutes=1)
ALERT_LINE = "3.5 % over 23–29 Nov 2026"  # 60 / 1,700 engagements, worked out by hand


@pytest.fixture
def below(services: Services) -> int:  # noqa: F811
    """Three weeks at 6 % (60 / 1,000), the last week at 60 / 1,700 = 3.53 %: below 4 %."""
    load(services, dt.date(2026, 11, 2), 21, 1000)
    load(services, dt.date(2026, 11, 23), 7, 1700)
    return add_target(services, created_by="U0CREATOR")


def events(svc: Services) -> list[tuple[str, str, int]]:
    found = TargetRepository(svc.engine).list_events(TEAM)
    return [(e.to_state, e.status, e.attempts) for e in found]


def in_channel(poster: RecordingPoster) -> list[dict]:
    return [p for p in poster.posts if p["channel"] == CHANNEL]


def test_an_alert_whose_message_fails_to_build_is_posted_by_the_next_check(
    services: Services,  # noqa: F811
    below: int,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real = checker.alert_blocks
    calls: list[int] = []

    def broken_once(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("a text the catalogue lacked")
        return real(*args)

    monkeypatch.setattr(checker, "alert_blocks", broken_once)
    poster = RecordingPoster()
    with caplog.at_level(logging.ERROR):
        first = check_targets(services, TEAM, now=NOW, poster=poster)
    assert (first.changes, first.posted, first.failed) == (1, 0, [f"{TEAM}#{below}"])
    assert any(r.levelno == logging.ERROR and "retried" in r.getMessage() for r in caplog.records)
    assert events(services) == [("below", "failed", 1)]
    second = check_targets(services, TEAM, now=NOW + 2 * MINUTE, poster=poster)
    assert (second.posted, second.failed) == (1, [])
    [alert] = in_channel(poster)
    assert ALERT_LINE in alert["text"] and alert["blocks"]
    assert events(services) == [("below", "posted", 2)]
    check_targets(services, TEAM, now=NOW + 30 * MINUTE, poster=poster)
    assert len(poster.posts) == 1  # posted once


def claim_as_a_dying_process(svc: Services, target: int) -> None:
    """What a check killed between claim and post leaves behind."""
    event = TargetRepository(svc.engine).claim_transition(
        TEAM, target, "new", "below", 60 / 1700 * 100, None, as_of=NOV30, now=NOW
    )
    assert event is not None


def test_an_alert_whose_process_died_after_the_claim_is_posted_after_the_lease(
    services: Services,  # noqa: F811
    below: int,
) -> None:
    claim_as_a_dying_process(services, below)
    poster = RecordingPoster()
    held = check_targets(services, TEAM, now=NOW + 4 * MINUTE, poster=poster)
    assert (held.changes, held.posted, poster.posts) == (0, 0, [])  # it may still be posting
    taken = check_targets(services, TEAM, now=NOW + 6 * MINUTE, poster=poster)
    assert taken.posted == 1
    [alert] = in_channel(poster)
    assert ALERT_LINE in alert["text"] and alert["thread_ts"] is None
    target = TargetRepository(services.engine).get_target(TEAM, below)
    assert target is not None and target.thread_ts == "1700000000.000001"
    assert events(services) == [("below", "posted", 2)]


def test_checks_racing_for_a_lost_alert_post_it_once(
    services: Services,  # noqa: F811
    below: int,
) -> None:
    claim_as_a_dying_process(services, below)
    poster = RecordingPoster()
    start = threading.Barrier(4)

    def check() -> None:
        start.wait()
        check_targets(services, TEAM, now=NOW + 6 * MINUTE, poster=poster)

    threads = [threading.Thread(target=check) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(in_channel(poster)) == 1


def test_a_lost_channel_gives_the_alert_up_and_tells_its_creator(
    services: Services,  # noqa: F811
    below: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    poster = RecordingPoster(gone={CHANNEL})
    with caplog.at_level(logging.ERROR):
        report = check_targets(services, TEAM, now=NOW, poster=poster)
    assert report.failed == [f"{TEAM}#{below}"]
    assert any(r.levelno == logging.ERROR and "given up" in r.getMessage() for r in caplog.records)
    [dm] = poster.posts
    assert dm["channel"] == "U0CREATOR"
    assert f"could not post the alert about your target #{below} (Engagement rate)" in dm["text"]
    assert f"<#{CHANNEL}>: `not_in_channel`" in dm["text"] and "/invite @kpibot" in dm["text"]
    assert events(services) == [("below", "dead", 1)]
    poster.gone.clear()
    check_targets(services, TEAM, now=NOW + 60 * MINUTE, poster=poster)
    assert len(poster.posts) == 1  # dead: never posted late


class FailingPoster(RecordingPoster):
    """Slack answers 500 for the channel every time (after the client's own retries)."""

    def post(self, channel: str, *, text: str, blocks=None, thread_ts=None) -> str:  # type: ignore[no-untyped-def]
        if channel == CHANNEL:
            raise slack_error("internal_error")
        return super().post(channel, text=text, blocks=blocks, thread_ts=thread_ts)


def test_an_alert_failing_every_time_is_given_up_after_the_attempts_in_dutch(
    services: Services,  # noqa: F811
    below: int,
) -> None:
    services.repo.update_workspace(TEAM, locale="nl")
    poster = FailingPoster()
    for attempt in range(MAX_ATTEMPTS + 2):
        report = check_targets(services, TEAM, now=NOW + attempt * 2 * MINUTE, poster=poster)
        assert report.posted == 0
    assert events(services) == [("below", "dead", MAX_ATTEMPTS)]
    [dm] = poster.posts
    assert dm["channel"] == "U0CREATOR"
    assert f"Ik kon de melding over je doel #{below}" in dm["text"]
    assert "`internal_error`" in dm["text"]


def test_a_dm_that_fails_too_is_logged_not_raised(
    services: Services,  # noqa: F811
    below: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    poster = RecordingPoster(gone={CHANNEL, "U0CREATOR"})
    with caplog.at_level(logging.ERROR):
        report = check_targets(services, TEAM, now=NOW, poster=poster)
    assert report.failed == [f"{TEAM}#{below}"] and poster.posts == []
    assert any("could not tell its creator" in r.getMessage() for r in caplog.records)
