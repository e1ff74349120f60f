"""Money keeps its currency end to end: Meta exports in AUD and GBP imported with the real
CLI, then `/kpi` over HTTP answers per currency and never adds A$ to £."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import TEAM, ask

PURCHASE = "actions:offsite_conversion.fb_pixel_purchase"
HEAD = (
    "Reporting starts,Reporting ends,Campaign name,Impressions,Link clicks,Results,"
    "Result indicator,Amount spent ({code})\n"
)

# Meta Ads Manager daily exports, money in the ad account's currency (in the header).
AUD = HEAD.format(code="AUD") + (
    f'2026-11-02,2026-11-02,Sydney Summer,"40,000",800,10,{PURCHASE},"1,020.50"\n'
    f'2026-11-03,2026-11-03,Sydney Summer,"52,000",950,14,{PURCHASE},"3,014.66"\n'
)
GBP = HEAD.format(code="GBP") + (
    f'2026-11-02,2026-11-02,London Spring,"9,000",310,4,{PURCHASE},250.00\n'
    f'2026-11-03,2026-11-03,London Spring,"7,500",260,6,{PURCHASE},130.40\n'
)

# By hand: spend and purchases per campaign.
AUD_SPEND, AUD_BUYS = 1020.50 + 3014.66, 10 + 14  # A$4,035.16 over 24
GBP_SPEND, GBP_BUYS = 250.00 + 130.40, 4 + 6  # £380.40 over 10


@pytest.fixture
def two_currencies(env: dict[str, str], tmp_path: Path) -> None:
    for name, text in (("aud.csv", AUD), ("gbp.csv", GBP)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        run_cli(env, "import", str(path), "--team", TEAM)


def test_cpa_all_answers_one_line_per_currency(
    two_currencies: None, server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "cpa all 2026-11-02..2026-11-03")
    aud_cpa, gbp_cpa = AUD_SPEND / AUD_BUYS, GBP_SPEND / GBP_BUYS
    assert f"A${aud_cpa:,.2f}" in text  # A$168.13
    assert f"£{gbp_cpa:,.2f}" in text  # £38.04
    assert f"A${AUD_SPEND:,.2f}" in text and f"£{GBP_SPEND:,.2f}" in text  # formulas filled
    lines = text.splitlines()
    aud_line = next(line for line in lines if f"A${aud_cpa:,.2f}" in line)
    gbp_line = next(line for line in lines if f"£{gbp_cpa:,.2f}" in line)
    assert "AUD" in aud_line and "sydney-summer" in aud_line
    assert "GBP" in gbp_line and "london-spring" in gbp_line
    # never one figure over both currencies, never the workspace's euro
    mixed = (AUD_SPEND + GBP_SPEND) / (AUD_BUYS + GBP_BUYS)
    assert f"{mixed:,.2f}" not in text
    assert "€" not in text
    assert "2 currencies" in text


def test_one_campaign_shows_its_own_currency_in_dutch_too(
    two_currencies: None, server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "spend sydney-summer 2026-11-02..2026-11-03")
    assert f"A${AUD_SPEND:,.2f}" in text and "€" not in text
    ask(server, slack, "settings locale nl")
    _, text = ask(server, slack, "cpa alle 2026-11-02..2026-11-03")
    aud = f"{AUD_SPEND / AUD_BUYS:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert f"AU$ {aud}" in text  # Dutch: AU$ 168,13
    assert "£ 38,04" in text
    assert "valuta" in text and "€" not in text


def test_settings_currency_refuses_unknown_codes_and_never_relabels(
    two_currencies: None, server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "settings currency XYZ")
    assert "XYZ" in text and "/kpi settings currency EUR" in text  # says what is valid
    _, text = ask(server, slack, "settings currency USD")
    assert "USD" in text
    # stored figures keep their currency: still A$, not US$ or $
    _, text = ask(server, slack, "spend sydney-summer 2026-11-02..2026-11-03")
    assert f"A${AUD_SPEND:,.2f}" in text and "US$" not in text
    ask(server, slack, "settings locale nl")
    _, text = ask(server, slack, "settings valuta XYZ")
    assert "geen valutacode" in text and "/kpi settings currency EUR" in text


def test_targets_keep_to_one_currency(
    two_currencies: None, server: Server, slack: FakeSlack
) -> None:
    _, text = ask(server, slack, "target all cpa <= 50 by 2026-12-31")
    assert "AUD, GBP" in text and "per campaign" in text  # refused: A$ + £ means nothing
    assert "/kpi target <campaign> cpa" in text
    _, listing = ask(server, slack, "targets")
    assert "CPA" not in listing  # nothing was stored
    # a campaign's target speaks its currency: the best week so far, by hand
    _, text = ask(server, slack, "target sydney-summer cpa <= 150 by 2026-12-31 over 2d")
    assert f"A${AUD_SPEND / AUD_BUYS:,.2f}" in text and "€" not in text
