"""Slack ids acted on once: on SQLite and PostgreSQL, across threads racing like replicas."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from storage.models import SlackRequest
from storage.slack_ids import SlackIds

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def test_an_id_is_new_once_per_workspace_and_kind(engine: Engine) -> None:
    ids = SlackIds(engine)
    assert ids.first_time("T1", "event", "Ev001", now=NOW)
    assert not ids.first_time("T1", "event", "Ev001", now=NOW)  # Slack's retry
    assert ids.first_time("T1", "trigger", "Ev001", now=NOW)  # another kind of id
    assert ids.first_time("T2", "event", "Ev001", now=NOW)  # another workspace


def test_ids_are_forgotten_after_a_day(engine: Engine) -> None:
    ids = SlackIds(engine)
    assert ids.first_time("T1", "trigger", "1.2.3", now=NOW)
    assert not ids.first_time("T1", "trigger", "1.2.3", now=NOW + dt.timedelta(minutes=5))
    later = NOW + dt.timedelta(days=1, minutes=1)
    assert ids.first_time("T1", "trigger", "other", now=later)  # purges the old row
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(SlackRequest)) == 1


@pytest.mark.parametrize(
    "bad", [("T1", "cmd", "x"), ("T1", "event", ""), ("T1", "event", "x" * 129)]
)
def test_bad_kinds_and_keys_are_refused(engine: Engine, bad: tuple[str, str, str]) -> None:
    with pytest.raises(ValueError):
        SlackIds(engine).first_time(*bad, now=NOW)


def test_eight_replicas_racing_for_one_event_id_exactly_one_acts(engine: Engine) -> None:
    start = threading.Barrier(8)
    won: list[bool] = []

    def replica() -> None:
        ids = SlackIds(engine)  # each replica its own repository, one database
        start.wait()
        won.append(ids.first_time("T1", "event", "Ev42", now=NOW))

    threads = [threading.Thread(target=replica) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == [False] * 7 + [True]
