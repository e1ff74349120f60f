"""What is told once (storage.notices) and how recent each campaign's data is
(storage.campaigns.recency), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import Engine, insert

from storage.models import PlatformCampaign
from storage.notices import LEASE, MAX_ATTEMPTS, RETRY_AFTER, Notices
from storage.repository import Repository

T1, T2 = "T1", "T2"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def test_a_notice_is_claimed_once_and_told_again_only_when_lost(engine: Engine) -> None:
    repo, notices = Repository(engine), Notices(engine)
    repo.ensure_workspace(T1)
    repo.ensure_workspace(T2)
    assert notices.claim(T1, "gap:1:2026-11-24:C1", NOW)
    assert not notices.claim(T1, "gap:1:2026-11-24:C1", NOW)  # being told
    assert notices.claim(T2, "gap:1:2026-11-24:C1", NOW)  # another workspace's own
    # its process died: taken over after the lease, not before
    assert not notices.claim(T1, "gap:1:2026-11-24:C1", NOW + LEASE - dt.timedelta(seconds=1))
    assert notices.claim(T1, "gap:1:2026-11-24:C1", NOW + LEASE)
    notices.sent(T1, "gap:1:2026-11-24:C1")
    assert notices.status(T1, "gap:1:2026-11-24:C1") == "sent"
    assert not notices.claim(T1, "gap:1:2026-11-24:C1", NOW + 10 * LEASE)  # told: never again


def test_a_failed_notice_is_retried_up_to_the_attempts_and_a_dead_one_never(
    engine: Engine,
) -> None:
    Repository(engine).ensure_workspace(T1)
    notices = Notices(engine)
    at = NOW
    assert notices.claim(T1, "k", at)
    for _ in range(MAX_ATTEMPTS - 1):
        notices.failed(T1, "k", "internal_error")
        assert not notices.claim(T1, "k", at)  # not at once
        at += RETRY_AFTER
        assert notices.claim(T1, "k", at)
    notices.failed(T1, "k", "internal_error")
    assert not notices.claim(T1, "k", at + 10 * RETRY_AFTER)  # given up
    assert notices.claim(T1, "gone", at)
    notices.failed(T1, "gone", "not_in_channel", retry=False)
    assert notices.status(T1, "gone") == "dead"
    assert not notices.claim(T1, "gone", at + 10 * RETRY_AFTER)


def test_forgetting_a_cause_tells_it_again_and_only_that_prefix(engine: Engine) -> None:
    Repository(engine).ensure_workspace(T1)
    notices = Notices(engine)
    for key in ("creator:1:no_data", "creator:1:na", "creator:12:no_data", "creator:1_x"):
        assert notices.claim(T1, key, NOW)
        notices.sent(T1, key)
    assert notices.keys(T1, "creator:1:") == ["creator:1:na", "creator:1:no_data"]
    assert notices.keys(T1, "creator:1_") == ["creator:1_x"]  # "_" is no wildcard
    assert notices.keys("T2", "creator:") == []  # another workspace's are its own
    assert notices.forget(T1, "creator:1:") == 2  # not target 12, and "_" is no wildcard
    assert notices.claim(T1, "creator:1:no_data", NOW)
    assert not notices.claim(T1, "creator:12:no_data", NOW)
    assert not notices.claim(T1, "creator:1_x", NOW)


def test_racing_claims_have_one_winner(engine: Engine) -> None:
    Repository(engine).ensure_workspace(T1)
    notices = Notices(engine)
    start, won = threading.Barrier(4), []

    def claim() -> None:
        start.wait()
        if notices.claim(T1, "gap:7:2026-11-24:C1", NOW):
            won.append(1)

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert won == [1]


def test_last_days_per_campaign(engine: Engine) -> None:
    repo = Repository(engine)
    day = dt.date(2026, 11, 1)
    for i in (0, 5, 20, 23):  # 1, 6, 21 and 24 Nov on two platforms
        for platform in ("facebook", "instagram"):
            repo.log_metrics(T1, "x", day + dt.timedelta(days=i), platform, {"reach": 1})
    repo.log_metrics(T1, "y", dt.date(2026, 11, 20), "facebook", {"reach": 1})
    repo.log_metrics(T1, "old", dt.date(2026, 9, 1), "facebook", {"reach": 1})
    repo.log_metrics(T1, "gone", dt.date(2026, 11, 20), "facebook", {"reach": 1})
    repo.log_metrics(T2, "x", dt.date(2026, 11, 29), "facebook", {"reach": 1})
    gone = repo.find_campaign(T1, "gone")
    assert gone is not None and repo.archive_campaign(T1, gone.id)
    ids = {c.slug: c.id for c in repo.list_campaigns(T1)}
    with engine.begin() as conn:  # x is synced from Meta (storage.sync_store maps it so)
        conn.execute(insert(PlatformCampaign).values(
            team_id=T1, platform="meta", external_id="120", campaign_id=ids["x"]))  # fmt: skip
    found = {d.campaign_id: (d.last_day, d.day_before, d.synced) for d in
             repo.last_days(T1, dt.date(2026, 11, 2))}  # fmt: skip
    assert found == {
        ids["x"]: (dt.date(2026, 11, 24), dt.date(2026, 11, 21), frozenset({"meta"})),
        ids["y"]: (dt.date(2026, 11, 20), None, frozenset()),
    }
