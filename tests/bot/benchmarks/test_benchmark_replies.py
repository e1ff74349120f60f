"""Benchmarks in `/kpi` replies and `/kpi benchmark(s)`, in English and Dutch, on SQLite
and PostgreSQL, read as text (bot.render_text, as `kpibot ask` prints them). Figures by hand.

summer-sale on 20 Nov 2026: Facebook reach 1,000, likes 30, comments 5, shares 2, clicks 4,
impressions 2,000, ad spend €20; LinkedIn reach 1,000, likes 20, comments/shares/clicks 0,
impressions 1,000, no ad spend.
  engagement rate: (41 + 20) / 2,000 × 100 = 3.05 % (Facebook 4.1 %, LinkedIn 2.0 %)
  CTR with spend: 4 / 3,000 × 100 = 0.133 % (paid range 2–5 %: below, worse)
  CPM on Facebook: €20 / 2,000 × 1000 = €10.00 (range in USD: not compared)
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dispatch import answer, make_ctx
from bot.render_text import render
from bot.services import Services
from tests.bot.both_dbs import services_on  # noqa: F401  # the fixture

TEAM = "T1"
DAY = dt.date(2026, 11, 20)


def ask(services: Services, text: str, locale: str = "en") -> str:
    services.repo.ensure_workspace(TEAM)
    services.repo.update_workspace(TEAM, locale=locale, currency="EUR")
    ctx = make_ctx(services, TEAM, channel_name=None, channel_id=None, user_id="U1")
    return render(answer(services, ctx, text).blocks)


def load(services: Services) -> None:
    services.repo.ensure_workspace(TEAM)
    fb = {"reach": 1000, "likes": 30, "comments": 5, "shares": 2, "clicks": 4,
          "impressions": 2000, "spend": 20}  # fmt: skip
    li = {"reach": 1000, "likes": 20, "comments": 0, "shares": 0, "clicks": 0,
          "impressions": 1000, "spend": 0}  # fmt: skip
    services.repo.log_metrics(TEAM, "summer-sale", DAY, "facebook", fb)
    services.repo.log_metrics(TEAM, "summer-sale", DAY, "linkedin", li)


EN_SOURCE = "source: industry rule of thumb, kpibot 2026"


def test_built_in_ranges_in_replies_en_and_nl(services_on: Services) -> None:  # noqa: F811
    load(services_on)
    reply = ask(services_on, "engagement summer-sale on facebook")
    assert (
        f"Benchmark: Engagement rate 1–5 % (top quartile ≥ 3.5 %; {EN_SOURCE})"
        " — yours 4.1 % is in the top quartile." in reply
    )
    reply = ask(services_on, "engagement summer-sale")
    assert "— yours 3.0 % is within the range." in reply  # 3.05 % shown as 3.0 % (half to even)
    reply = ask(services_on, "ctr summer-sale")
    assert (
        f"Benchmark: paid CTR 2–5 % ({EN_SOURCE}) — yours 0.13 % is below the range (worse)."
        in reply
    )
    reply = ask(services_on, "cpm summer-sale on facebook")
    assert (
        f"Benchmark: CPM $10–$15 ({EN_SOURCE}) — yours €10.00: the range is in USD,"
        " not compared with EUR." in reply
    )
    assert "within" not in reply.split("Benchmark:")[1]
    reply = ask(services_on, "engagement summer-sale on facebook", "nl")
    assert (
        "Benchmark: Engagementratio 1–5 % (bovenste kwart ≥ 3,5 %; bron: vuistregel uit de"
        " branche, kpibot 2026) — jouw 4,1 % valt in het bovenste kwart." in reply
    )


def test_a_workspace_benchmark_per_platform_round_trip(services_on: Services) -> None:  # noqa: F811
    load(services_on)
    done = ask(services_on, "benchmark engagement 5% on linkedin")
    assert "Benchmark set: Engagement rate ≥ 5 % on LinkedIn" in done
    reply = ask(services_on, "engagement summer-sale")
    # every platform together: still the built-in range; LinkedIn's own differs
    assert "— yours 3.0 % is within the range." in reply
    assert (
        "Benchmark by platform: LinkedIn Engagement rate ≥ 5 % (your benchmark):"
        " 2.0 % falls short of it (worse)" in reply
    )
    listed = ask(services_on, "benchmarks")
    assert "• Engagement rate on LinkedIn: ≥ 5 %" in listed
    assert "• CPM on Facebook: $10–$15" in listed
    nl = ask(services_on, "engagement summer-sale", "nl")
    assert "LinkedIn Engagementratio ≥ 5 % (jullie eigen benchmark): 2,0 % haalt hem niet" in nl

    assert "is removed" in ask(services_on, "benchmark engagement on linkedin reset")
    assert "Benchmark by platform" not in ask(services_on, "engagement summer-sale")
    assert "nothing changed" in ask(services_on, "benchmark engagement on linkedin reset")


def test_a_workspace_range_of_money_replaces_the_built_in_one(
    services_on: Services,  # noqa: F811
) -> None:
    load(services_on)
    assert "Benchmark set: CPM €5–€8" in ask(services_on, "benchmark cpm 5-8")
    reply = ask(services_on, "cpm summer-sale")
    # €20 / 3,000 × 1000 = €6.67, inside €5–€8; the workspace's own comes first
    assert "Benchmark: CPM €5–€8 (your benchmark) — yours €6.67 is within the range." in reply
    assert "$10" not in reply.split("Benchmark: CPM")[1].split("\n")[0]


@pytest.mark.parametrize(
    ("text", "en", "nl"),
    [
        ("benchmark", "Name a KPI and a value", "Noem een KPI en een waarde"),
        ("benchmark cpm 5%", "“5%” is not a value or a range for CPM", "is geen waarde"),
        ("benchmark cpm 8-5", "8 is more than 5", "8 is meer dan 5"),
        ("benchmark reach 5", "it has no benchmark", "daar is geen benchmark voor"),
        ("benchmark engagement 3 on", "needs a platform", "platform"),
    ],
)
def test_bad_input_is_answered_with_an_example(
    services_on: Services,  # noqa: F811
    text: str,
    en: str,
    nl: str,
) -> None:
    reply = ask(services_on, text)
    assert en in reply and "/kpi benchmark engagement 2.5% on linkedin" in reply
    reply = ask(services_on, text, "nl")
    assert nl in reply and "/kpi benchmark engagement 2,5% op linkedin" in reply
