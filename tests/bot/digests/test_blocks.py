"""The digest message as a marketer reads it (numbers by hand), in English and Dutch, and
Slack's Block Kit limits however many campaigns, targets and long names there are."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.digests.blocks import MAX_TARGET_ROWS, digest_blocks, digest_text
from kpi.digest import CampaignInfo, TargetInfo, build_digest
from kpi.periods import Period
from tests.slack_limits import problems

WEEK = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
PREV = dt.date(2026, 11, 16)

# alpha this week: spend 300, revenue 1200, 12 conversions, reach 5000, engagements 250,
# clicks 100 of 5000 impressions; the week before: spend 200, revenue 1000, 10 conv.
ALPHA_NOW = {"spend": 300.0, "revenue": 1200.0, "conversions": 12.0, "reach": 5000.0,
             "likes": 120.0, "comments": 20.0, "shares": 10.0, "clicks": 100.0,
             "impressions": 5000.0}  # fmt: skip
ALPHA_PREV = {"spend": 200.0, "revenue": 1000.0, "conversions": 10.0, "reach": 5000.0,
              "likes": 100.0, "comments": 0.0, "shares": 0.0, "clicks": 100.0,
              "impressions": 10000.0}  # fmt: skip


def row(campaign: str, week: dt.date, **values: float) -> dict[str, object]:
    return {"campaign": campaign, "week_start": week, **values}


def digest(locale: str = "en", targets: tuple[TargetInfo, ...] = ()):  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(
        [
            row("alpha", WEEK.start, **ALPHA_NOW),
            row("alpha", PREV, **ALPHA_PREV),
            row("beta", PREV, spend=50.0, reach=100.0),  # nothing this week
        ]
    )
    campaigns = {
        "alpha": CampaignInfo("alpha", "Alpha launch"),
        "beta": CampaignInfo("beta", "beta"),
        "gamma": CampaignInfo("gamma", "gamma"),  # no data in either week
    }
    return build_digest(frame, campaigns=campaigns, week=WEEK, targets=targets,
                        locale=locale, currency="EUR")  # fmt: skip


def text_of(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    # What Slack shows: its three entities decoded.
    shown = "\n".join(parts)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


TARGET = TargetInfo("engagement_rate", ">=", 6.0, "below", campaign="alpha",
                    deadline=dt.date(2026, 12, 31), last_value=4.5)  # fmt: skip


def test_english_digest_numbers_by_hand() -> None:
    blocks = digest_blocks(digest(targets=(TARGET,)), ["Ad spend and revenue"])
    text = text_of(blocks)
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Weekly digest · 23–29 Nov"},
    }
    assert "Changes against 16–22 Nov" in text
    alpha = next(b["text"]["text"] for b in blocks if "Alpha launch" in str(b))
    assert alpha.splitlines() == [
        "*Alpha launch* (`alpha`)",
        "Ad spend: *€300.00*  ▲ 50.0 % — worse",  # 300 against 200: more spend, worse
        "Revenue: *€1,200.00*  ▲ 20.0 % — better",  # 1200 against 1000
        "ROI: *300.0 %*  ▼ 100.0 pts — worse",  # (1200-300)/300 = 300 % against 400 %
        "CPA: *€25.00*  ▲ 25.0 % — worse",  # 300/12 against 200/10 = 20: up 25 %
        # 250/5000 against (100+100)/5000 = 4.0 %; 5.0 % is in the top quartile (≥ 3.5 %)
        "Engagement rate: *5.0 %*  ▲ 1.0 pts — better  · top quartile of the typical 1–5 %",
        # 100/5000 against 100/10000 = 1.0 %; with ad spend the paid range, its end included
        "CTR: *2.0 %*  ▲ 1.0 pts — better  · within the typical paid 2–5 %",
    ]
    assert "Benchmarks: industry rule of thumb (kpibot 2026) — all of them" in text
    assert "*beta*\n_No data that week_" in text
    assert "No data in these two weeks: `gamma`" in text
    assert "Alpha launch · Engagement rate >= 6.0 % by 31 Dec 2026: off target (4.5 %)" in text
    assert "What stands out" in text
    assert "Charts below: Ad spend and revenue" in text
    assert digest_text(digest()) == "Weekly digest for 23–29 Nov"


def test_cpa_rising_is_shown_with_an_arrow_that_reads_without_colour() -> None:
    text = text_of(digest_blocks(digest()))
    # the arrow gives the direction of the number; the sign is never only a colour
    assert "CPA: *€25.00*  ▲ 25.0 % — worse" in text


def test_dutch_digest() -> None:
    target = TargetInfo("roi", ">=", 250.0, "ok", campaign=None, deadline=dt.date(2026, 12, 31),
                        last_value=300.0)  # fmt: skip
    text = text_of(digest_blocks(digest("nl", (target,)), ["Omzet"]))
    assert "Weekoverzicht · 23–29 nov." in text
    assert "Veranderingen ten opzichte van 16–22 nov." in text
    assert "*Alle campagnes*" in text
    assert "Advertentie-uitgaven: *€ 300,00*  ▲ 50,0 % — slechter" in text
    assert "€ 1.200,00" in text and "300,0 %" in text and "2,0 %" in text
    assert "ROI: *300,0 %*  ▼ 100,0 procentpunt — slechter" in text
    assert "Geen gegevens die week" in text
    assert "alle campagnes · ROI >= 250,0 % vóór 31 dec. 2026" in text
    assert "Wat opvalt" in text and "Grafieken hieronder: Omzet" in text


def many(count: int, name_length: int = 10, targets: int = 0):  # type: ignore[no-untyped-def]
    slugs = [f"c{i:03d}" for i in range(count)]
    frame = pd.DataFrame(
        [
            row(s, WEEK.start, spend=1000.0 - i, reach=1000.0, clicks=10.0, impressions=900.0)
            for i, s in enumerate(slugs)
        ]  # fmt: skip
    )
    campaigns = {s: CampaignInfo(s, s + " " + "x" * name_length) for s in slugs}
    found = tuple(
        TargetInfo(
            "ctr",
            ">=",
            1.0,
            "below",
            campaign=slugs[i % max(count, 1)] if count else None,
            deadline=dt.date(2026, 12, 31),
            last_value=0.5,
        )  # fmt: skip
        for i in range(targets)
    )
    built = build_digest(frame if count else pd.DataFrame({"campaign": [], "week_start": []}),
                         campaigns=campaigns, week=WEEK, targets=found, locale="en",
                         currency="EUR")  # fmt: skip
    return built, digest_blocks(built, ["a", "b"])


def test_many_campaigns_are_cut_from_the_end_with_a_count() -> None:
    built, blocks = many(80)
    assert len(blocks) == 50 and problems(blocks) == []
    shown = [b["text"]["text"] for b in blocks if "(`c" in str(b.get("text", ""))]
    # the biggest spenders (c000 spends most) stay; the rest are counted
    assert shown[0].startswith("*c000 ") and shown[-1].startswith(f"*c{len(shown) - 1:03d} ")
    more = re.search(r"… and (\d+) more campaigns", text_of(blocks))
    assert more is not None and int(more.group(1)) == 80 - len(shown)
    assert "Charts below" in text_of(blocks) and "What stands out" in text_of(blocks)


def test_many_targets_are_listed_up_to_the_cap() -> None:
    _, blocks = many(3, targets=40)
    text = text_of(blocks)
    assert text.count("off target") == MAX_TARGET_ROWS
    assert f"and {40 - MAX_TARGET_ROWS} more: `/kpi targets`" in text


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(0, 120),
    name_length=st.integers(0, 400),
    targets=st.integers(0, 60),
)
def test_any_digest_fits_slack_limits(count: int, name_length: int, targets: int) -> None:
    built, blocks = many(count, name_length, targets)
    assert problems(blocks) == []  # Slack's own numbers: 50 blocks, 3000 a section, ...
    shown = sum("(`c" in str(b.get("text", "")) for b in blocks)
    more = re.search(r"… and (\d+) more campaigns", text_of(blocks))
    assert shown + (int(more.group(1)) if more else 0) == len(built.campaigns)
