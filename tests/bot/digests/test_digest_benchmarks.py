"""Benchmarks in the digest's thread body: each campaign line says where its value sits, money
only against a range in its own currency; the headline stays at most five lines. By hand.

The week of 23 Nov 2026 (tests/kpi/test_digest_currency.py's campaigns):
  sydney (AUD): engagements 300 + 10 + 5 + 1,750 = 2,065 over reach 50,000 = 4.13 %
     (top quartile ≥ 3.5 %); CTR 1,750 / 92,000 = 1.90 % with spend: paid 2–5 %, below;
     CPA A$4,035.16 / 24 = A$168.13
  london (GBP): engagements 40 + 2 + 1 + 570 = 613 over 9,000 = 6.81 % (above 1–5 %);
     CTR 570 / 16,500 = 3.45 %: within 2–5 %; CPA £380.40 / 10 = £38.04
"""

from __future__ import annotations

from bot.digests.blocks import digest_blocks, headline_blocks
from bot.render_text import render
from kpi.benchmarks import Benchmark
from tests.kpi.test_digest_currency import _digest

OWN_CPA_GBP = Benchmark("cpa", high=40.0, currency="GBP", source="own", own=True)


def section_of(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    at = lines.index(title)
    return lines[at + 1 : at + 7]


def test_each_campaign_line_is_placed_in_its_own_currency() -> None:
    text = render(digest_blocks(_digest(), benchmarks=[OWN_CPA_GBP]))
    sydney = section_of(text, "Sydney (sydney)")
    london = section_of(text, "London (london)")
    assert sydney[3] == (
        "CPA: A$168.13  = 0.0 % — unchanged  · benchmark in GBP; this campaign reports in AUD"
        " — not compared"
    )
    assert (
        sydney[4]
        == "Engagement rate: 4.1 %  = 0.0 pts — unchanged  · top quartile of the typical 1–5 %"
    )
    assert sydney[5] == "CTR: 1.9 %  = 0.0 pts — unchanged  · below the typical paid 2–5 % (worse)"
    assert london[3] == "CPA: £38.04  = 0.0 % — unchanged  · meets your benchmark ≤ £40"
    assert london[4].endswith("6.8 %  = 0.0 pts — unchanged  · above the typical 1–5 % (better)")
    # the all-campaigns CPA per currency, each against a range in its own money or none
    overall = next(line for line in text.splitlines() if line.startswith("CPA: AUD"))
    assert overall == (
        "CPA: AUD A$168.13 = 0.0 % — unchanged  · benchmark in GBP; this campaign reports in AUD"
        " — not compared  ·  GBP £38.04 = 0.0 % — unchanged  · meets your benchmark ≤ £40"
    )
    assert (
        "Benchmarks: industry rule of thumb (kpibot 2026) · your own (/kpi benchmark)"
        " — all of them: /kpi benchmarks"
    ) in text


def test_dutch_and_no_benchmarks_when_none_are_asked_for() -> None:
    text = render(digest_blocks(_digest("nl"), benchmarks=[OWN_CPA_GBP]))
    assert "CPA: £ 38,04" in text and "haalt jullie benchmark ≤ £ 40" in text
    assert "benchmark in GBP; deze campagne rapporteert in AUD — niet vergeleken" in text
    assert "onder de gangbare betaalde 2–5 % (slechter)" in text
    bare = render(digest_blocks(_digest(), benchmarks=None))
    assert "typical" not in bare and "Benchmarks:" not in bare


def test_the_headline_is_untouched() -> None:
    digest = _digest()
    head = render(headline_blocks(digest))
    assert "typical" not in head and "Benchmark" not in head
    story = next(b for b in headline_blocks(digest) if b["type"] == "section")
    assert len(story["text"]["text"].splitlines()) <= 5
