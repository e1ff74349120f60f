"""Slack's Block Kit limits hold whatever the content."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.common import MAX_BLOCKS, MAX_SECTION, context, fit, header, section, sections
from bot.render_text import render


@given(st.lists(st.text(max_size=4000), max_size=40))
def test_sections_never_exceed_3000_characters_and_lose_no_line(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ") for line in lines)
    blocks = sections(text)
    assert all(len(b["text"]["text"]) <= MAX_SECTION for b in blocks)
    if all(len(line) <= MAX_SECTION for line in lines) and text.strip():
        joined = "\n".join(b["text"]["text"] for b in blocks)
        assert joined.replace("\n", "") == text.replace("\n", "")


def test_fit_keeps_50_blocks_and_says_what_was_left_out() -> None:
    blocks = [section(f"campaign {i}") for i in range(80)]
    kept = fit(blocks, "31 more campaigns not shown")
    assert len(kept) == MAX_BLOCKS
    assert kept[-1]["type"] == "context"
    assert "31 more" in kept[-1]["elements"][0]["text"]
    assert fit(blocks[:10]) == blocks[:10]


def test_header_is_cut_to_150_characters() -> None:
    assert len(header("x" * 500)["text"]["text"]) == 150
    assert len(section("y" * 5000)["text"]["text"]) == MAX_SECTION


def test_render_text_shows_what_slack_shows() -> None:
    blocks = [
        header("ROI"),
        section("*682.9 %* against <https://x|last month>"),
        context("Data through 29 Nov"),
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "Share in channel"}}
            ],
        },
    ]
    assert render(blocks).splitlines() == [
        "ROI",
        "===",
        "682.9 % against last month",
        "Data through 29 Nov",
        "[Share in channel]",
    ]
