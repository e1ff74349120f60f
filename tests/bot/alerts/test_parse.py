"""`/kpi target ...` parsing, table-driven: what people type -> what is stored, and every
malformed form refused with a key whose text carries a working example."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.alerts.parse import (
    DeleteArgs,
    TargetArgs,
    parse_deadline,
    parse_target_args,
    parse_window,
)
from bot.dispatch import kpi_words
from bot.errors import UserError
from bot.texts import t

DEC31 = dt.date(2026, 12, 31)


def parse(text: str) -> TargetArgs | DeleteArgs:
    return parse_target_args(text.split(), kpi_words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "campaign-x engagement >= 3% by 2026-12-31",
            TargetArgs("campaign-x", "engagement", ">=", "3%", DEC31, 7),
        ),
        (
            "campaign-x cpa <= 20 by 2027-03-31 over 14d",
            TargetArgs("campaign-x", "cpa", "<=", "20", dt.date(2027, 3, 31), 14),
        ),
        (
            "campaign-x engagement rate >= 3 % by 2026-12-31",
            TargetArgs("campaign-x", "engagement rate", ">=", "3%", DEC31, 7),
        ),
        ("all ctr >=2% by 2026-12-31", TargetArgs("all", "ctr", ">=", "2%", DEC31, 7)),
        ("ctr ≥ 2% by 2026-12-31", TargetArgs(None, "ctr", ">=", "2%", DEC31, 7)),
        (
            "campaign-x cpc =< 1,50 by 31-12-2026",
            TargetArgs("campaign-x", "cpc", "<=", "1,50", DEC31, 7),
        ),
        (
            "campaign-x bereik >= 50k voor 2026-12-31 over 2w",
            TargetArgs("campaign-x", "bereik", ">=", "50k", DEC31, 14),
        ),
        (
            "campaign-x bananas >= 3 by 2026-12-31",
            TargetArgs("campaign-x", "bananas", ">=", "3", DEC31, 7),
        ),
        ("delete 3", DeleteArgs(3)),
        ("verwijder #12", DeleteArgs(12)),
    ],
)
def test_what_people_type(text: str, expected: TargetArgs | DeleteArgs) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("campaign-x engagement 3% by 2026-12-31", "targets.error.op"),
        ("campaign-x engagement > 3% by 2026-12-31", "targets.error.op"),
        ("campaign-x engagement >= 3%", "targets.error.deadline"),
        ("campaign-x engagement >= 3% by tomorrow", "targets.error.deadline"),
        ("campaign-x engagement >= 3% by 2026-02-30", "targets.error.deadline"),
        ("campaign-x engagement >= by 2026-12-31", "targets.error.usage"),
        ("campaign-x engagement >= 3% by 2026-12-31 over", "targets.error.window"),
        ("campaign-x engagement >= 3% by 2026-12-31 over 0d", "targets.error.window"),
        ("campaign-x engagement >= 3% by 2026-12-31 over 400d", "targets.error.window"),
        ("campaign-x engagement >= 3% by 2026-12-31 over a-week", "targets.error.window"),
        (">= 3% by 2026-12-31", "targets.error.usage"),
        ("delete three", "targets.not_found"),
    ],
)
def test_malformed_commands_are_refused_with_an_example(text: str, key: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(text)
    assert caught.value.key == key
    assert caught.value.example is None  # the text itself carries the example
    shown = t(key, "en", **caught.value.args_)
    assert "/kpi" in shown or "over 7d" in shown or "by 2026-12-31" in shown


def test_nothing_after_target_asks_for_the_usage() -> None:
    with pytest.raises(UserError) as caught:
        parse_target_args([], kpi_words)
    assert caught.value.key == "targets.error.usage"


@pytest.mark.parametrize(
    ("text", "days"), [("7", 7), ("14d", 14), ("14 days", 14), ("30 dagen", 30), ("2w", 14)]
)
def test_windows(text: str, days: int) -> None:
    assert parse_window(text) == days


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_deadlines_read_back_in_both_orders(day: dt.date) -> None:
    assert parse_deadline(day.isoformat()) == day
    assert parse_deadline(f"{day.day}-{day.month}-{day.year}") == day
