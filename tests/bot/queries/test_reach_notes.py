"""A reply showing reach, frequency or engagement rate says plainly when the reach is a sum
of daily reach (en + nl), and says nothing when it is a de-duplicated period reach."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.context import Ctx
from bot.queries.blocks import KpiView, kpi_blocks
from bot.render_text import render
from kpi.periods import Period
from kpi.reach import ReachBasis
from kpi.registry import REGISTRY, compute
from kpi.totals import Totals

WEEK = Period(dt.date(2026, 11, 2), dt.date(2026, 11, 8), "week")


def _ctx(locale: str) -> Ctx:
    return Ctx("T1", None, None, None, locale, "EUR", "UTC", dt.date(2026, 11, 30))


def _reply(kpi: str, basis: ReachBasis | None, locale: str) -> str:
    totals = Totals(
        counters={"reach": 3000, "impressions": 9000, "likes": 40, "comments": 5, "shares": 5,
                  "clicks": 50},
        days=7,
        reach_basis=basis,
    )  # fmt: skip
    result = compute(REGISTRY[kpi], totals)
    view = KpiView(
        result=result, scope="x", period=WEEK, previous=WEEK.previous(), change=None,
        previous_result=result, totals=totals, by_platform=(), data_through=WEEK.end,
        imported_at=None, command=f"{kpi} x",
    )  # fmt: skip
    return render(kpi_blocks(view, _ctx(locale)))


@pytest.mark.parametrize("kpi", ["reach", "frequency", "engagement_rate"])
def test_summed_daily_reach_is_said_plainly(kpi: str) -> None:
    summed = ReachBasis(parts=1, days_summed=True)
    assert "sum of daily reach" in _reply(kpi, summed, "en")
    assert "som van het dagelijkse bereik" in _reply(kpi, summed, "nl")


def test_reach_over_several_platforms_says_people_count_once_for_each() -> None:
    text = _reply("reach", ReachBasis(parts=2, days_summed=False), "en")
    assert "counted once for each" in text and "daily" not in text


FB_IG = frozenset({"facebook", "instagram"})


def test_the_reach_note_names_what_was_added_up() -> None:
    # one campaign on Facebook and Instagram: its two platforms' reaches were added
    one_campaign = ReachBasis(2, False, reporting=FB_IG, campaigns=frozenset({7}))
    assert "added up over platforms —" in _reply("reach", one_campaign, "en")
    assert "opgeteld over platforms —" in _reply("reach", one_campaign, "nl")
    # `all` on Instagram only: campaigns added up
    one_platform = ReachBasis(3, False, reporting=frozenset({"instagram"}),
                              campaigns=frozenset({1, 2, 3}))  # fmt: skip
    assert "added up over campaigns —" in _reply("reach", one_platform, "en")
    assert "opgeteld over campagnes —" in _reply("reach", one_platform, "nl")
    # two campaigns on two platforms: both
    both = ReachBasis(4, False, reporting=FB_IG, campaigns=frozenset({1, 2}))
    assert "added up over campaigns and platforms" in _reply("reach", both, "en")


def test_a_period_reach_or_a_kpi_without_reach_says_nothing() -> None:
    assert "Reach:" not in _reply("reach", ReachBasis(parts=1, days_summed=False), "en")
    assert "Reach:" not in _reply("ctr", ReachBasis(parts=1, days_summed=True), "en")


def test_reach_missing_for_part_of_the_data_says_what_the_ratio_covers() -> None:
    partial = ReachBasis(1, False, True, frozenset({"facebook", "instagram"}),
                         frozenset({"google"}))  # fmt: skip
    en = _reply("frequency", partial, "en")
    assert "only the 2 of 3 platforms that report reach" in en and "google (no reach)" in en
    nl = _reply("engagement_rate", partial, "nl")
    assert "alleen over de 2 van de 3 platforms die bereik melden" in nl
    assert "too high" not in en and "te hoog" not in nl
    inside = ReachBasis(parts=1, days_summed=False, partial=True)
    assert "only the rows that report reach" in _reply("frequency", inside, "en")
