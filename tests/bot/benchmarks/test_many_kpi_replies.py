"""Benchmarks in the replies that show many KPIs at once — `/kpi report`, `/kpi compare` —
in their short form, English and Dutch, on SQLite and PostgreSQL, read as text (as `kpibot
ask` prints them). Money is placed only against a range in its own currency. Figures by
hand.

summer-sale (EUR, the workspace's) on 20 Nov 2026:
  Facebook reach 1,000, likes 30, comments 5, shares 2, clicks 4, impressions 2,000, spend €20
  LinkedIn reach 1,000, likes 20, nothing else, impressions 1,000, no spend
  engagement rate (41 + 20) / 2,000 × 100 = 3.05 % -> "3.0 %", within 1–5 % (top ≥ 3.5 %)
     Facebook 41 / 1,000 = 4.1 %, LinkedIn 20 / 1,000 = 2.0 %
  CTR 4 / 3,000 × 100 = 0.13 %, with ad spend: the paid range 2–5 %: below, worse
  CPM €20 / 3,000 × 1000 = €6.67; Facebook €20 / 2,000 × 1000 = €10.00 against $10–$15:
     another currency, not compared
ny-winter (USD, imported in dollars) on 20 Nov 2026, Facebook only:
  impressions 40,000, clicks 1,000, spend $480
  CPM $480 / 40,000 × 1000 = $12.00: within $10–$15 (Facebook's, the only platform)
  CTR 1,000 / 40,000 × 100 = 2.5 %: within the paid 2–5 %
"""

from __future__ import annotations

import datetime as dt

from bot.services import Services
from storage.campaigns.records import MetricRow
from tests.bot.benchmarks.test_benchmark_replies import DAY, TEAM, ask, load
from tests.bot.both_dbs import services_on  # noqa: F401  # the fixture

SOURCES_EN = "Benchmarks: industry rule of thumb (kpibot 2026) — all of them: /kpi benchmarks"


def load_usd(services: Services) -> None:
    counters = {"impressions": 40000.0, "clicks": 1000.0, "spend": 480.0}
    row = MetricRow(line=0, campaign="ny-winter", day=DAY, platform="facebook", counters=counters)
    services.repo.upsert_metrics(TEAM, [row], currency="USD")


def line_of(reply: str, start: str) -> str:
    return next(line for line in reply.splitlines() if line.startswith(start))


def test_report_places_each_kpi_in_english_and_dutch(services_on: Services) -> None:  # noqa: F811
    load(services_on)
    reply = ask(services_on, "report summer-sale 2026-11-20")
    assert line_of(reply, "Engagement rate") == (
        "Engagement rate  3.0 %  · within the typical 1–5 %"
    )
    assert line_of(reply, "CTR") == "CTR  0.13 %  · below the typical paid 2–5 % (worse)"
    # no CPM range for every platform; Facebook's is in USD and this campaign is in EUR
    assert line_of(reply, "CPM") == (
        "CPM  €6.67  · Facebook €10.00: benchmark in USD; this campaign reports in EUR"
        " — not compared"
    )
    assert line_of(reply, "Reach") == "Reach  2,000"  # a count: no benchmark
    assert SOURCES_EN in reply
    nl = ask(services_on, "report summer-sale 2026-11-20", "nl")
    assert line_of(nl, "Engagementratio") == ("Engagementratio  3,0 %  · binnen de gangbare 1–5 %")
    assert line_of(nl, "CTR") == "CTR  0,13 %  · onder de gangbare betaalde 2–5 % (slechter)"
    assert line_of(nl, "CPM") == (
        "CPM  € 6,67  · Facebook € 10,00: benchmark in USD; deze campagne rapporteert in EUR"
        " — niet vergeleken"
    )
    assert "Benchmarks: vuistregel uit de branche (kpibot 2026) — alle: /kpi benchmarks" in nl


def test_money_in_the_ranges_currency_is_placed(services_on: Services) -> None:  # noqa: F811
    load_usd(services_on)
    reply = ask(services_on, "report ny-winter 2026-11-20")
    assert line_of(reply, "CPM") == "CPM  $12.00  · within the typical $10–$15"
    assert line_of(reply, "CTR") == "CTR  2.5 %  · within the typical paid 2–5 %"
    nl = ask(services_on, "report ny-winter 2026-11-20", "nl")
    assert line_of(nl, "CPM") == "CPM  US$ 12,00  · binnen de gangbare US$ 10–US$ 15"


def test_a_workspace_range_in_its_currency_is_used_and_never_converted(
    services_on: Services,  # noqa: F811
) -> None:
    load(services_on)
    load_usd(services_on)
    assert "Benchmark set: CPM €5–€8" in ask(services_on, "benchmark cpm 5-8")
    # the EUR campaign: the workspace's €5–€8 (€6.67 inside it), for every platform
    eur = ask(services_on, "report summer-sale 2026-11-20")
    assert line_of(eur, "CPM") == "CPM  €6.67  · within your benchmark €5–€8"
    assert "industry rule of thumb (kpibot 2026) · your own (/kpi benchmark)" in eur
    # the USD campaign: not €5–€8 read as dollars; the built-in range in USD instead
    usd = ask(services_on, "report ny-winter 2026-11-20")
    assert line_of(usd, "CPM") == "CPM  $12.00  · within the typical $10–$15"
    # a workspace range in dollars, for Facebook: $12 is above $5–$8, worse (lower is better)
    ask(services_on, "benchmark cpm $5-8 on facebook")
    usd = ask(services_on, "report ny-winter 2026-11-20")
    assert line_of(usd, "CPM") == "CPM  $12.00  · above your benchmark $5–$8 (worse)"
    # the EUR campaign's Facebook row (€10.00): a range in its own currency comes before
    # Facebook's in dollars, so its range is the workspace's €5–€8, the same as the whole
    # campaign's: no Facebook part, and no dollars read as euros
    eur = ask(services_on, "report summer-sale 2026-11-20")
    assert line_of(eur, "CPM") == "CPM  €6.67  · within your benchmark €5–€8"


def test_a_platforms_own_benchmark_applies_to_its_rows(services_on: Services) -> None:  # noqa: F811
    load(services_on)
    ask(services_on, "benchmark engagement 2.5% on linkedin")
    reply = ask(services_on, "report summer-sale 2026-11-20")
    # LinkedIn's 2.0 % is short of the workspace's ≥ 2.5 % there; Facebook has no own range
    assert line_of(reply, "Engagement rate") == (
        "Engagement rate  3.0 %  · within the typical 1–5 %; LinkedIn 2.0 %: short of your"
        " benchmark ≥ 2.5 % (worse)"
    )
    nl = ask(services_on, "report summer-sale 2026-11-20", "nl")
    assert "LinkedIn 2,0 %: haalt jullie benchmark ≥ 2,5 % niet (slechter)" in nl


def test_compare_places_both_sides_each_in_its_currency(services_on: Services) -> None:  # noqa: F811
    load(services_on)
    load_usd(services_on)
    reply = ask(services_on, "compare summer-sale ny-winter ctr 2026-11-20")
    lines = reply.splitlines()
    at = lines.index("CTR: summer-sale 0.13 %  ·  ny-winter 2.5 %  ✓")
    assert lines[at + 1] == (
        "      ↳ summer-sale below the typical paid 2–5 % (worse)"
        "  ·  ny-winter within the typical paid 2–5 %"
    )
    assert SOURCES_EN in reply
    # CPM: no range for every platform; summer-sale's Facebook row is in EUR against a USD
    # range, ny-winter is on Facebook alone, in USD: placed
    cpm = ask(services_on, "compare summer-sale ny-winter cpm 2026-11-20").splitlines()
    at = cpm.index("CPM: summer-sale €6.67  ·  ny-winter $12.00")  # no ✓ across currencies
    assert cpm[at + 1] == (
        "      ↳ summer-sale Facebook €10.00: benchmark in USD; this campaign reports in EUR"
        " — not compared  ·  ny-winter within the typical $10–$15"
    )
    nl = ask(services_on, "vergelijk summer-sale ny-winter engagement 2026-11-20", "nl")
    # ny-winter reports no reach: n/a, so only summer-sale is placed
    assert "      ↳ summer-sale binnen de gangbare 1–5 %" in nl.splitlines()


def test_an_answer_without_benchmarked_kpis_has_no_note(services_on: Services) -> None:  # noqa: F811
    services_on.repo.ensure_workspace(TEAM)
    services_on.repo.log_metrics(TEAM, "quiet", dt.date(2026, 11, 20), "facebook", {"reach": 5})
    reply = ask(services_on, "report quiet 2026-11-20")
    assert "Reach  5" in reply and "Benchmarks:" not in reply and "typical" not in reply
