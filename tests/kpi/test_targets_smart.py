"""Reading target values as typed, and the SMART letters of the reply."""

from __future__ import annotations

import datetime as dt

import pytest

from kpi.registry import lookup
from kpi.target_smart import (
    SmartReport,
    TargetValueError,
    parse_target_value,
    render_smart,
    smart_check,
)
from kpi.targets import TargetSpec

D = dt.date
TODAY = D(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "kpi", "locale", "expected"),
    [
        ("3%", "engagement_rate", "en", 3.0),
        ("3,5%", "engagement_rate", "en", 3.5),
        ("3,5 %", "engagement_rate", "nl", 3.5),
        ("3.5", "ctr", "en", 3.5),
        ("0,75", "ctr", "en", 0.75),
        ("20", "cpa", "en", 20.0),
        ("€20", "cpa", "en", 20.0),
        ("€ 20,50", "cpa", "nl", 20.5),
        ("20 EUR", "cpa", "en", 20.0),
        ("1.234,56", "revenue", "en", 1234.56),
        ("1,234.56", "revenue", "en", 1234.56),
        ("1,234", "reach", "en", 1234.0),
        ("1.234", "reach", "nl", 1234.0),
        ("50k", "reach", "en", 50_000.0),
        ("50K", "reach", "en", 50_000.0),
        ("1,5k", "reach", "en", 1_500.0),
        ("2m", "impressions", "en", 2_000_000.0),
        ("50.000", "reach", "nl", 50_000.0),
        ("1.000.000", "reach", "en", 1_000_000.0),
        ("2.5", "roas", "en", 2.5),
        ("-10%", "roi", "en", -10.0),
    ],
)
def test_parse_target_value(text: str, kpi: str, locale: str, expected: float) -> None:
    assert parse_target_value(text, lookup(kpi), locale) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "kpi", "key", "example"),
    [
        ("banana", "engagement_rate", "targets.error.value", "3%"),
        ("", "cpa", "targets.error.value", "20"),
        ("%", "ctr", "targets.error.value", "3%"),
        ("3%%", "ctr", "targets.error.value", "3%"),
        ("1,2,3", "reach", "targets.error.value", "50k"),
        ("12,34.5", "reach", "targets.error.value", "50k"),
        ("k", "reach", "targets.error.value", "50k"),
        ("3%", "cpa", "targets.error.not_percent", "20"),
        ("3%", "reach", "targets.error.not_percent", "50k"),
        ("€20", "ctr", "targets.error.not_money", "3%"),
        ("nan", "ctr", "targets.error.value", "3%"),
        ("inf", "ctr", "targets.error.value", "3%"),
    ],
)
def test_parse_refuses_with_an_example(text: str, kpi: str, key: str, example: str) -> None:
    with pytest.raises(TargetValueError) as info:
        parse_target_value(text, lookup(kpi))
    assert isinstance(info.value, ValueError)
    assert info.value.key == key
    assert info.value.params == {"text": text, "kpi": kpi, "example": example}


def _check(spec: TargetSpec, **kw: object) -> SmartReport:
    fields: dict[str, object] = {
        "kpi_known": True,
        "campaign_known": True,
        "history_weekly_values": [],
        "campaign_goal": None,
        "as_of": TODAY,
    }
    fields.update(kw)
    return smart_check(spec, **fields)  # type: ignore[arg-type]


def _spec(
    kpi: str = "engagement_rate", op: str = ">=", value: float = 3.0, **kw: object
) -> TargetSpec:
    return TargetSpec(kpi, op, value, kw.pop("deadline", D(2026, 12, 31)), **kw)  # type: ignore[arg-type]


def _levels(report: SmartReport) -> dict[str, tuple[str, str]]:
    return {line.letter: (line.level, line.key) for line in report.lines}


def test_a_good_target_passes_every_letter() -> None:
    report = _check(
        _spec(value=4.0), history_weekly_values=[3.1, 3.8, None, 3.5], campaign_goal="engagement"
    )
    assert [line.letter for line in report.lines] == ["S", "M", "A", "R", "T"]
    assert _levels(report) == {
        "S": ("ok", "targets.smart.s.ok"),
        "M": ("ok", "targets.smart.m.ok"),
        "A": ("ok", "targets.smart.a.ok"),  # 4.0 <= 1.5 x 3.8 = 5.7
        "R": ("ok", "targets.smart.r.ok"),
        "T": ("ok", "targets.smart.t.ok"),
    }
    assert report.accepted and report.refusals == ()
    a = report.lines[2].args
    assert (a["best"], a["ratio"]) == (3.8, pytest.approx(4.0 / 3.8))
    assert report.lines[4].args["days"] == 31  # 30 Nov -> 31 Dec


def test_past_deadline_is_refused_and_today_too() -> None:
    for deadline in (D(2026, 11, 29), TODAY):
        report = _check(_spec(deadline=deadline))
        assert not report.accepted
        assert [line.key for line in report.refusals] == ["targets.smart.t.past"]


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"kpi_known": False}, "targets.smart.s.unknown_kpi"),
        ({"campaign_known": False}, "targets.smart.s.unknown_campaign"),
    ],
)
def test_unknown_kpi_or_campaign_is_refused(kw: dict[str, object], key: str) -> None:
    report = _check(_spec(), **kw)
    assert not report.accepted
    assert report.refusals[0].key == key


def test_unknown_kpi_name_is_refused_even_if_called_known() -> None:
    report = _check(_spec(kpi="banana"))
    assert _levels(report)["S"] == ("refuse", "targets.smart.s.unknown_kpi")
    assert _levels(report)["A"] == ("info", "targets.smart.skipped")


@pytest.mark.parametrize(
    ("op", "kpi", "value", "history", "level"),
    [
        (">=", "engagement_rate", 5.7, [3.8, 2.0], "ok"),  # exactly 1.5 x best
        (">=", "engagement_rate", 5.8, [3.8, 2.0], "warn"),  # beyond 1.5 x 3.8
        ("<=", "cpa", 14.0, [25.0, 20.0], "ok"),  # 0.7 x best (lowest) 20
        ("<=", "cpa", 13.0, [25.0, 20.0], "warn"),  # 0.65 x 20 < 0.67
        (">=", "roi", 10.0, [-20.0, -5.0], "warn"),  # never positive, aims above the best
    ],
)
def test_achievable_warns_but_accepts(
    op: str, kpi: str, value: float, history: list[float], level: str
) -> None:
    report = _check(_spec(kpi=kpi, op=op, value=value), history_weekly_values=history)
    assert _levels(report)["A"][0] == level
    assert report.accepted


def test_achievable_for_a_total_compares_the_weekly_pace() -> None:
    # 50,000 reach by 28 Dec: 28 days = 4 weeks from 30 Nov -> 12,500 a week needed
    spec = _spec(kpi="reach", value=50_000, deadline=D(2026, 12, 28))
    ok = _check(spec, history_weekly_values=[9_000.0, 10_000.0])  # 1.25 x best
    assert _levels(ok)["A"] == ("ok", "targets.smart.a.ok_pace")
    assert ok.lines[2].args["needed"] == pytest.approx(12_500)
    far = _check(spec, history_weekly_values=[8_000.0])  # 1.56 x best
    assert _levels(far)["A"] == ("warn", "targets.smart.a.far_pace")
    assert _levels(far)["M"] == ("ok", "targets.smart.m.ok_total")


def test_no_history_is_information() -> None:
    assert _levels(_check(_spec(), history_weekly_values=[None, None]))["A"] == (
        "info",
        "targets.smart.a.no_history",
    )


@pytest.mark.parametrize(
    ("kpi", "op", "goal", "expected"),
    [
        ("engagement_rate", ">=", "engagement", ("ok", "targets.smart.r.ok")),
        ("engagement_rate", ">=", "conversion", ("warn", "targets.smart.r.other_goal")),
        ("engagement_rate", ">=", None, ("info", "targets.smart.r.no_goal")),
        ("reach", ">=", "awareness", ("info", "targets.smart.r.vanity")),
        ("cpa", ">=", "conversion", ("warn", "targets.smart.r.against_direction_lower")),
        ("ctr", "<=", "engagement", ("warn", "targets.smart.r.against_direction_higher")),
    ],
)
def test_relevant(kpi: str, op: str, goal: str | None, expected: tuple[str, str]) -> None:
    assert _levels(_check(_spec(kpi=kpi, op=op), campaign_goal=goal))["R"] == expected


def test_window_longer_than_the_data_is_refused_for_a_rate() -> None:
    report = _check(_spec(window_days=14), days_of_data=10)
    assert [line.key for line in report.refusals] == ["targets.smart.m.window_too_long"]
    assert dict(report.refusals[0].args) == {"window": 14, "days": 10}
    assert _check(_spec(window_days=14), days_of_data=0).accepted  # no data yet: allowed
    assert _check(_spec(kpi="reach", value=1e4, window_days=14), days_of_data=10).accepted


def test_render_smart_formats_values_in_both_languages() -> None:
    spec = _spec(value=6.0)
    report = _check(spec, history_weekly_values=[3.5], campaign_goal="engagement")
    en = render_smart(report, spec, campaign="campaign-x", locale="en", currency="EUR")
    assert en[0] == "✓ *Specific*: Engagement rate of campaign-x."
    assert en[2] == (
        "⚠ *Achievable*: its best week so far was 3.5 %; the target 6.0 % is far beyond that."
        " Saved anyway."
    )
    assert en[4] == "✓ *Time-bound*: deadline 31 Dec 2026, 31 days from now."
    nl = render_smart(report, spec, campaign="campaign-x", locale="nl", currency="EUR")
    assert nl[2].startswith("⚠ *Acceptabel*: de beste week tot nu toe was 3,5 %")
    assert all("{" not in line for line in en + nl)
