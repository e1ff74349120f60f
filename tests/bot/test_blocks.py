"""Slack's Block Kit limits hold whatever the content."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.common import button, context, fit, header, section, sections
from bot.blocks.mrkdwn import mention
from bot.render_text import render
from tests.slack_limits import problems


@given(st.lists(st.text(max_size=4000), max_size=40))
def test_sections_never_exceed_3000_characters_and_lose_no_line(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ") for line in lines)
    blocks = sections(text)
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    escaped = [
        line.replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for line in lines
    ]
    if all(len(line) <= 3000 for line in escaped) and text.strip():
        joined = "\n".join(b["text"]["text"] for b in blocks)
        assert joined.replace("\n", "") == "".join(escaped)


def test_fit_keeps_50_blocks_and_says_what_was_left_out() -> None:
    blocks = [section(f"campaign {i}") for i in range(80)]
    kept = fit(blocks, "31 more campaigns not shown")
    assert len(kept) == 50 and problems(kept) == []
    assert kept[-1]["type"] == "context"
    assert "31 more" in kept[-1]["elements"][0]["text"]
    assert fit(blocks[:10]) == blocks[:10]


def test_header_is_cut_to_150_characters() -> None:
    assert len(header("x" * 500)["text"]["text"]) == 150
    assert len(section("y" * 5000)["text"]["text"]) == 3000


def test_render_text_shows_what_slack_shows() -> None:
    blocks = [
        header("ROI"),
        section("*682.9 %* against last month, shared by " + mention("U0ABC1")),
        context("Campaign <!channel> & <https://evil.example|Click>"),
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
        "682.9 % against last month, shared by @U0ABC1",
        "Campaign <!channel> & <https://evil.example|Click>",
        "Data through 29 Nov",
        "[Share in channel]",
    ]


def test_context_keeps_to_slacks_ten_elements_of_3000_characters() -> None:
    block = context(*["z" * 40_000] * 14)
    assert len(block["elements"]) == 1
    assert all(len(e["text"]) <= 3000 for e in block["elements"])
    assert problems([block]) == []


def test_each_note_of_a_context_is_a_line_of_its_own() -> None:
    # Slack lays a context block's elements side by side: two notes as two elements read
    # as one run-on line ("… to compare with. Metrics through 2 Dec 2026").
    block = context("Change against 9 Aug – 3 Oct 2026", "Metrics through 2 Dec 2026 & <b>")
    assert block["elements"] == [
        {
            "type": "mrkdwn",
            "text": "Change against 9 Aug – 3 Oct 2026\nMetrics through 2 Dec 2026 &amp; &lt;b&gt;",
        }
    ]
    assert render([block]).splitlines() == [
        "Change against 9 Aug – 3 Oct 2026",
        "Metrics through 2 Dec 2026 & <b>",
    ]


def test_button_text_and_value_keep_to_slacks_limits() -> None:
    element = button("b" * 300, "act", {"c": "x" * 1900})
    assert len(element["text"]["text"]) <= 75 and len(element["value"]) <= 2000
    with pytest.raises(ValueError):
        button("ok", "act", {"c": "x" * 2100})  # a value Slack would refuse


def test_the_limit_checker_itself_catches_each_limit() -> None:
    # the checker that the builder tests rely on finds a breach of every limit it knows
    too_long = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3001}},
        {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c" * 3001}]},
        {"type": "actions", "elements": [{"type": "button", "text": {"text": "b" * 76}}]},
        {"type": "actions", "elements": [{"type": "button", "value": "v" * 2001}]},
    ]
    assert len(problems(too_long)) == len(too_long)
    assert problems([section("x")] * 51) == ["51 blocks, over 50 in a message"]
    assert problems([section("x")] * 51, "modal") == []
    assert problems([section("x")] * 101, "home") == ["101 blocks, over 100 in a home"]
