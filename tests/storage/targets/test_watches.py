"""Watches in TargetRepository: rows of kind "watch", kept apart from targets in every list
and take-over, sharing the alert claim. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from storage.errors import CampaignNotInWorkspace
from storage.models import Campaign, Workspace
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
                Campaign(id=3, team_id="T2", slug="other", name="Other team"),
            ]
        )
    return TargetRepository(engine)


def test_a_watch_is_not_a_target(repo: TargetRepository) -> None:
    target = repo.add_target(
        "T1", campaign_id=1, kpi="cpa", op="<=", value=20.0,
        deadline=dt.date(2026, 12, 31), channel_id="C1",
    )  # fmt: skip
    watch = repo.add_watch("T1", campaign_id=1, kpi="cpa", channel_id="C1", created_by="U1")
    assert watch is not None and (watch.kind, watch.state) == ("watch", "new")
    assert [t.id for t in repo.list_targets("T1")] == [target.id]
    assert [w.id for w in repo.list_targets("T1", kind="watch")] == [watch.id]
    assert repo.list_targets("T2", kind="watch") == []
    # once per campaign, KPI and channel; another channel may watch it too
    assert repo.add_watch("T1", campaign_id=1, kpi="cpa", channel_id="C1") is None
    assert repo.add_watch("T1", campaign_id=1, kpi="cpa", channel_id="C2") is not None
    found = repo.find_watch("T1", 1, "cpa", "C1")
    assert found is not None and found.id == watch.id
    assert repo.find_watch("T2", 1, "cpa", "C1") is None  # another workspace sees nothing
    with pytest.raises(CampaignNotInWorkspace):
        repo.add_watch("T1", campaign_id=3, kpi="cpa", channel_id="C1")


def test_a_watch_shares_the_claim_and_keeps_its_events_apart(repo: TargetRepository) -> None:
    watch = repo.add_watch("T1", campaign_id=None, kpi="ctr", channel_id="C1")
    assert watch is not None
    first = repo.claim_transition("T1", watch.id, "new", "unusual", 9.0, None, now=NOV30)
    assert first is not None
    # the same change a second time: another check got it, nothing to post
    assert repo.claim_transition("T1", watch.id, "new", "unusual", 9.0, None, now=NOV30) is None
    assert repo.list_events("T1") == []  # target alerts only
    assert [e.to_state for e in repo.list_events("T1", kind="watch")] == ["unusual"]
    # claimed and never posted: taken over by the watch check only, after the lease
    later = NOV30 + dt.timedelta(minutes=10)
    assert repo.claim_undelivered("T1", now=later) == []
    taken = repo.claim_undelivered("T1", now=later, kind="watch")
    assert [e.id for e in taken] == [first.id]
    assert repo.record_message_ts("T1", first.id, "1700000000.000100")
    got = repo.get_target("T1", watch.id)
    assert got is not None and got.thread_ts == "1700000000.000100"
