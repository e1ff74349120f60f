"""Pending `/kpi` answers (storage.answers) on SQLite and PostgreSQL: recorded, taken over
only when their owner is gone, by exactly one of two claimers, answered at most once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy.engine import Engine

from storage.answers import KEEP, URL_VALID, Command, PendingAnswers
from storage.errors import OutOfBounds

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(seconds=15)


def command(n: int, received: dt.datetime = NOW) -> Command:
    return Command(
        team_id="T1",
        team_name="acme",
        channel_id="C1",
        channel_name="marketing",
        user_id="U1",
        text=f"roi campaign-{n} last 7 days",
        response_url=f"https://hooks.slack.com/commands/T1/{n}/abc",
        locale="nl",
        received_at=received,
    )


def test_a_recorded_command_comes_back_whole_to_the_replica_that_takes_it_over(
    engine: Engine,
) -> None:
    answers = PendingAnswers(engine)
    row = answers.record(command(1), "replica-a", NOW + LEASE)
    # while replica-a's lease runs nobody else may take it
    assert answers.claim("replica-b", NOW + 2 * LEASE, 10, now=NOW + LEASE / 2) == []
    taken = answers.claim("replica-b", NOW + 3 * LEASE, 10, now=NOW + 2 * LEASE)
    assert [(p.id, p.command) for p in taken] == [(row, command(1))]
    # replica-a comes back (it was only slow): it may not answer what b took
    assert not answers.start_sending(row, "replica-a")
    assert answers.start_sending(row, "replica-b")


def test_a_renewed_lease_keeps_the_rows_with_their_owner(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    held = answers.record(command(1), "replica-a", NOW + LEASE)
    lost = answers.record(command(2), "replica-a", NOW + LEASE)  # a lost track of this one
    answers.record(command(3), "replica-b", NOW + LEASE)
    # only a's own rows, and only those it names
    assert answers.renew("replica-a", NOW + 3 * LEASE, {held, lost + 1}) == 1
    assert answers.renew("replica-a", NOW + 3 * LEASE, set()) == 0
    taken = answers.claim("replica-c", NOW + 4 * LEASE, 10, now=NOW + 2 * LEASE)
    assert [p.command.text for p in taken] == [command(2).text, command(3).text]


def test_a_row_marked_sent_is_never_taken_over(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    row = answers.record(command(1), "replica-a", NOW + LEASE)
    assert answers.start_sending(row, "replica-a", NOW)
    assert not answers.start_sending(row, "replica-a", NOW)  # once
    # replica-a died after posting, before marking it done: nobody posts it again
    assert answers.claim("replica-b", NOW + 3 * LEASE, 10, now=NOW + 2 * LEASE) == []
    assert answers.unsent() == 0


def test_adopting_takes_every_other_owners_rows_whatever_their_lease(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    answers.record(command(1), "previous-run", NOW + LEASE)
    mine = answers.record(command(2), "this-run", NOW + LEASE)
    taken = answers.claim("this-run", NOW + LEASE, 10, now=NOW, adopt=True)
    assert [p.command.text for p in taken] == [command(1).text]
    assert mine not in [p.id for p in taken]


def test_claims_take_the_oldest_first_up_to_the_limit(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    rows = [answers.record(command(n), "gone", NOW + LEASE) for n in range(5)]
    first = answers.claim("b", NOW + 3 * LEASE, 2, now=NOW + 2 * LEASE)
    second = answers.claim("c", NOW + 3 * LEASE, 10, now=NOW + 2 * LEASE)
    assert [p.id for p in first] == rows[:2]
    assert [p.id for p in second] == rows[2:]
    assert answers.claim("d", NOW + 3 * LEASE, 0, now=NOW + 2 * LEASE) == []


def test_a_command_whose_response_url_expired_is_not_answered_and_is_pruned(
    engine: Engine,
) -> None:
    answers = PendingAnswers(engine)
    old = NOW - URL_VALID - dt.timedelta(seconds=1)
    answers.record(command(1, received=old), "gone", old + LEASE)
    answers.record(command(2), "gone", NOW - LEASE)
    taken = answers.claim("b", NOW + LEASE, 10, now=NOW)
    assert [p.command.text for p in taken] == [command(2).text]
    assert answers.prune(NOW) == (0, 0)  # kept for KEEP after it came in
    assert answers.prune(old + KEEP + dt.timedelta(seconds=1)) == (1, 1)  # the lost one
    assert answers.unsent() == 1


@pytest.mark.parametrize(
    "field,value",
    [
        ("text", "kpi\x00roi"),  # PostgreSQL refuses NUL in text
        ("response_url", "https://hooks.slack.com/" + "x" * 500),
        ("team_id", "T" * 33),
        ("channel_name", "c\x1bhannel"),
    ],
)
def test_values_no_column_can_hold_are_refused_before_the_insert(
    engine: Engine, field: str, value: str
) -> None:
    bad = Command(**{**command(1).__dict__, field: value})
    with pytest.raises(OutOfBounds):
        PendingAnswers(engine).record(bad, "a", NOW + LEASE)
    assert PendingAnswers(engine).unsent() == 0


def test_two_claimers_racing_for_orphans_each_row_goes_to_exactly_one(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    rows = {answers.record(command(n), "killed", NOW + LEASE) for n in range(20)}
    start = threading.Barrier(2)
    won: dict[str, list[int]] = {}

    def replica(name: str) -> None:
        mine = PendingAnswers(engine)  # each replica its own repository, one database
        start.wait()
        won[name] = [p.id for p in mine.claim(name, NOW + 3 * LEASE, 20, now=NOW + 2 * LEASE)]

    threads = [threading.Thread(target=replica, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won["a"] + won["b"]) == sorted(rows)  # every row once, none twice
    assert not set(won["a"]) & set(won["b"])
    # and only the winner of a row may post its reply
    for name, other in (("a", "b"), ("b", "a")):
        for row in won[name]:
            assert not answers.start_sending(row, other)
            assert answers.start_sending(row, name)


def _race(engine: Engine, names: list[str]) -> list[list[int]]:
    """Each name claims from its own repository, all at once."""
    start = threading.Barrier(len(names))
    won: list[list[int]] = []

    def replica(name: str) -> None:
        mine = PendingAnswers(engine)
        start.wait()
        won.append([p.id for p in mine.claim(name, NOW + 3 * LEASE, 5, now=NOW + 2 * LEASE)])

    threads = [threading.Thread(target=replica, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won


def test_two_claimers_of_one_row_one_wins(engine: Engine) -> None:
    answers = PendingAnswers(engine)
    for n in range(10):
        row = answers.record(command(n), "killed", NOW + LEASE)
        assert sorted(_race(engine, ["r1", "r2"])) == [[], [row]]
        assert answers.start_sending(row, "nobody") is False
