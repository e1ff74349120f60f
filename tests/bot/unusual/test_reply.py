"""`/kpi <kpi> <campaign>` says whether its last day is unusual and what drove its change,
in English and Dutch, on a real SQLite database. Every expected figure is worked out by hand
in the comment next to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.render_text import render
from bot.services import Services
from bot.settings import Settings
from storage.repository import Repository

TEAM = "T1"
TODAY = dt.date(2026, 11, 30)  # a Monday: "last week" is 23–29 Nov, before it 16–22 Nov
FIRST = dt.date(2026, 9, 21)  # ten weeks of history, from a Monday
LAST = dt.date(2026, 11, 29)  # a Sunday


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", today=TODAY)
    svc = Services.open(settings, FEATURES)
    yield svc
    svc.engine.dispose()


def ask(services: Services, text: str, locale: str) -> str:
    services.repo.ensure_workspace(TEAM)
    services.repo.update_workspace(TEAM, locale=locale, currency="EUR")
    ctx = make_ctx(services, TEAM, channel_name=None, channel_id=None, user_id="U1")
    return render(answer(services, ctx, text).blocks)


def load_weeks(repo: Repository, last_spend: float) -> None:
    """10 conversions a day; €200 ad spend on weekdays, €150 at the weekend: CPA €20 on a
    weekday, €15 on Saturday and Sunday. The last day (Sunday 29 Nov) spends ``last_spend``."""
    day = FIRST
    while day <= LAST:
        spend = 150.0 if day.weekday() >= 5 else 200.0
        if day == LAST:
            spend = last_spend
        repo.log_metrics(TEAM, "summer-sale", day, "facebook", {"spend": spend, "conversions": 10})
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        # Sunday's usual CPA is €15 (level €18.57 + Sunday's -€3.57); no noise, so the range
        # is the 5 % never called unusual: €14.25–€15.75. €300 / 10 = €30 lies above it.
        ("en", "Unusual: CPA €30.00 on 29 Nov 2026 — expected €14.25–€15.75 (worse than usual)"),
        (
            "nl",
            "Ongewoon: CPA € 30,00 op 29 nov. 2026 — verwacht € 14,25–€ 15,75 "
            "(slechter dan gewoonlijk)",
        ),
    ],
)
def test_a_spike_on_the_last_day_is_unusual(services: Services, locale: str, line: str) -> None:
    load_weeks(services.repo, last_spend=300.0)
    assert line in ask(services, "cpa summer-sale last week", locale)


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en", "Usual: CPA on 29 Nov 2026 within its expected €14.25–€15.75"),
        ("nl", "Gewoon: CPA op 29 nov. 2026 binnen de verwachte € 14,25–€ 15,75"),
    ],
)
def test_a_usual_day_shows_its_range(services: Services, locale: str, line: str) -> None:
    load_weeks(services.repo, last_spend=150.0)
    reply = ask(services, "cpa summer-sale last week", locale)
    assert line in reply
    assert "Unusual" not in reply and "Ongewoon" not in reply


def test_too_little_history_is_said(services: Services) -> None:
    for i in range(10):  # 20–29 Nov: nine days before the last
        day = LAST - dt.timedelta(days=i)
        services.repo.log_metrics(
            TEAM, "summer-sale", day, "facebook", {"spend": 100.0, "conversions": 10}
        )
    reply = ask(services, "cpa summer-sale last week", "en")
    assert "Too little history to say what is usual: 9 days with data, 28 needed" in reply


def load_split(repo: Repository, parts: dict[str, tuple[str, str]]) -> None:
    """The worked example of kpi.drivers, one row a week per part (on the Wednesday):
    16–22 Nov: A €1,400 / 70 conversions (CPA €20), B €1,200 / 30 (€40): CPA €26.00;
    23–29 Nov: A €1,100 / 55 (€20),                 B €2,520 / 45 (€56): CPA €36.20."""
    weeks = {dt.date(2026, 11, 18): ((1400, 70), (1200, 30)),
             dt.date(2026, 11, 25): ((1100, 55), (2520, 45))}  # fmt: skip
    for day, (a, b) in weeks.items():
        for (slug, platform), (spend, conversions) in zip(parts.values(), (a, b), strict=True):
            counters = {"spend": float(spend), "conversions": float(conversions)}
            repo.log_metrics(TEAM, slug, day, platform, counters)


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        # B's share of conversions 30 % -> 45 %, its CPA €40 -> €56: rate (0.30 + 0.45) / 2
        # x 16 = 6.00, mix (40 + 56) / 2 x 0.15 = 7.20; 13.20 of the 10.20 change = 129 %
        # (A's falling share takes 3.00 off).
        (
            "en",
            "Main driver: LinkedIn made 129 % of the change — its CPA went from €40.00 to "
            "€56.00 and its share of conversions from 30 % to 45 %",
        ),
        (
            "nl",
            "Grootste oorzaak: LinkedIn zorgde voor 129 % van de verandering — de CPA ging "
            "van € 40,00 naar € 56,00 en het aandeel in conversies van 30 % naar 45 %",
        ),
    ],
)
def test_a_change_names_the_platform_that_drove_it(
    services: Services, locale: str, line: str
) -> None:
    load_split(services.repo, {"a": ("summer-sale", "facebook"), "b": ("summer-sale", "linkedin")})
    reply = ask(services, "cpa summer-sale last week", locale)
    assert line in reply
    # the change itself: 26.00 -> 36.20 is +39.2 %
    assert "39.2 %" in reply or "39,2 %" in reply


def test_all_campaigns_names_the_campaign_that_drove_it(services: Services) -> None:
    load_split(services.repo, {"a": ("spring", "facebook"), "b": ("autumn", "facebook")})
    reply = ask(services, "cpa all last week", "en")
    assert (
        "Main driver: autumn made 129 % of the change — its CPA went from €40.00 to €56.00 "
        "and its share of conversions from 30 % to 45 %"
    ) in reply
    assert "Main driver: facebook" not in reply  # one platform: nothing to split


def test_a_small_change_names_no_driver(services: Services) -> None:
    load_weeks(services.repo, last_spend=150.0)
    services.repo.log_metrics(
        TEAM, "summer-sale", dt.date(2026, 11, 25), "linkedin", {"spend": 20.0, "conversions": 1}
    )
    # 23–29 Nov: €1,320 / 71 = €18.59 against 16–22 Nov €1,300 / 70 = €18.57: +0.1 %
    assert "Main driver" not in ask(services, "cpa summer-sale last week", "en")
