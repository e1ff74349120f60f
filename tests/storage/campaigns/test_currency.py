"""A campaign's money stays in the currency it was stored in: fixed when money is first
stored (the file's currency, else the workspace default), never relabelled by a later
change of the default. Grouping by currency is what keeps different currencies apart."""

from __future__ import annotations

import datetime as dt

from storage.campaigns.records import MetricRow
from storage.repository import Repository

DAY = dt.date(2026, 11, 2)


def _row(slug: str, counters: dict[str, float]) -> MetricRow:
    return MetricRow(2, slug, DAY, "facebook", counters)


def test_money_fixes_the_currency_and_the_default_never_relabels_it(repo: Repository) -> None:
    repo.upsert_metrics("T1", [_row("aud", {"spend": 4035.16})], currency="AUD")
    repo.upsert_metrics("T1", [_row("plain", {"spend": 12.5})])  # no currency in the file
    repo.upsert_metrics("T1", [_row("counts", {"clicks": 40})])  # no money at all
    repo.update_workspace("T1", currency="GBP")

    currencies = {c.slug: c.currency for c in repo.list_campaigns("T1")}
    assert currencies == {"aud": "AUD", "plain": "EUR", "counts": None}
    ids = {c.slug: c.id for c in repo.list_campaigns("T1")}
    assert repo.currency_groups("T1", None) == {
        "AUD": [ids["aud"]],
        "EUR": [ids["plain"]],
        "GBP": [ids["counts"]],  # holds no money yet: the new default applies
    }
    assert repo.currency_groups("T1", [ids["aud"]]) == {"AUD": [ids["aud"]]}


def test_a_booked_cost_fixes_the_currency_too(repo: Repository) -> None:
    campaign = repo.ensure_campaign("T1", "tools-only")
    assert campaign.currency is None
    repo.add_cost("T1", campaign.id, DAY, "tools", 50.0)
    repo.update_workspace("T1", currency="USD")
    assert repo.currency_groups("T1", None) == {"EUR": [campaign.id]}


def test_groups_are_scoped_to_the_workspace(repo: Repository) -> None:
    repo.upsert_metrics("T1", [_row("mine", {"spend": 1.0})], currency="AUD")
    repo.upsert_metrics("T2", [_row("theirs", {"spend": 1.0})], currency="GBP")
    theirs = repo.list_campaigns("T2")[0].id
    assert list(repo.currency_groups("T1", None)) == ["AUD"]
    assert repo.currency_groups("T1", [theirs]) == {}
