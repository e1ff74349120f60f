"""TargetRepository: one suite on SQLite and on PostgreSQL (KPIBOT_TEST_POSTGRES_URL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from storage.errors import CampaignNotInWorkspace
from storage.models import Campaign, Workspace
from storage.targets.records import AlertEventRec, TargetRec
from storage.targets.repo import TargetRepository

NOV30 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def repo(engine: Engine) -> TargetRepository:
    with Session(engine) as session, session.begin():
        session.add_all([Workspace(team_id="T1"), Workspace(team_id="T2")])
        session.flush()
        session.add_all(
            [
                Campaign(id=1, team_id="T1", slug="campaign-x", name="Campaign X"),
                Campaign(id=2, team_id="T1", slug="campaign-y", name="Campaign Y"),
                Campaign(id=3, team_id="T2", slug="other", name="Other team"),
            ]
        )
    return TargetRepository(engine)


def _add(
    repo: TargetRepository, team: str = "T1", campaign: int | None = 1, **kw: object
) -> TargetRec:
    fields: dict[str, object] = {
        "kpi": "engagement_rate",
        "op": ">=",
        "value": 3.0,
        "deadline": dt.date(2026, 12, 31),
        "channel_id": "C1",
        "created_by": "U1",
    }
    fields.update(kw)
    return repo.add_target(team, campaign_id=campaign, **fields)  # type: ignore[arg-type]


def test_add_and_get_round_trip(repo: TargetRepository) -> None:
    with time_machine.travel(NOV30, tick=False):
        rec = _add(repo, window_days=14)
    got = repo.get_target("T1", rec.id)
    assert got == rec
    assert (got.kpi, got.op, got.value, got.deadline) == (
        "engagement_rate",
        ">=",
        3.0,
        dt.date(2026, 12, 31),
    )
    assert (got.window_days, got.channel_id, got.created_by, got.state) == (14, "C1", "U1", "new")
    assert got.created_at == NOV30
    assert got.last_value is None and got.thread_ts is None and got.acknowledged_by is None


def test_window_defaults_to_seven_days_and_all_campaigns_is_none(repo: TargetRepository) -> None:
    rec = _add(repo, campaign=None)
    assert rec.window_days == 7
    assert rec.campaign_id is None


@pytest.mark.parametrize(
    ("kw", "error"),
    [
        ({"op": ">"}, ValueError),
        ({"op": "=="}, ValueError),
        ({"window_days": 0}, ValueError),
    ],
)
def test_add_refuses_bad_fields(repo: TargetRepository, kw: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        _add(repo, **kw)
    assert repo.list_targets("T1") == []


def test_add_refuses_campaign_of_another_workspace(repo: TargetRepository) -> None:
    with pytest.raises(CampaignNotInWorkspace) as info:
        _add(repo, team="T1", campaign=3)
    assert info.value.campaign_id == 3
    with pytest.raises(CampaignNotInWorkspace):
        _add(repo, team="T1", campaign=999)
    assert repo.list_targets("T1") == []


def test_every_read_and_write_is_scoped_by_team(repo: TargetRepository) -> None:
    mine = _add(repo, team="T1")
    theirs = _add(repo, team="T2", campaign=3)
    assert [t.id for t in repo.list_targets("T1")] == [mine.id]
    assert [t.id for t in repo.list_targets("T2")] == [theirs.id]
    assert repo.get_target("T1", theirs.id) is None
    assert repo.delete_target("T1", theirs.id) is False
    assert repo.update_target("T1", theirs.id, value=9.0) is None
    assert repo.acknowledge("T1", theirs.id, "U1") is None
    assert repo.snooze("T1", theirs.id, NOV30) is None
    assert repo.record_check("T1", theirs.id, 1.0) is False
    assert repo.claim_transition("T1", theirs.id, "new", "below", 1.0, None) is None
    event = repo.claim_transition("T2", theirs.id, "new", "below", 1.0, None)
    assert event is not None
    assert repo.record_message_ts("T1", event.id, "1.1") is False
    assert repo.list_events("T1") == []
    got = repo.get_target("T2", theirs.id)
    assert got is not None and got.state == "below"


def test_list_by_campaign(repo: TargetRepository) -> None:
    a = _add(repo, campaign=1)
    b = _add(repo, campaign=2, kpi="cpa", op="<=", value=20.0)
    c = _add(repo, campaign=None)
    assert [t.id for t in repo.list_targets("T1")] == [a.id, b.id, c.id]
    assert [t.id for t in repo.list_targets("T1", campaign_id=2)] == [b.id]


def test_delete_removes_target_and_its_events(repo: TargetRepository) -> None:
    rec = _add(repo)
    assert repo.claim_transition("T1", rec.id, "new", "below", 2.0, None) is not None
    assert repo.delete_target("T1", rec.id) is True
    assert repo.get_target("T1", rec.id) is None
    assert repo.list_events("T1") == []
    assert repo.delete_target("T1", rec.id) is False


def test_update_edits_fields_and_keeps_a_live_state(repo: TargetRepository) -> None:
    rec = _add(repo)
    repo.claim_transition("T1", rec.id, "new", "below", 2.0, None)
    got = repo.update_target("T1", rec.id, value=2.5, window_days=14)
    assert got is not None
    assert (got.value, got.deadline, got.window_days, got.state) == (
        2.5,
        dt.date(2026, 12, 31),
        14,
        "below",
    )
    got = repo.update_target("T1", rec.id, deadline=dt.date(2027, 3, 31))
    assert got is not None and got.deadline == dt.date(2027, 3, 31) and got.value == 2.5
    with pytest.raises(ValueError):
        repo.update_target("T1", rec.id, window_days=0)


def test_update_of_a_finished_target_starts_it_afresh(repo: TargetRepository) -> None:
    rec = _add(repo)
    repo.claim_transition("T1", rec.id, "new", "missed", 2.0, None)
    got = repo.update_target("T1", rec.id, deadline=dt.date(2027, 3, 31))
    assert got is not None and got.state == "new"


def test_claim_records_the_change_with_value_window_and_sequence(repo: TargetRepository) -> None:
    rec = _add(repo)
    window = (dt.date(2026, 11, 20), dt.date(2026, 11, 26))
    with time_machine.travel(NOV30, tick=False):
        first = repo.claim_transition("T1", rec.id, "new", "below", 3.1, window)
    later = NOV30 + dt.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        second = repo.claim_transition("T1", rec.id, "below", "ok", 4.2, None)
    assert first is not None and second is not None
    assert (first.seq, first.from_state, first.to_state, first.value) == (1, "new", "below", 3.1)
    assert (first.window_start, first.window_end) == window
    assert (first.kpi, first.campaign_id, first.created_at) == ("engagement_rate", 1, NOV30)
    assert (second.seq, second.from_state, second.to_state, second.created_at) == (
        2,
        "below",
        "ok",
        later,
    )
    assert second.window_start is None
    got = repo.get_target("T1", rec.id)
    assert got is not None
    assert (got.state, got.last_value, got.last_checked_at) == ("ok", 4.2, later)


def test_claim_with_a_stale_state_gets_nothing(repo: TargetRepository) -> None:
    rec = _add(repo)
    assert repo.claim_transition("T1", rec.id, "new", "below", 2.0, None) is not None
    # A second check that still saw "new" must not alert again.
    assert repo.claim_transition("T1", rec.id, "new", "below", 2.0, None) is None
    assert repo.claim_transition("T1", rec.id, "ok", "below", 2.0, None) is None
    assert [e.seq for e in repo.list_events("T1")] == [1]
    with pytest.raises(ValueError):
        repo.claim_transition("T1", rec.id, "below", "below", 2.0, None)


def test_claim_of_a_missing_target_gets_nothing(repo: TargetRepository) -> None:
    assert repo.claim_transition("T1", 12345, "new", "below", 1.0, None) is None


def _race(repo: TargetRepository, target_id: int) -> list[AlertEventRec | None]:
    """Two threads claim new -> below for the same target at the same moment."""
    barrier = threading.Barrier(2)
    lock = threading.Lock()
    results: list[AlertEventRec | None] = []
    errors: list[BaseException] = []

    def check() -> None:
        try:
            barrier.wait(timeout=10)
            got = repo.claim_transition("T1", target_id, "new", "below", 2.0, None)
        except BaseException as exc:  # re-raised below: a thread must not swallow it
            with lock:
                errors.append(exc)
            return
        with lock:
            results.append(got)

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    if errors:
        raise errors[0]
    return results


def test_two_threads_racing_for_the_same_change_exactly_one_wins(repo: TargetRepository) -> None:
    rounds = 8
    for _ in range(rounds):
        rec = _add(repo)
        results = _race(repo, rec.id)
        winners = [r for r in results if r is not None]
        assert len(results) == 2 and len(winners) == 1
        assert (winners[0].seq, winners[0].to_state) == (1, "below")
    assert len(repo.list_events("T1", limit=100)) == rounds


def test_first_message_ts_becomes_the_thread(repo: TargetRepository) -> None:
    rec = _add(repo)
    first = repo.claim_transition("T1", rec.id, "new", "below", 2.0, None)
    assert first is not None
    assert repo.record_message_ts("T1", first.id, "1700000000.000100") is True
    second = repo.claim_transition("T1", rec.id, "below", "ok", 3.5, None)
    assert second is not None
    assert repo.record_message_ts("T1", second.id, "1700000500.000200") is True
    got = repo.get_target("T1", rec.id)
    assert got is not None and got.thread_ts == "1700000000.000100"
    events = {e.seq: e.message_ts for e in repo.list_events("T1")}
    assert events == {1: "1700000000.000100", 2: "1700000500.000200"}
    assert repo.record_message_ts("T1", 99999, "1.2") is False


def test_acknowledge_is_cleared_by_the_next_state_change(repo: TargetRepository) -> None:
    rec = _add(repo)
    repo.claim_transition("T1", rec.id, "new", "below", 2.0, None)
    got = repo.acknowledge("T1", rec.id, "U7")
    assert got is not None and got.acknowledged_by == "U7"
    repo.claim_transition("T1", rec.id, "below", "ok", 3.2, None)
    got = repo.get_target("T1", rec.id)
    assert got is not None and got.acknowledged_by is None


def test_snooze_until_is_stored_in_utc(repo: TargetRepository) -> None:
    rec = _add(repo)
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    until = dt.datetime(2026, 12, 1, 9, 0, tzinfo=amsterdam)  # 08:00 UTC
    got = repo.snooze("T1", rec.id, until)
    assert got is not None
    assert got.snoozed_until == dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    assert got.snoozed_at(dt.datetime(2026, 12, 1, 7, 59, tzinfo=dt.UTC)) is True
    assert got.snoozed_at(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)) is False
    with pytest.raises(ValueError):
        repo.snooze("T1", rec.id, dt.datetime(2026, 12, 1, 9, 0))


def test_record_check_stores_value_and_time_without_a_state_change(repo: TargetRepository) -> None:
    rec = _add(repo)
    with time_machine.travel(NOV30, tick=False):
        assert repo.record_check("T1", rec.id, 3.4) is True
    got = repo.get_target("T1", rec.id)
    assert got is not None
    assert (got.state, got.last_value, got.last_checked_at) == ("new", 3.4, NOV30)
    assert repo.list_events("T1") == []
    assert repo.record_check("T1", rec.id, None) is True
    got = repo.get_target("T1", rec.id)
    assert got is not None and got.last_value is None


def test_record_checks_stores_each_value_in_one_go_and_only_in_its_workspace(
    repo: TargetRepository,
) -> None:
    x, y = _add(repo, campaign=1), _add(repo, campaign=2, kpi="cpa", op="<=", value=20.0)
    theirs = _add(repo, team="T2", campaign=3)
    with time_machine.travel(NOV30, tick=False):
        repo.record_checks("T1", {x.id: 3.4, y.id: None, theirs.id: 9.9})
    got = {t.id: t for t in repo.list_targets("T1")}
    assert (got[x.id].last_value, got[x.id].last_checked_at) == (3.4, NOV30)
    assert (got[y.id].last_value, got[y.id].last_checked_at) == (None, NOV30)
    assert {t.state for t in got.values()} == {"new"}
    other = repo.get_target("T2", theirs.id)
    assert other is not None and (other.last_value, other.last_checked_at) == (None, None)
    repo.record_checks("T1", {})  # nothing to store: no statement
    assert repo.list_events("T1") == []


def test_list_events_newest_first_by_campaign_with_limit(repo: TargetRepository) -> None:
    x = _add(repo, campaign=1)
    y = _add(repo, campaign=2, kpi="cpa", op="<=", value=20.0)
    steps = [(x.id, "new", "below"), (y.id, "new", "at_risk"), (x.id, "below", "ok")]
    for hour, (target_id, before, after) in enumerate(steps):
        with time_machine.travel(NOV30 + dt.timedelta(hours=hour), tick=False):
            repo.claim_transition("T1", target_id, before, after, 1.0, None)
    events = repo.list_events("T1")
    assert [(e.target_id, e.to_state) for e in events] == [
        (x.id, "ok"),
        (y.id, "at_risk"),
        (x.id, "below"),
    ]
    assert [(e.kpi, e.campaign_id) for e in events] == [
        ("engagement_rate", 1),
        ("cpa", 2),
        ("engagement_rate", 1),
    ]
    assert [e.to_state for e in repo.list_events("T1", campaign_id=1)] == ["ok", "below"]
    assert [e.to_state for e in repo.list_events("T1", limit=1)] == ["ok"]


def test_an_unposted_alert_is_a_lease_taken_over_once(repo: TargetRepository) -> None:
    rec = _add(repo)
    event = repo.claim_transition("T1", rec.id, "new", "below", 2.0, None, now=NOV30)
    assert event is not None and (event.status, event.attempts) == ("claimed", 1)
    minute = dt.timedelta(minutes=1)
    assert repo.claim_undelivered("T1", now=NOV30 + 4 * minute) == []  # lease still held
    assert repo.claim_undelivered("T2", now=NOV30 + 6 * minute) == []  # another workspace
    [taken] = repo.claim_undelivered("T1", now=NOV30 + 6 * minute)
    assert (taken.id, taken.status, taken.attempts) == (event.id, "claimed", 2)
    assert repo.mark_event_failed("T1", event.id, "internal_error")
    assert repo.claim_undelivered("T1", now=NOV30 + 6 * minute + 30 * dt.timedelta(seconds=1)) == []
    [again] = repo.claim_undelivered("T1", now=NOV30 + 8 * minute)  # failed a minute ago
    assert again.attempts == 3
    assert repo.record_message_ts("T1", event.id, "1.5")
    assert repo.claim_undelivered("T1", now=NOV30 + dt.timedelta(days=1)) == []  # posted
    silent = _add(repo)
    assert repo.claim_transition("T1", silent.id, "new", "ok", 9.0, None, notify=False)
    assert repo.claim_undelivered("T1", now=NOV30 + dt.timedelta(days=1)) == []  # nothing to tell


def test_checks_racing_for_an_unposted_alert_exactly_one_takes_it(repo: TargetRepository) -> None:
    rec = _add(repo)
    assert repo.claim_transition("T1", rec.id, "new", "below", 2.0, None, now=NOV30)
    later = NOV30 + dt.timedelta(minutes=6)
    start = threading.Barrier(6)
    taken: list[int] = []

    def check() -> None:
        start.wait()
        taken.extend(e.id for e in repo.claim_undelivered("T1", now=later))

    threads = [threading.Thread(target=check) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken) == 1
