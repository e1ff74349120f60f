"""Competitors and their observations on SQLite and PostgreSQL: noting, updating a day,
the latest per platform, a CSV's rows all or nothing, removal, and one workspace never
seeing another's."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from storage.competitors.records import NewObservation, Observation
from storage.competitors.repo import CompetitorRepository
from storage.errors import UnknownWorkspace
from storage.repository import Repository

D1, D2 = dt.date(2026, 11, 17), dt.date(2026, 11, 24)


@pytest.fixture
def comps(engine: Engine) -> CompetitorRepository:
    repo = Repository(engine)
    repo.ensure_workspace("TA")
    repo.ensure_workspace("TB")
    return CompetitorRepository(engine)


def test_a_note_adds_the_competitor_once_and_the_same_day_again_keeps_what_is_not_given(
    comps: CompetitorRepository,
) -> None:
    first = comps.note("TA", NewObservation("Acme  Corp", "linkedin", D2, 12400, 3.1, 5))
    assert first.created and not first.replaced
    assert first.competitor.name == "Acme Corp"  # runs of spaces as one
    again = comps.note("TA", NewObservation("acme corp", "linkedin", D2, followers=12500))
    assert not again.created and again.replaced
    assert again.competitor.id == first.competitor.id  # found whatever the case
    assert again.observation == Observation("linkedin", D2, 12500, 3.1, 5, 7)


def test_overview_has_the_latest_observation_per_platform_and_the_count(
    comps: CompetitorRepository,
) -> None:
    comps.note("TA", NewObservation("Acme", "linkedin", D1, 12000, 2.9, 4))
    comps.note("TA", NewObservation("Acme", "linkedin", D2, 12400, 3.1, 5))
    comps.note("TA", NewObservation("Acme", "instagram", D1, 800, days=30))
    comps.note("TA", NewObservation("Bolt", "x", D1, posts=9))
    views = comps.overview("TA")
    assert [v.competitor.name for v in views] == ["Acme", "Bolt"]
    acme = views[0]
    assert acme.count == 3
    assert [(o.platform, o.day, o.followers) for o in acme.latest] == [
        ("instagram", D1, 800),
        ("linkedin", D2, 12400),
    ]
    assert acme.latest[0].start == dt.date(2026, 10, 19)  # 30 days ending 17 Nov
    assert views[1].latest == (Observation("x", D1, posts=9),)


def test_note_many_is_one_transaction(comps: CompetitorRepository) -> None:
    rows = [
        NewObservation("Acme", "linkedin", D1, 12000),
        NewObservation("Acme", "linkedin", D2, 12400),
        NewObservation("Bolt", "x", D2, 50),
    ]
    done = comps.note_many("TA", rows)
    assert (done.added, done.updated, done.new_competitors) == (3, 0, ("Acme", "Bolt"))
    again = comps.note_many("TA", rows[:1])
    assert (again.added, again.updated, again.new_competitors) == (0, 1, ())
    with pytest.raises(UnknownWorkspace):  # the second workspace does not exist: nothing
        comps.note_many("TX", [NewObservation("Cora", "x", D1, 1)])
    assert comps.find("TX", "Cora") is None


def test_remove_takes_every_observation(comps: CompetitorRepository) -> None:
    acme = comps.note("TA", NewObservation("Acme", "linkedin", D1, 1)).competitor
    comps.note("TA", NewObservation("Acme", "x", D2, 2))
    assert comps.remove("TA", acme.id) == 2
    assert comps.overview("TA") == []
    assert comps.remove("TA", acme.id) is None


def test_workspaces_never_see_each_others_competitors(comps: CompetitorRepository) -> None:
    acme = comps.note("TA", NewObservation("Acme", "linkedin", D1, 1)).competitor
    assert comps.find("TB", "Acme") is None
    assert comps.competitors("TB") == [] and comps.overview("TB") == []
    assert comps.observations("TB", acme.id) == []
    assert comps.remove("TB", acme.id) is None  # not TB's: nothing goes
    comps.note("TB", NewObservation("Acme", "linkedin", D1, 99))  # TB's own Acme
    assert comps.observations("TA", acme.id) == [Observation("linkedin", D1, 1)]
