"""Alert messages: what a marketer reads (numbers by hand), in English and Dutch, and
Slack's Block Kit limits however long the names get."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.alerts.blocks import (
    ACK,
    EDIT,
    SNOOZE_1D,
    SNOOZE_7D,
    STATUS_BLOCK,
    AlertView,
    acknowledged_line,
    alert_blocks,
    alert_text,
    snoozed_line,
    with_status,
)
from kpi.targets import Alert, Evaluation, TargetSpec, WeekPoint
from tests.slack_limits import problems

NOV23, NOV29 = dt.date(2026, 11, 23), dt.date(2026, 11, 29)
SPEC = TargetSpec("engagement_rate", ">=", 4.0, dt.date(2026, 12, 31))
TREND = tuple(
    WeekPoint(dt.date(2026, 11, 2) + dt.timedelta(weeks=i), v)
    for i, v in enumerate((4.6, 4.2, 3.8, 3.1))
)


def evaluation(value: float, state: str = "below", **kw: object) -> Evaluation:
    return Evaluation(state, value, SPEC.shortfall(value), NOV23, NOV29, TREND, **kw)  # type: ignore[arg-type]


def view(campaign: str = "campaign-x", locale: str = "en", **kw: object) -> AlertView:
    return AlertView(7, campaign, kw.pop("spec", SPEC), locale, "EUR", **kw)  # type: ignore[arg-type]


def text_of(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text")
            parts.append(text["text"] if isinstance(text, dict) else str(text))
    # What Slack shows: its three entities decoded.
    shown = "\n".join(parts)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def action_ids(blocks: list[dict]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_below_alert_reads_like_the_design_sketch() -> None:
    alert = Alert("below", "ok", "below", evaluation(3.1))
    cause = ("targets.cause.new_audience", {"reach_change": 38.0})
    blocks = alert_blocks(view(cause=cause), alert)
    text = text_of(blocks)
    assert "⚠ campaign-x: Engagement rate below its target" in text
    assert "3.1 % over 23–29 Nov 2026 · target >= 4.0 % by 31 Dec 2026 · 0.9 pts short" in text
    assert "Weekly: 4.6 % → 4.2 % → 3.8 % → 3.1 %" in text
    assert "Likely cause: reach up 38 % while engagements stayed flat" in text
    assert action_ids(blocks) == [ACK, SNOOZE_1D, SNOOZE_7D, EDIT]
    values = [
        json.loads(e["value"]) for b in blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert values == [{"t": 7}, {"t": 7, "d": 1}, {"t": 7, "d": 7}, {"t": 7}]
    assert alert_text(view(), alert).startswith("⚠ campaign-x: Engagement rate below its target")


def test_dutch_alert() -> None:
    alert = Alert("below", "ok", "below", evaluation(3.1))
    text = text_of(alert_blocks(view(locale="nl"), alert))
    assert "3,1 %" in text and "4,0 %" in text and "0,9" in text and "nov" in text


def test_a_limit_breached_says_over_not_short() -> None:
    spec = TargetSpec("cpa", "<=", 20.0, dt.date(2027, 3, 31))
    ev = Evaluation("below", 23.5, spec.shortfall(23.5), NOV23, NOV29)
    text = text_of(alert_blocks(view(spec=spec), Alert("below", "ok", "below", ev)))
    assert "CPA above its limit" in text
    assert "€23.50" in text and "<= €20.00" in text and "€3.50 over the limit" in text


def test_recovered_has_no_buttons_and_no_cause() -> None:
    alert = Alert("recovered", "below", "ok", evaluation(4.4, "ok"))
    cause = ("targets.cause.new_audience", {"reach_change": 38.0})
    blocks = alert_blocks(view(cause=cause), alert)
    text = text_of(blocks)
    assert "back on target" in text and "0.4 pts to spare" in text
    assert "Likely cause" not in text
    assert action_ids(blocks) == []


def test_cumulative_at_risk_shows_the_pace() -> None:
    spec = TargetSpec("reach", ">=", 100_000, dt.date(2026, 12, 31), created=NOV23)
    ev = Evaluation(
        "at_risk", 14_000, spec.shortfall(14_000), NOV23, NOV29, (), cumulative=True,
        projected=78_000,
    )  # fmt: skip
    text = text_of(alert_blocks(view(spec=spec), Alert("at_risk", "ok", "at_risk", ev)))
    assert "will not reach its target by 31 Dec 2026" in text
    assert "14,000 from 23–29 Nov 2026" in text and "86,000 short" in text
    assert "At this pace: 78,000 by 31 Dec 2026." in text


def test_status_line_replaces_the_last_one_above_the_buttons() -> None:
    blocks = alert_blocks(view(), Alert("below", "ok", "below", evaluation(3.1)))
    acked = with_status(blocks, acknowledged_line("U1", "en"))
    snoozed = with_status(acked, snoozed_line("U2", dt.date(2026, 12, 1), "en"))
    statuses = [b for b in snoozed if b.get("block_id") == STATUS_BLOCK]
    assert len(statuses) == 1
    assert statuses[0]["elements"][0]["text"] == "Snoozed until 1 Dec 2026 by <@U2>"
    assert snoozed.index(statuses[0]) == len(snoozed) - 2  # just above the buttons
    assert "Acknowledged by <@U1>" in text_of(acked)


@settings(max_examples=50)
@given(
    campaign=st.text(min_size=1, max_size=400),
    value=st.floats(min_value=0, max_value=1e12, allow_nan=False),
    kind=st.sampled_from(["below", "at_risk", "recovered", "met", "missed"]),
    locale=st.sampled_from(["en", "nl"]),
)
def test_block_kit_limits_hold_for_any_name_and_number(
    campaign: str, value: float, kind: str, locale: str
) -> None:
    cause = ("targets.cause.cpm_up", {"cpm_change": 1e9, "cpm_before": 1.0, "cpm_after": 1e9})
    alert = Alert(kind, "ok", "below", evaluation(value))  # type: ignore[arg-type]
    blocks = alert_blocks(view(campaign=campaign, locale=locale, cause=cause), alert)
    assert problems(blocks) == []  # Slack's own numbers: 50 blocks, 3000 a section, ...
    ids = action_ids(blocks)
    assert len(ids) == len(set(ids))  # Slack refuses duplicate action ids in a block


@pytest.mark.parametrize("kind", ["below", "at_risk", "missed"])
def test_alerts_that_need_a_look_can_be_acknowledged(kind: str) -> None:
    blocks = alert_blocks(view(), Alert(kind, "ok", kind, evaluation(3.1, kind)))  # type: ignore[arg-type]
    assert ACK in action_ids(blocks)
