"""Workspaces never see each other's data: every repository method, given team B and the
ids or slugs of team A's campaigns, reads nothing and changes nothing of team A's."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.campaigns.records import MetricRow
from storage.errors import UnknownCampaign
from storage.repository import Repository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))


@pytest.fixture
def a_id(repo: Repository) -> int:
    """Team A has campaign-x with numbers and a cost; team B exists with nothing."""
    repo.upsert_metrics("TA", [
        MetricRow(2, "campaign-x", D(2026, 11, 2), "facebook", {"clicks": 10, "spend": 5.0},
                  "Campaign X"),
    ])  # fmt: skip
    campaign = repo.find_campaign("TA", "campaign-x")
    assert campaign is not None
    repo.add_cost("TA", campaign.id, D(2026, 11, 3), "tools", 29.0)
    repo.ensure_workspace("TB")
    return campaign.id


def test_team_b_cannot_list_or_find_team_as_campaigns(repo: Repository, a_id: int) -> None:
    assert repo.list_campaigns("TB") == []
    assert repo.find_campaign("TB", "campaign-x") is None
    assert repo.find_campaign("TB", "Campaign X") is None


def test_team_b_reads_nothing_through_team_as_ids(repo: Repository, a_id: int) -> None:
    for ids in ([a_id], None):
        totals = repo.totals("TB", ids, *NOV)
        assert totals.get("clicks") is None
        assert dict(totals.costs) == {}
        assert repo.totals_by_platform("TB", ids, *NOV) == {}
        assert repo.data_range("TB", ids) is None
        assert repo.last_import_at("TB", ids) is None
        assert repo.daily_frame("TB", ids, *NOV).empty
        assert repo.list_costs("TB", ids, *NOV) == []


def test_team_b_cannot_change_team_as_campaigns(repo: Repository, a_id: int) -> None:
    with pytest.raises(UnknownCampaign):
        repo.add_cost("TB", a_id, D(2026, 11, 2), "tools", 10.0)
    with pytest.raises(UnknownCampaign):
        repo.update_campaign("TB", "campaign-x", goal="conversion")
    # Logging under the same slug makes team B a campaign of its own.
    repo.log_metrics("TB", "campaign-x", D(2026, 11, 2), "facebook", {"clicks": 99})
    b = repo.find_campaign("TB", "campaign-x")
    assert b is not None and b.id != a_id
    a_totals = repo.totals("TA", [a_id], *NOV)
    assert (a_totals.get("clicks"), a_totals.get("spend")) == (10, 5.0)
    assert dict(a_totals.costs) == {"tools": 29.0}
    assert repo.find_campaign("TA", "campaign-x").goal is None  # type: ignore[union-attr]
    assert repo.totals("TB", None, *NOV).get("clicks") == 99
    assert repo.totals("TB", [a_id, b.id], *NOV).get("clicks") == 99  # A's id counts nothing


def test_workspaces_are_listed_with_their_settings(repo: Repository) -> None:
    repo.ensure_workspace("TB", "Team B")
    repo.ensure_workspace("TA")
    repo.ensure_workspace("TA", "ignored: it exists already")
    updated = repo.update_workspace("TB", locale="nl", timezone="Europe/Brussels")
    assert (updated.locale, updated.currency, updated.timezone) == ("nl", "EUR", "Europe/Brussels")
    assert [(w.team_id, w.name, w.locale) for w in repo.list_workspaces()] == [
        ("TA", None, "en"),
        ("TB", "Team B", "nl"),
    ]
    assert repo.get_workspace("TC") is None
