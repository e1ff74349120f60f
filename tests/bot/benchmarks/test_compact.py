"""The short form of a benchmark, by hand, in English and Dutch: every verdict, the
workspace's own range, money in another currency (never converted), CPA across sectors
(never placed), the platform parts and the sources note."""

from __future__ import annotations

import pytest

from bot.benchmarks.compact import Lang, marks, placed, short_text, sources_note, suffix
from kpi.benchmarks import BUILT_IN, Benchmark
from kpi.registry import REGISTRY
from kpi.totals import Totals

EN, NL = Lang("en", "EUR"), Lang("nl", "EUR")
ENGAGEMENT = next(b for b in BUILT_IN if b.kpi == "engagement_rate")
VIDEO = next(b for b in BUILT_IN if b.kpi == "video_completion")
CPM_FB = next(b for b in BUILT_IN if b.kpi == "cpm")
CPA = next(b for b in BUILT_IN if b.kpi == "cpa")


@pytest.mark.parametrize(
    ("value", "en", "nl"),
    [
        (0.8, "below the typical 1–5 % (worse)", "onder de gangbare 1–5 % (slechter)"),
        (2.8, "within the typical 1–5 %", "binnen de gangbare 1–5 %"),
        (3.5, "top quartile of the typical 1–5 %", "bovenste kwart van de gangbare 1–5 %"),
        (6.0, "above the typical 1–5 % (better)", "boven de gangbare 1–5 % (beter)"),
    ],
)
def test_engagement_rate(value: float, en: str, nl: str) -> None:
    kpi = REGISTRY["engagement_rate"]
    assert short_text(ENGAGEMENT, kpi, value, EN) == en
    assert short_text(ENGAGEMENT, kpi, value, NL) == nl


def test_a_threshold_is_met_or_not() -> None:
    kpi = REGISTRY["video_completion"]
    assert short_text(VIDEO, kpi, 75.0, EN) == "meets the typical ≥ 75 %"  # the end counts
    assert short_text(VIDEO, kpi, 74.9, EN) == "short of the typical ≥ 75 % (worse)"
    assert short_text(VIDEO, kpi, 60.0, NL) == "haalt de gangbare ≥ 75 % niet (slechter)"


def test_money_in_its_currency_and_in_another() -> None:
    kpi = REGISTRY["cpm"]
    usd = Lang("en", "USD")
    assert short_text(CPM_FB, kpi, 9.5, usd) == "below the typical $10–$15 (better)"
    assert short_text(CPM_FB, kpi, 15.5, usd) == "above the typical $10–$15 (worse)"
    # €12 is not "within $10–15": not compared, whatever the number
    assert short_text(CPM_FB, kpi, 12.0, EN) == (
        "benchmark in USD; this campaign reports in EUR — not compared"
    )
    assert short_text(CPM_FB, kpi, 12.0, Lang("nl", "GBP")) == (
        "benchmark in USD; deze campagne rapporteert in GBP — niet vergeleken"
    )


def test_the_workspaces_own_and_cpa_across_sectors() -> None:
    own = Benchmark("cpa", high=45.0, currency="EUR", source="own", own=True)
    kpi = REGISTRY["cpa"]
    assert short_text(own, kpi, 45.0, EN) == "meets your benchmark ≤ €45"
    assert short_text(own, kpi, 45.5, NL) == "haalt jullie benchmark ≤ € 45 niet (slechter)"
    assert short_text(CPA, kpi, 30.0, EN) is None  # spans sectors: never placed
    assert placed(kpi, 30.0, Totals.empty(), EN, []) is None
    # the workspace's own CPA comes before the sectors' range, and is placed
    found = placed(kpi, 30.0, Totals.empty(), EN, [own])
    assert found is not None and found.bench == own
    assert found.text == "meets your benchmark ≤ €45"


def test_ctr_is_placed_against_the_paid_range_with_ad_spend() -> None:
    kpi = REGISTRY["ctr"]
    paid = Totals(counters={"spend": 10.0})
    assert placed(kpi, 1.5, paid, EN, []).text == "below the typical paid 2–5 % (worse)"  # type: ignore[union-attr]
    assert placed(kpi, 1.5, Totals.empty(), EN, []).text == "within the typical organic 0.5–2 %"  # type: ignore[union-attr]
    assert placed(kpi, None, paid, EN, []) is None  # n/a: nothing to place
    assert placed(REGISTRY["reach"], 5000.0, paid, EN, []) is None  # a count: no range


def test_platform_parts_and_the_sources() -> None:
    kpi = REGISTRY["engagement_rate"]
    own_li = Benchmark("engagement_rate", "linkedin", low=2.5, source="own", own=True)
    empty = Totals.empty()
    split = {"facebook": (4.1, empty), "linkedin": (2.0, empty)}
    found = marks(kpi, 3.05, empty, EN, [own_li], split)
    assert suffix(found) == (
        "  · within the typical 1–5 %; LinkedIn 2.0 %: short of your benchmark ≥ 2.5 % (worse)"
    )
    # one platform only: its own range is the value's, no part
    only = marks(kpi, 2.0, empty, EN, [own_li], {"linkedin": (2.0, empty)})
    assert suffix(only) == "  · short of your benchmark ≥ 2.5 % (worse)"
    assert suffix([]) == ""
    assert sources_note((p.bench for p in found), EN) == (
        "Benchmarks: industry rule of thumb (kpibot 2026) · your own (`/kpi benchmark`)"
        " — all of them: `/kpi benchmarks`"
    )
    assert sources_note([ENGAGEMENT, ENGAGEMENT], NL) == (
        "Benchmarks: vuistregel uit de branche (kpibot 2026) — alle: `/kpi benchmarks`"
    )
    assert sources_note([], EN) is None
