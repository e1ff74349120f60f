"""Campaign names in any script get a slug that keeps their letters, never an empty one, and
the campaign is found by its name and by its slug (on SQLite, whose lower() knows only ASCII,
and on PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.campaigns.naming import slugify
from storage.campaigns.records import MetricRow
from storage.repository import Repository

NAMES = {
    "Zomer Actie 2026": "zomer-actie-2026",
    "Café Crème": "cafe-creme",
    "Καλοκαίρι 2026": "καλοκαιρι-2026",
    "Лиды Москва": "лиды-москва",
    "春季促销": "春季促销",
    "حملة الصيف": "حملة-الصيف",
    "🔥 Winter Sale": "winter-sale",
    "🔥🚀": "fire-rocket",
    "Straße": "strasse",
}


@pytest.mark.parametrize(("name", "slug"), NAMES.items())
def test_slugs_keep_the_letters_of_every_script(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert slugify(name.upper()) == slugify(name.lower())  # stable, whatever the case


def test_a_slug_is_never_empty_for_a_name_that_is_not() -> None:
    for name in ("--", "!!!", "🎉", "·", "\u200b x"):
        assert slugify(name) != ""


def test_campaigns_are_found_by_name_and_by_slug(repo: Repository) -> None:
    rows = [
        MetricRow(i + 2, slugify(name), dt.date(2026, 11, 2), "facebook", {"clicks": 1}, name)
        for i, name in enumerate(NAMES)
    ]
    repo.upsert_metrics("T1", rows)
    for name, slug in NAMES.items():
        for typed in (name, slug, name.lower(), name.upper()):
            found = repo.find_campaign("T1", typed)
            assert found is not None and found.slug == slug, typed
            assert found.name == name
    assert repo.find_campaign("T2", "лиды-москва") is None  # another workspace
