"""The target check on a real SQLite database with a recording poster: one alert per state
change, in the target's channel, updates in its thread, snooze respected, and one post
when two checks race for the same change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.alerts import checker
from bot.alerts import feature as alerts_feature
from bot.alerts.checker import check_targets
from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.posting import ChannelGone
from bot.services import Services
from bot.settings import Settings
from storage.targets.repo import TargetRepository

TEAM = "T1"
CHANNEL = "C1"
NOV30 = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
ENGAGED = {"likes": 40.0, "comments": 5.0, "shares": 5.0, "clicks": 10.0}  # 60 a day


@dataclass
class RecordingPoster:
    posts: list[dict] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def post(self, channel: str, *, text: str, blocks=None, thread_ts=None) -> str:  # type: ignore[no-untyped-def]
        if channel in self.gone:
            raise ChannelGone(channel, "not_in_channel")
        with self.lock:
            self.posts.append(
                {"channel": channel, "text": text, "blocks": blocks, "thread_ts": thread_ts}
            )
            return f"1700000000.{len(self.posts):06d}"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'k.db'}", bot_token="xoxb-test", today=NOV30
    )
    svc = Services.open(settings, FEATURES)
    yield svc
    svc.engine.dispose()


def load(services: Services, first: dt.date, days: int, reach: float) -> None:
    for i in range(days):
        counters = {"reach": reach, "impressions": 2 * reach, **ENGAGED}
        services.repo.log_metrics(TEAM, "campaign-x", first + dt.timedelta(days=i), "fb", counters)


def add_target(services: Services, value: float = 4.0, **kw: object) -> int:
    campaign = services.repo.find_campaign(TEAM, "campaign-x")
    assert campaign is not None
    target = TargetRepository(services.engine).add_target(
        TEAM,
        campaign_id=campaign.id,
        kpi="engagement_rate",
        op=">=",
        value=value,
        deadline=dt.date(2026, 12, 31),
        channel_id=CHANNEL,
        **kw,  # type: ignore[arg-type]
    )
    return target.id


@pytest.fixture
def below(services: Services) -> int:
    """Three weeks at 6 % (60 / 1,000), the last week at 60 / 1,700 = 3.53 %."""
    load(services, dt.date(2026, 11, 2), 21, 1000)
    load(services, dt.date(2026, 11, 23), 7, 1700)
    return add_target(services)


def test_one_alert_per_change_then_recovery_in_its_thread(services: Services, below: int) -> None:
    poster = RecordingPoster()
    first = check_targets(services, TEAM, now=NOW, poster=poster)
    again = check_targets(services, TEAM, now=NOW, poster=poster)
    assert (first.checked, first.changes, first.posted) == (1, 1, 1)
    assert (again.changes, again.posted) == (0, 0)
    assert len(poster.posts) == 1
    alert = poster.posts[0]
    assert alert["channel"] == CHANNEL and alert["thread_ts"] is None
    assert "3.5 % over 23–29 Nov 2026" in alert["text"]
    repo = TargetRepository(services.engine)
    target = repo.get_target(TEAM, below)
    assert target is not None and target.state == "below"
    assert target.thread_ts == "1700000000.000001"

    load(services, dt.date(2026, 11, 23), 7, 1000)  # back to 6 %
    check_targets(services, TEAM, now=NOW, poster=poster)
    assert len(poster.posts) == 2
    assert poster.posts[1]["thread_ts"] == "1700000000.000001"
    assert "back on target" in poster.posts[1]["text"]
    events = repo.list_events(TEAM)
    assert [(e.from_state, e.to_state) for e in reversed(events)] == [
        ("new", "below"),
        ("below", "ok"),
    ]
    assert [e.message_ts for e in reversed(events)] == ["1700000000.000001", "1700000000.000002"]


def test_two_checks_racing_post_once(
    services: Services, below: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both checks evaluate (and see state "new") before either claims the change.
    barrier = threading.Barrier(2, timeout=30)
    evaluations = checker.evaluations

    def judged_together(*args, **kw):  # type: ignore[no-untyped-def]
        result = evaluations(*args, **kw)
        barrier.wait()
        return result

    monkeypatch.setattr(checker, "evaluations", judged_together)
    poster = RecordingPoster()
    reports = []
    threads = [
        threading.Thread(
            target=lambda: reports.append(check_targets(services, TEAM, now=NOW, poster=poster))
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.changes for r in reports) == [0, 1]
    assert len(poster.posts) == 1
    assert len(TargetRepository(services.engine).list_events(TEAM)) == 1


def test_a_snoozed_target_stays_quiet_until_the_snooze_runs_out(
    services: Services, below: int
) -> None:
    repo = TargetRepository(services.engine)
    repo.snooze(TEAM, below, NOW + dt.timedelta(days=1))
    poster = RecordingPoster()
    check_targets(services, TEAM, now=NOW, poster=poster)
    assert poster.posts == []
    target = repo.get_target(TEAM, below)
    assert target is not None and target.state == "new"  # nothing claimed while snoozed
    assert target.last_value == pytest.approx(60 / 1700 * 100)
    check_targets(services, TEAM, now=NOW + dt.timedelta(days=1, seconds=1), poster=poster)
    assert len(poster.posts) == 1


def test_a_lost_channel_is_reported_and_never_retried(services: Services, below: int) -> None:
    poster = RecordingPoster(gone={CHANNEL})
    report = check_targets(services, TEAM, now=NOW, poster=poster)
    assert report.failed == [f"{TEAM}#{below}"] and report.posted == 0
    poster.gone.clear()
    check_targets(services, TEAM, now=NOW, poster=poster)
    assert poster.posts == []  # the change was claimed: at most once, never twice


def test_a_target_on_track_is_stored_silently(services: Services) -> None:
    load(services, dt.date(2026, 11, 2), 28, 1000)
    target_id = add_target(services)
    poster = RecordingPoster()
    report = check_targets(services, TEAM, now=NOW, poster=poster)
    assert (report.changes, report.posted) == (1, 0)
    target = TargetRepository(services.engine).get_target(TEAM, target_id)
    assert target is not None and target.state == "ok"
    assert target.last_value == pytest.approx(6.0)


def test_new_target_by_command_alerts_its_channel_at_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(services, dt.date(2026, 11, 2), 28, 1000)
    poster = RecordingPoster()
    monkeypatch.setattr(checker, "make_poster", lambda _services, _team: poster)
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id=CHANNEL)
    reply = answer(services, ctx, "target campaign-x engagement >= 8% by 2026-12-31")
    assert reply.ok, reply.text
    assert len(poster.posts) == 1 and poster.posts[0]["channel"] == CHANNEL
    assert "6.0 % over 23–29 Nov 2026" in poster.posts[0]["text"]


def test_wiring(services: Services) -> None:
    assert {"target", "targets", "alerts"} <= set(services.features.commands)
    assert alerts_feature.after_import in services.features.after_import
    assert alerts_feature.after_log in services.features.after_log
    five = dataclasses.replace(services, settings=Settings(alert_interval_minutes=5))
    [job] = alerts_feature.jobs(five)
    assert job.id == "kpibot-alerts-check" and job.minutes == 5 and callable(job.run)
    assert job.id in {j.id for j in services.features.jobs(five)}
