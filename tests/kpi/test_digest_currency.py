"""A digest over campaigns in different currencies: each campaign in its own, the
all-campaigns money lines once per currency (never one sum), insights and charts of money
kept to one currency; and reach said to be summed over the week's days."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bot.digests.blocks import digest_blocks
from bot.render_text import render
from kpi.charts import digest_charts
from kpi.digest import CampaignInfo, build_digest
from kpi.insights import find_insights
from kpi.periods import Period

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
PREV = dt.date(2026, 11, 16)
CAMPAIGNS = {
    "sydney": CampaignInfo("sydney", "Sydney", currency="AUD"),
    "london": CampaignInfo("london", "London", currency="GBP"),
}
SYD = {"spend": 4035.16, "revenue": 9000.0, "conversions": 24.0, "clicks": 1750.0,
       "impressions": 92000.0, "reach": 50000.0, "likes": 300.0, "comments": 10.0,
       "shares": 5.0}  # fmt: skip
LON = {"spend": 380.40, "revenue": 1200.0, "conversions": 10.0, "clicks": 570.0,
       "impressions": 16500.0, "reach": 9000.0, "likes": 40.0, "comments": 2.0,
       "shares": 1.0}  # fmt: skip


def _weekly() -> pd.DataFrame:
    rows = []
    for slug, values in (("sydney", SYD), ("london", LON)):
        for week in (PREV, WEEK.start):
            scale = 0.5 if week == PREV else 1.0
            rows.append({"campaign": slug, "week_start": week,
                         **{k: v * scale for k, v in values.items()}})  # fmt: skip
    return pd.DataFrame(rows)


def _digest(locale: str = "en"):  # type: ignore[no-untyped-def]
    return build_digest(_weekly(), campaigns=CAMPAIGNS, week=WEEK, locale=locale, currency="EUR")


def test_money_lines_are_per_currency_and_never_summed() -> None:
    digest = _digest()
    assert digest.mixed_currencies
    assert [c.currency for c in digest.overall_by_currency] == ["AUD", "GBP"]
    text = render(digest_blocks(digest))
    assert "AUD A$4,035.16" in text and "GBP £380.40" in text  # all-campaigns spend, apart
    assert f"{4035.16 + 380.40:,.2f}" not in text  # never A$ + £ as one amount
    assert "€" not in text
    # each campaign's own section in its own currency; CPA by hand
    assert f"A${4035.16 / 24:,.2f}" in text and f"£{380.40 / 10:,.2f}" in text
    assert "2 currencies" in text
    assert "sum of daily reach" in text


def test_dutch_digest_keeps_the_currencies_too() -> None:
    text = render(digest_blocks(_digest("nl")))
    assert "AU$ 4.035,16" in text and "£ 380,40" in text and "€" not in text
    assert "valuta" in text and "som van het dagelijkse bereik" in text


def test_one_currency_digest_shows_it_not_the_workspace_default() -> None:
    only = {"sydney": CAMPAIGNS["sydney"]}
    weekly = _weekly()
    digest = build_digest(
        weekly[weekly["campaign"] == "sydney"], campaigns=only, week=WEEK, locale="en",
        currency="EUR",
    )  # fmt: skip
    assert digest.currency == "AUD" and not digest.mixed_currencies
    text = render(digest_blocks(digest))
    assert "A$4,035.16" in text and "€" not in text and "currencies" not in text


def test_no_insight_adds_money_across_currencies() -> None:
    digest = _digest()
    sections = list(digest.campaigns)
    found = find_insights(_weekly(), campaigns=CAMPAIGNS, week=WEEK, sections=sections)
    assert all(i.key != "insight.top_spender" for i in found)


def test_money_chart_keeps_to_one_currency() -> None:
    charts = digest_charts(_weekly(), _digest(), CAMPAIGNS)
    money = charts[1]
    assert money.title.endswith("(AUD)")  # the biggest spender's currency
    assert "£" not in money.alt_text
    # the Sydney campaign alone: its last week and its two weeks, by hand
    assert f"A${4035.16:,.2f}" in money.alt_text
    assert f"A${4035.16 * 1.5:,.2f}" in money.alt_text
    assert money.png.startswith(b"\x89PNG")
