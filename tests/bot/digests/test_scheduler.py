"""The digest tick against a real SQLite database and a recording stand-in for Slack: once
per (subscription, week) across replicas and reruns, within the grace only, transient
failures retried after the wait, a lost channel paused, charts under the message."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
import time_machine
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.digests import scheduler
from bot.digests.scheduler import instant, run_due
from bot.features import FEATURES
from bot.posting import ChannelGone
from bot.services import Services
from bot.settings import Settings
from storage.digests.repo import DigestRepository

TEAM = "T1"
MONDAY = dt.date(2026, 11, 30)
# 09:05 in Amsterdam on Monday 30 Nov (UTC+1 in winter)
AT = dt.datetime(2026, 11, 30, 8, 5, tzinfo=dt.UTC)


def slack_error(error: str) -> SlackApiError:
    data = {"ok": False, "error": error}
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="x",
        req_args={},
        data=data,
        headers={},
        status_code=200,
    )
    return SlackApiError(error, response)


class FakePoster:
    """Records posts (the channel messages: the headlines), replies (in a thread: the
    details) and uploads; `fail` maps a channel to the exception its next post raises,
    `fail_upload` the same for uploads."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str]] = []
        self.replies: list[tuple[str, str, str]] = []  # channel, text, thread_ts
        self.upload_threads: list[str | None] = []
        self.uploads: list[tuple[str, list[dict[str, Any]]]] = []
        self.fail: dict[str, Exception] = {}
        self.fail_upload: dict[str, Exception] = {}
        self.lock = threading.Lock()

    def post(self, channel: str, *, text: str, blocks: Any = None, thread_ts: Any = None) -> str:
        with self.lock:
            if channel in self.fail:
                raise self.fail.pop(channel)
            if thread_ts is not None:
                self.replies.append((channel, text, thread_ts))
                return f"1700000001.{len(self.replies):06d}"
            self.posts.append((channel, text))
            return f"1700000000.{len(self.posts):06d}"

    def upload(self, channel: str, files: list[dict[str, Any]], **kw: Any) -> None:
        with self.lock:
            if channel in self.fail_upload:
                raise self.fail_upload.pop(channel)
            self.uploads.append((channel, files))
            self.upload_threads.append(kw.get("thread_ts"))


def open_services(db: Path) -> Services:
    return Services.open(Settings(database_url=f"sqlite:///{db}", bot_token="xoxb-test"), FEATURES)


@pytest.fixture
def services(tmp_path: Path) -> Services:
    svc = open_services(tmp_path / "k.db")
    for i in range(14):  # two weeks of data before the Monday
        day = MONDAY - dt.timedelta(days=14 - i)
        counters = {"spend": 10.0, "revenue": 30.0, "reach": 1000.0, "clicks": 20.0,
                    "impressions": 2000.0, "likes": 10.0}  # fmt: skip
        svc.repo.log_metrics(TEAM, "campaign-x", day, "facebook", counters)
    return svc


def subscribe(services: Services, channel: str, campaigns: list[str] | None = None) -> None:
    DigestRepository(services.engine).subscribe(
        TEAM, channel, 0, "09:00", "Europe/Amsterdam", campaigns
    )


def statuses(services: Services) -> list[str]:
    repo = DigestRepository(services.engine)
    return [
        d.status for s in repo.list_subscriptions(TEAM) for d in repo.list_deliveries(TEAM, s.id)
    ]


def test_naive_times_are_read_in_the_subscriptions_zone() -> None:
    assert instant(dt.datetime(2026, 11, 30, 9, 5), "Europe/Amsterdam") == AT
    assert instant(dt.datetime(2026, 7, 6, 9, 5), "Europe/Amsterdam") == dt.datetime(
        2026, 7, 6, 7, 5, tzinfo=dt.UTC
    )  # summer: UTC+2
    assert instant(AT, "America/New_York") == AT


def test_one_post_and_one_upload_however_often_the_tick_runs(services: Services) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    reports = [run_due(services, AT + dt.timedelta(minutes=m), poster=poster) for m in (0, 1, 60)]
    assert [(r.due, r.claimed, r.sent) for r in reports] == [(1, 1, 1), (1, 0, 0), (1, 0, 0)]
    assert poster.posts == [("C1", "Weekly digest for 23–29 Nov")]
    # the details and the charts go into the headline's thread, once
    assert poster.replies == [("C1", "Weekly digest for 23–29 Nov", "1700000000.000001")]
    [(channel, files)] = poster.uploads
    assert channel == "C1" and len(files) == 2
    assert poster.upload_threads == ["1700000000.000001"]
    assert all(f["content"].startswith(b"\x89PNG") and f["alt_txt"] for f in files)
    assert statuses(services) == ["sent"]


def test_two_replicas_racing_post_each_digest_once(services: Services, tmp_path: Path) -> None:
    for n in range(6):
        subscribe(services, f"C{n}")
    other = open_services(tmp_path / "k.db")  # a second process: its own engine
    poster = FakePoster()
    barrier = threading.Barrier(2)

    def tick(svc: Services) -> None:
        barrier.wait()
        run_due(svc, AT, poster=poster)

    threads = [threading.Thread(target=tick, args=(s,)) for s in (services, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(c for c, _ in poster.posts) == [f"C{n}" for n in range(6)]
    assert len(poster.uploads) == 6


@pytest.mark.parametrize(
    ("at", "due"),
    [
        (dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC), 0),  # 08:59 local: not yet
        (dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC), 1),  # 09:00 sharp
        (dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC), 1),  # 12 h later: still in grace
        (dt.datetime(2026, 11, 30, 20, 1, tzinfo=dt.UTC), 0),  # past the 12 h grace
    ],
)
def test_a_missed_digest_goes_out_within_the_grace(
    services: Services, at: dt.datetime, due: int
) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    assert run_due(services, at, poster=poster).sent == due
    assert len(poster.posts) == due


def test_a_transient_failure_is_retried_after_the_wait_only(services: Services) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    poster.fail["C1"] = slack_error("ratelimited")  # 429 beyond the client's own retries
    with time_machine.travel(AT, tick=False) as clock:
        failed = run_due(services, AT, poster=poster)
        assert failed.failed == [f"{TEAM}/C1"] and statuses(services) == ["failed"]
        assert run_due(services, AT, poster=poster).sent == 0  # within the retry wait
        clock.shift(dt.timedelta(minutes=11))
        assert run_due(services, AT + dt.timedelta(minutes=11), poster=poster).sent == 1
    assert len(poster.posts) == 1 and statuses(services) == ["sent"]


def test_a_lost_channel_pauses_the_subscription_and_is_never_retried(
    services: Services,
) -> None:
    subscribe(services, "C1")
    subscribe(services, "C2")
    poster = FakePoster()
    poster.fail["C1"] = ChannelGone("C1", "not_in_channel")
    report = run_due(services, AT, poster=poster)
    assert report.paused == [f"{TEAM}/C1"] and report.sent == 1  # C2 still gets its digest
    sub = DigestRepository(services.engine).get_subscription(TEAM, "C1")
    assert sub is not None and sub.paused and sub.paused_reason == "not_in_channel"
    assert run_due(services, AT + dt.timedelta(minutes=30), poster=poster).checked == 1
    assert [c for c, _ in poster.posts] == ["C2"]


def test_charts_failing_after_the_message_are_retried_without_a_second_message(
    services: Services,
) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    poster.fail_upload["C1"] = slack_error("internal_error")
    with time_machine.travel(AT, tick=False) as clock:
        first = run_due(services, AT, poster=poster)
        assert first.failed == [f"{TEAM}/C1"] and statuses(services) == ["failed"]
        clock.shift(dt.timedelta(minutes=11))
        assert run_due(services, AT + dt.timedelta(minutes=11), poster=poster).sent == 1
    assert len(poster.posts) == 1 and len(poster.uploads) == 1  # one message, its charts
    assert statuses(services) == ["sent"]


WEEK = dt.date(2026, 11, 23)  # the week whose digest is due at AT


def claim_as_a_dying_process(services: Services, channel: str, message_ts: str | None) -> int:
    """What a process killed mid-delivery leaves: the claim, perhaps the message's ts."""
    repo = DigestRepository(services.engine)
    sub = repo.get_subscription(TEAM, channel)
    assert sub is not None
    delivery = repo.claim_delivery(TEAM, sub.id, WEEK)
    assert delivery is not None
    if message_ts:
        assert repo.mark_posted(TEAM, delivery, message_ts)
    return delivery


def test_a_claim_whose_process_died_before_posting_is_taken_over_after_the_lease(
    services: Services,
) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    with time_machine.travel(AT, tick=False) as clock:
        claim_as_a_dying_process(services, "C1", None)
        clock.shift(dt.timedelta(minutes=4))  # the lease runs: maybe it is still posting
        held = run_due(services, AT, poster=poster)
        assert (held.due, held.sent, held.held) == (1, 0, [f"{TEAM}/C1"])
        clock.shift(dt.timedelta(minutes=2))  # 6 minutes: that process is gone
        taken = run_due(services, AT, poster=poster)
        assert (taken.due, taken.claimed, taken.sent) == (1, 1, 1)
        assert run_due(services, AT, poster=poster).sent == 0
    assert poster.posts == [("C1", "Weekly digest for 23–29 Nov")]
    assert len(poster.uploads) == 1 and statuses(services) == ["sent"]


def test_a_digest_killed_after_its_message_gets_its_charts_and_no_second_message(
    services: Services,
) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    with time_machine.travel(AT, tick=False) as clock:
        delivery = claim_as_a_dying_process(services, "C1", "1699999999.000001")
        clock.shift(dt.timedelta(minutes=6))
        assert run_due(services, AT, poster=poster).sent == 1
    assert poster.posts == []  # the message was out already
    [(channel, files)] = poster.uploads
    assert channel == "C1" and [f["content"][:4] for f in files] == [b"\x89PNG"] * 2
    rec = DigestRepository(services.engine).get_delivery(TEAM, delivery)
    assert rec is not None and (rec.status, rec.message_ts) == ("sent", "1699999999.000001")


def test_two_replicas_finding_an_expired_lease_take_it_over_once(
    services: Services, tmp_path: Path
) -> None:
    for n in range(4):
        subscribe(services, f"C{n}")
    other = open_services(tmp_path / "k.db")
    poster = FakePoster()
    barrier = threading.Barrier(2)
    with time_machine.travel(AT, tick=False) as clock:
        for n in range(4):
            claim_as_a_dying_process(services, f"C{n}", "1699999999.000001" if n % 2 else None)
        clock.shift(dt.timedelta(minutes=6))

        def tick(svc: Services) -> None:
            barrier.wait()
            run_due(svc, AT, poster=poster)

        threads = [threading.Thread(target=tick, args=(s,)) for s in (services, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(c for c, _ in poster.posts) == ["C0", "C2"]  # C1, C3 had their message
    assert sorted(c for c, _ in poster.uploads) == ["C0", "C1", "C2", "C3"]
    assert statuses(services) == ["sent"] * 4


def test_a_failure_is_logged_at_error(services: Services, caplog: pytest.LogCaptureFixture) -> None:
    subscribe(services, "C1")
    poster = FakePoster()
    poster.fail["C1"] = slack_error("internal_error")
    with caplog.at_level(logging.ERROR):
        assert run_due(services, AT, poster=poster).failed == [f"{TEAM}/C1"]
    assert any("T1/C1" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_channels_with_the_same_scope_share_one_build(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(services, channel)
    subscribe(services, "C4", ["campaign-x"])
    built: list[object] = []
    real = scheduler.prepare  # the tick's build (its charts drawn apart, bot.digests.drawing)

    def counting(*args: Any, **kw: Any) -> Any:
        built.append(args[2])
        return real(*args, **kw)

    monkeypatch.setattr(scheduler, "prepare", counting)
    assert run_due(services, AT, poster=FakePoster()).sent == 4
    assert built == [None, ("campaign-x",)]


def test_a_quiet_week_is_a_note_in_the_previous_digests_thread(services: Services) -> None:
    # The fixture's two weeks are identical (10 spend, 30 revenue, ... every day), so the
    # week of 23 Nov moved nothing against 16 Nov: a quiet subscription skips it, saying so
    # in the thread of the digest before (of 9 Nov's week here, recorded as sent).
    DigestRepository(services.engine).subscribe(
        TEAM, "C1", 0, "09:00", "Europe/Amsterdam", None, quiet=True
    )
    repo = DigestRepository(services.engine)
    [sub] = repo.list_subscriptions(TEAM)
    earlier = repo.claim_delivery(TEAM, sub.id, dt.date(2026, 11, 16))
    assert earlier is not None
    repo.mark_posted(TEAM, earlier, "1600000000.000001")
    repo.mark_sent(TEAM, earlier)
    poster = FakePoster()
    report = run_due(services, AT, poster=poster)
    assert report.sent == 1
    assert poster.posts == [] and poster.uploads == []
    [(channel, text, thread)] = poster.replies
    assert channel == "C1" and thread == "1600000000.000001"
    assert text.startswith("Nothing moved beyond noise in 23–29 Nov")
    newest = repo.list_deliveries(TEAM, sub.id)[0]
    assert (newest.status, newest.message_ts) == ("sent", "1600000000.000001")
    assert newest.body_ts == "1700000001.000001"


def test_a_quiet_subscription_still_posts_a_week_that_moved(services: Services) -> None:
    # 23-29 Nov: spend doubled to 20 a day with the same revenue: ROI and CPA move.
    for i in range(7):
        day = dt.date(2026, 11, 23) + dt.timedelta(days=i)
        services.repo.log_metrics(TEAM, "campaign-x", day, "facebook", {"spend": 20.0})
    DigestRepository(services.engine).subscribe(
        TEAM, "C1", 0, "09:00", "Europe/Amsterdam", None, quiet=True
    )
    poster = FakePoster()
    run_due(services, AT, poster=poster)
    assert poster.posts == [("C1", "Weekly digest for 23–29 Nov")]
    assert len(poster.replies) == 1 and len(poster.uploads) == 1
