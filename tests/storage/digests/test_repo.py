"""Digest subscriptions and the delivery claim, on SQLite and PostgreSQL (conftest `engine`)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine

from storage.digests.deliveries import RETRY_AFTER
from storage.digests.repo import DigestRepository
from storage.errors import InvalidSubscription, UnknownWorkspace
from storage.repository import Repository

T1, T2 = "T1", "T2"
MONDAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def digests(engine: Engine) -> DigestRepository:
    repo = Repository(engine)
    repo.ensure_workspace(T1)
    repo.ensure_workspace(T2)
    return DigestRepository(engine)


def subscribe(digests: DigestRepository, team: str = T1, channel: str = "C1") -> int:
    rec = digests.subscribe(team, channel, 0, "09:00", "Europe/Amsterdam", ["alpha"], "U1")
    return rec.id


def test_subscribe_and_get(digests: DigestRepository) -> None:
    rec = digests.subscribe(T1, "C1", 0, "09:00", "Europe/Amsterdam", ["alpha", "beta"], "U1")
    assert (rec.team_id, rec.channel_id, rec.weekday, rec.time_of_day, rec.timezone) == (
        T1, "C1", 0, "09:00", "Europe/Amsterdam",
    )  # fmt: skip
    assert rec.campaigns == ("alpha", "beta") and rec.created_by == "U1" and not rec.paused
    assert rec.created_at.tzinfo is not None
    assert digests.get_subscription(T1, "C1") == rec
    assert digests.get_subscription(T1, "C2") is None


def test_resubscribing_updates_the_one_subscription_and_resumes(digests: DigestRepository) -> None:
    first = subscribe(digests)
    assert digests.pause(T1, "C1", "not_in_channel")
    assert digests.get_subscription(T1, "C1").paused  # type: ignore[union-attr]
    again = digests.subscribe(T1, "C1", 4, "17:30", "America/New_York", None, "U2")
    assert again.id == first
    assert (again.weekday, again.time_of_day, again.timezone) == (4, "17:30", "America/New_York")
    assert again.campaigns is None and again.created_by == "U2"
    assert not again.paused and again.paused_reason is None
    assert len(digests.list_subscriptions(T1)) == 1


def test_every_method_is_scoped_by_workspace(digests: DigestRepository) -> None:
    sub = subscribe(digests, T1, "C1")
    assert digests.get_subscription(T2, "C1") is None
    assert digests.list_subscriptions(T2) == []
    assert not digests.unsubscribe(T2, "C1")
    assert not digests.pause(T2, "C1", "x")
    assert digests.claim_delivery(T2, sub, MONDAY, now=NOW) is None
    delivery = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert delivery is not None
    assert not digests.mark_sent(T2, delivery, "1.2")
    assert not digests.mark_failed(T2, delivery, "boom")
    assert digests.get_delivery(T2, delivery) is None
    assert digests.list_deliveries(T2, sub) == []
    # the same channel id in another workspace is another subscription
    other = subscribe(digests, T2, "C1")
    assert other != sub
    assert digests.get_subscription(T1, "C1").id == sub  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("weekday", "time", "zone", "field"),
    [
        (7, "09:00", "UTC", "weekday"),
        (-1, "09:00", "UTC", "weekday"),
        (0, "9:00", "UTC", "time_of_day"),
        (0, "24:00", "UTC", "time_of_day"),
        (0, "09:00", "Mars/Olympus", "timezone"),
    ],
)
def test_invalid_fields(
    digests: DigestRepository, weekday: int, time: str, zone: str, field: str
) -> None:
    with pytest.raises(InvalidSubscription) as err:
        digests.subscribe(T1, "C1", weekday, time, zone)
    assert err.value.field == field


def test_unknown_workspace(digests: DigestRepository) -> None:
    with pytest.raises(UnknownWorkspace):
        digests.subscribe("T9", "C1", 0, "09:00", "UTC")


def test_unsubscribe(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW) is not None
    assert digests.unsubscribe(T1, "C1")
    assert digests.get_subscription(T1, "C1") is None
    assert not digests.unsubscribe(T1, "C1")


def test_active_subscriptions_across_workspaces_without_paused(digests: DigestRepository) -> None:
    a = subscribe(digests, T1, "C1")
    subscribe(digests, T1, "C2")
    c = subscribe(digests, T2, "C3")
    digests.pause(T1, "C2", "channel_not_found")
    assert [s.id for s in digests.list_active_subscriptions()] == [a, c]
    paused = digests.get_subscription(T1, "C2")
    assert paused is not None and paused.paused and paused.paused_reason == "channel_not_found"


def test_claim_once_per_subscription_and_period(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    first = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert first is not None
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW) is None
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW + dt.timedelta(minutes=4)) is None
    next_week = digests.claim_delivery(T1, sub, MONDAY + dt.timedelta(weeks=1), now=NOW)
    assert next_week is not None and next_week != first
    rec = digests.get_delivery(T1, first)
    assert rec is not None and rec.status == "claimed" and rec.period_start == MONDAY
    assert rec.claimed_at == NOW


def test_sent_is_never_claimed_again(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    delivery = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert delivery is not None
    assert digests.mark_sent(T1, delivery, "1700000000.000100")
    rec = digests.get_delivery(T1, delivery)
    assert rec is not None and rec.status == "sent" and rec.message_ts == "1700000000.000100"
    assert rec.sent_at is not None
    later = NOW + RETRY_AFTER * 10
    assert digests.claim_delivery(T1, sub, MONDAY, now=later) is None


def test_failed_is_retried_after_the_wait_dead_never(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    delivery = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert delivery is not None
    assert digests.mark_failed(T1, delivery, "ratelimited" * 500)
    rec = digests.get_delivery(T1, delivery)
    assert rec is not None and rec.status == "failed" and len(rec.error or "") == 2000
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW + RETRY_AFTER / 2) is None
    retried = digests.claim_delivery(T1, sub, MONDAY, now=NOW + RETRY_AFTER)
    assert retried == delivery
    # re-claimed: a second process gets nothing
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW + RETRY_AFTER) is None
    assert digests.mark_failed(T1, delivery, "channel_not_found", retry=False)
    assert digests.get_delivery(T1, delivery).status == "dead"  # type: ignore[union-attr]
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW + RETRY_AFTER * 100) is None


def test_paused_subscription_is_not_claimed(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    digests.pause(T1, "C1", "not_in_channel")
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW) is None


def race(action: Callable[[], int | None]) -> list[int | None]:
    """Run `action` in two threads released at the same moment; both results."""
    barrier = threading.Barrier(2)
    results: list[int | None] = []

    def run() -> None:
        barrier.wait()
        results.append(action())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_threads_claiming_the_same_period_one_wins(engine: Engine) -> None:
    Repository(engine).ensure_workspace(T1)
    sub = subscribe(DigestRepository(engine))
    for week in range(5):
        period = MONDAY + dt.timedelta(weeks=week)
        # each thread with its own repository and connections, as two processes would
        results = race(
            lambda p=period: DigestRepository(engine).claim_delivery(T1, sub, p, now=NOW)
        )
        assert len(results) == 2
        assert sum(r is not None for r in results) == 1


def test_two_threads_retrying_the_same_failed_delivery_one_wins(engine: Engine) -> None:
    Repository(engine).ensure_workspace(T1)
    digests = DigestRepository(engine)
    sub = subscribe(digests)
    delivery = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert delivery is not None
    digests.mark_failed(T1, delivery, "internal_error")
    results = race(lambda: digests.claim_delivery(T1, sub, MONDAY, now=NOW + RETRY_AFTER))
    assert sorted(results, key=lambda r: r is None) == [delivery, None]


def test_a_claim_is_a_lease_taken_over_once_after_it_runs_out(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    first = digests.claim_delivery(T1, sub, MONDAY, now=NOW)
    assert first is not None
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW + dt.timedelta(minutes=4)) is None
    later = NOW + dt.timedelta(minutes=6)
    assert digests.claim_delivery(T1, sub, MONDAY, now=later) == first
    assert digests.claim_delivery(T1, sub, MONDAY, now=later) is None  # taken: a new lease
    assert digests.mark_posted(T1, first, "1.5")
    rec = digests.get_delivery(T1, first)
    assert rec is not None and (rec.status, rec.message_ts) == ("claimed", "1.5")
    assert digests.mark_sent(T1, first)
    rec = digests.get_delivery(T1, first)
    assert rec is not None and (rec.status, rec.message_ts) == ("sent", "1.5")
    much_later = NOW + dt.timedelta(days=1)
    assert digests.claim_delivery(T1, sub, MONDAY, now=much_later) is None  # sent stays sent
    assert not digests.mark_posted(T2, first, "9.9")  # another workspace's delivery


def test_racing_takeovers_of_a_lost_claim_let_one_through(digests: DigestRepository) -> None:
    sub = subscribe(digests)
    assert digests.claim_delivery(T1, sub, MONDAY, now=NOW) is not None
    later = NOW + dt.timedelta(minutes=6)
    start = threading.Barrier(6)
    won: list[int | None] = []

    def replica() -> None:
        start.wait()
        won.append(digests.claim_delivery(T1, sub, MONDAY, now=later))

    threads = [threading.Thread(target=replica) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(w is not None for w in won) == 1


def test_unsubscribing_one_channel_keeps_the_others_deliveries(digests: DigestRepository) -> None:
    first, second = subscribe(digests, channel="C1"), subscribe(digests, channel="C2")
    kept = digests.claim_delivery(T1, second, MONDAY, now=NOW)
    assert kept is not None and digests.mark_sent(T1, kept, "1.1")
    assert digests.claim_delivery(T1, first, MONDAY, now=NOW) is not None
    assert digests.unsubscribe(T1, "C1")
    assert [d.id for d in digests.list_deliveries(T1, second)] == [kept]
    # C2's week is still known as sent: a later tick does not post it again
    assert digests.claim_delivery(T1, second, MONDAY, now=NOW + dt.timedelta(days=1)) is None
