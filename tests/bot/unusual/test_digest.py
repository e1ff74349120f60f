"""The digest names the campaigns' KPIs that are unusual on the week's last day, and says
nothing of the usual ones. Real SQLite; figures worked out in tests/bot/unusual/test_reply."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digests.data import build
from bot.render_text import render
from bot.services import Services
from kpi.periods import Period
from tests.bot.unusual.test_reply import TEAM, load_weeks, services  # noqa: F401  (fixture)

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")


@pytest.mark.parametrize(
    ("locale", "title", "line"),
    [
        (
            "en",
            "Unusual",
            "• summer-sale: Unusual: CPA €30.00 on 29 Nov 2026 — expected €14.25–€15.75 "
            "(worse than usual)",
        ),
        (
            "nl",
            "Ongewoon",
            "• summer-sale: Ongewoon: CPA € 30,00 op 29 nov. 2026 — verwacht € 14,25–€ 15,75 "
            "(slechter dan gewoonlijk)",
        ),
    ],
)
def test_a_spike_is_named_in_the_digest(
    services: Services,  # noqa: F811
    locale: str,
    title: str,
    line: str,
) -> None:
    # €300 on Sunday 29 Nov for 10 conversions: CPA €30 against a usual €15, and spend
    # €300 against a usual €150 (both unusual; CPA is worse, spend is more)
    load_weeks(services.repo, last_spend=300.0)
    services.repo.update_workspace(TEAM, locale=locale, currency="EUR")
    text = render(build(services, TEAM, None, WEEK, charts=False).blocks)
    assert f"\n{title}\n" in text
    assert line in text


def test_a_usual_week_has_no_unusual_part(services: Services) -> None:  # noqa: F811
    load_weeks(services.repo, last_spend=150.0)
    services.repo.update_workspace(TEAM, locale="en", currency="EUR")
    text = render(build(services, TEAM, None, WEEK, charts=False).blocks)
    assert "Unusual" not in text
