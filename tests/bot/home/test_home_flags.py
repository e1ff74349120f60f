"""The Home tab's flags: an unusual KPI worded as a reply words it (the same line), what
each compares where the week's change points the other way, and a campaign whose data
stopped, within Home's 100 blocks — on SQLite and PostgreSQL, dates by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.home.blocks import home_view
from bot.home.data import load_home
from bot.home.gaps import gap_notes
from bot.home.unusual import unusual_flags
from bot.services import Services
from bot.unusual.judging import verdict_for
from bot.unusual.lines import unusual_line
from kpi.registry import lookup
from tests.bot.both_dbs import DATABASES, open_services
from tests.bot.home.test_home import TEAM, USER, texts
from tests.slack_limits import problems

TODAY = dt.date(2026, 12, 3)  # a Thursday


@pytest.fixture(params=DATABASES)
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    with open_services(request.param, tmp_path, today=TODAY) as svc:
        svc.repo.ensure_workspace(TEAM)
        yield svc


def day_of(services: Services, slug: str, day: dt.date, revenue: float) -> None:
    counters = {"spend": 40.0, "revenue": revenue, "conversions": 4.0, "clicks": 400.0,
                "impressions": 12000.0, "reach": 8000.0, "likes": 250.0}  # fmt: skip
    services.repo.log_metrics(TEAM, slug, day, "facebook", counters)


def test_better_than_last_week_yet_worse_than_usual_says_what_each_compares(
    services: Services,
) -> None:
    # 7 Oct - 22 Nov: ROI (160 - 40) / 40 = 300 % every day. 23 - 29 Nov: revenue 40, ROI
    # 0 %. 30 Nov and 1 Dec back to 300 %, 2 Dec revenue 80: ROI 100 %.
    for i in range(47):
        day_of(services, "sale", dt.date(2026, 10, 7) + dt.timedelta(days=i), 160.0)
    for i in range(7):
        day_of(services, "sale", dt.date(2026, 11, 23) + dt.timedelta(days=i), 40.0)
    day_of(services, "sale", dt.date(2026, 11, 30), 160.0)
    day_of(services, "sale", dt.date(2026, 12, 1), 160.0)
    day_of(services, "sale", dt.date(2026, 12, 2), 80.0)
    for locale in ("en", "nl"):
        data = load_home(services, TEAM, USER, locale)
        [card] = data.cards
        # the week: 30 Nov - 2 Dec (400 - 120) / 120 = 233.3 % against 23 - 25 Nov 0 %
        assert card.section is not None
        change = card.section.line("roi").change
        assert change is not None and change.better is True
        [(_, lines)] = unusual_flags(services, data).items()
        [roi] = [x for x in lines if "ROI" in x]
        # the very line a reply shows for ROI on 2 Dec
        verdict = verdict_for(services.repo, TEAM, lookup("roi"), [card.campaign.id],
                              dt.date(2026, 12, 2))  # fmt: skip
        said = unusual_line(lookup("roi"), verdict, locale, "EUR")
        assert roi.startswith(said)
        if locale == "en":
            assert said.startswith("Unusual: ROI 100.0 % on 2 Dec 2026 — expected ")
            assert said.endswith("(worse than usual)")
            assert roi.endswith(
                "(The change above compares the week with the week before: better; "
                "this compares 2 Dec 2026 with what is usual for it.)"
            )
        else:
            assert said.startswith("Ongewoon: ROI 100,0 % op 2 dec. 2026 — verwacht ")
            assert roi.endswith(
                "(De verandering hierboven vergelijkt de week met de week ervoor: beter; "
                "dit vergelijkt 2 dec. 2026 met wat gewoon is.)"
            )


def test_a_campaign_whose_data_stopped_is_flagged_on_its_card(services: Services) -> None:
    # "late": every day 1 - 28 Nov, nothing since (29 Nov - 2 Dec missing on 3 Dec);
    # "fresh": every day through 2 Dec; 200 more fresh campaigns for the block count
    for i in range(28):
        day_of(services, "late", dt.date(2026, 11, 1) + dt.timedelta(days=i), 160.0)
    for i in range(5):
        day_of(services, "fresh", dt.date(2026, 11, 28) + dt.timedelta(days=i), 160.0)
    data = load_home(services, TEAM, USER, "en")
    notes = gap_notes(services, data)
    late = services.repo.find_campaign(TEAM, "late")
    assert late is not None and list(notes) == [late.id]
    assert notes[late.id].startswith(
        ":warning: No data since 28 Nov (nothing for 29 Nov – 2 Dec) — the last import was "
    )
    view = home_view(data, {}, unusual_flags(services, data), notes)
    assert ":warning: No data since 28 Nov" in texts(view)
    assert texts(view).count("No data since") == 1
    nl = load_home(services, TEAM, USER, "nl")
    assert gap_notes(services, nl)[late.id].startswith(
        ":warning: Geen data sinds 28 nov. (niets voor 29 nov. – 2 dec.) — de laatste import was "
    )
    for i in range(200):
        day_of(services, f"c{i:03d}", dt.date(2026, 11, 20), 160.0)
        day_of(services, f"c{i:03d}", dt.date(2026, 11, 26), 160.0)  # late too: since 26 Nov
    for page in (0, 10, 20):
        data = load_home(services, TEAM, USER, "en", page=page)
        notes = gap_notes(services, data)
        assert len(notes) == len(data.cards) - (1 if page == 0 else 0)  # "fresh" is not late
        view = home_view(data, {}, unusual_flags(services, data), notes)
        assert problems(view["blocks"], "home") == [] and len(view["blocks"]) <= 100
