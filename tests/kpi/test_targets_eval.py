"""evaluate(): windows, sums before ratios, the volume guard, pace and the deadline.

Every expected value is worked out by hand in the comment next to it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.registry import lookup
from kpi.targets import TargetSpec, WeekPoint, denominator, evaluate, is_cumulative

D = dt.date


def _days(start: dt.date, n: int, **columns: float) -> list[dict[str, object]]:
    return [{"day": start + dt.timedelta(days=i), **columns} for i in range(n)]


def _frame(*rows: dict[str, object] | list[dict[str, object]]) -> pd.DataFrame:
    flat: list[dict[str, object]] = []
    for row in rows:
        flat += row if isinstance(row, list) else [row]
    return pd.DataFrame(flat)


def _spec(kpi: str, op: str, value: float, **kw: object) -> TargetSpec:
    return TargetSpec(
        kpi=kpi, op=op, value=value, deadline=kw.pop("deadline", D(2026, 12, 31)), **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kpi", "cumulative", "denom"),
    [
        ("reach", True, None),
        ("follower_growth", True, None),
        ("conversions", True, None),
        ("revenue", True, None),
        ("spend", True, None),
        ("total_cost", True, None),
        ("engagements", True, None),
        ("engagement_rate", False, "reach"),
        ("ctr", False, "impressions"),
        ("conversion_rate", False, "clicks"),
        ("cpa", False, "conversions"),
        ("cpm", False, "impressions"),
        ("roas", False, "ad_spend"),
        ("roi", False, "total_cost"),
        ("frequency", False, "reach"),
    ],
)
def test_cumulative_or_rate(kpi: str, cumulative: bool, denom: str | None) -> None:
    assert is_cumulative(lookup(kpi)) is cumulative
    assert denominator(lookup(kpi)) == denom


RATE_DATA = _frame(
    {"day": D(2026, 11, 9), "impressions": 1000, "clicks": 900},  # outside a 2-day window
    {"day": D(2026, 11, 10), "impressions": 6000, "clicks": 60},  # CTR 1 %
    {"day": D(2026, 11, 11), "impressions": 1000, "clicks": 50},  # CTR 5 %
)


def test_rate_is_ratio_of_window_sums_ending_at_last_day_with_data() -> None:
    ev = evaluate(_spec("ctr", ">=", 2.0, window_days=2), RATE_DATA, as_of=D(2026, 11, 20))
    # (60 + 50) / (6000 + 1000) x 100 = 1.5714 %, not the mean of daily CTRs (3 %)
    assert ev.value == pytest.approx(110 / 7000 * 100)
    assert ev.state == "below"
    assert ev.gap == pytest.approx(2.0 - 110 / 7000 * 100)  # 0.43 percentage points short
    assert (ev.window_start, ev.window_end) == (D(2026, 11, 10), D(2026, 11, 11))
    assert ev.cumulative is False and ev.projected is None


def test_rate_target_met_has_a_negative_gap() -> None:
    ev = evaluate(_spec("ctr", ">=", 1.5, window_days=2), RATE_DATA, as_of=D(2026, 11, 20))
    assert ev.state == "ok"
    assert ev.gap == pytest.approx(1.5 - 110 / 7000 * 100)  # -0.07: 0.07 pts to spare


def test_lower_is_better_rate_target() -> None:
    data = _frame(
        _days(D(2026, 11, 1), 7, spend=30.0, conversions=1)
    )  # 210 / 7 = 30 per conversion
    below = evaluate(_spec("cpa", "<=", 20.0), data, as_of=D(2026, 11, 8))
    assert (below.state, below.value, below.gap) == (
        "below",
        pytest.approx(30.0),
        pytest.approx(10.0),
    )
    ok = evaluate(_spec("cpa", "<=", 35.0), data, as_of=D(2026, 11, 8))
    assert (ok.state, ok.gap) == ("ok", pytest.approx(-5.0))


def test_window_longer_than_the_data_starts_at_the_first_day() -> None:
    data = _frame(_days(D(2026, 11, 5), 3, impressions=1000, clicks=30))
    ev = evaluate(_spec("ctr", ">=", 2.0, window_days=7), data, as_of=D(2026, 11, 8))
    assert (ev.window_start, ev.window_end) == (D(2026, 11, 5), D(2026, 11, 7))
    assert ev.value == pytest.approx(3.0)  # 90 / 3000 x 100
    assert ev.state == "ok"


def test_rows_after_as_of_are_ignored() -> None:
    data = _frame(
        _days(D(2026, 11, 1), 7, impressions=1000, clicks=10),  # 1 %
        _days(D(2026, 11, 8), 7, impressions=1000, clicks=90),  # 9 %, not yet "known"
    )
    ev = evaluate(_spec("ctr", ">=", 2.0), data, as_of=D(2026, 11, 7))
    assert ev.value == pytest.approx(1.0) and ev.state == "below"
    assert ev.window_end == D(2026, 11, 7)


@pytest.mark.parametrize(
    ("kpi", "op", "row", "term", "have", "need"),
    [
        ("ctr", ">=", {"impressions": 999, "clicks": 1}, "impressions", 999, 1000),
        ("engagement_rate", ">=", {"reach": 499, "likes": 3}, "reach", 499, 500),
        ("conversion_rate", ">=", {"clicks": 99, "conversions": 0}, "clicks", 99, 100),
        ("cpa", "<=", {"spend": 500.0, "conversions": 4}, "conversions", 4, 5),
        ("ctr", ">=", {"clicks": 3}, "impressions", 0, 1000),  # impressions not reported
    ],
)
def test_volume_guard_says_insufficient_instead_of_alarming(
    kpi: str, op: str, row: dict[str, float], term: str, have: float, need: float
) -> None:
    data = _frame({"day": D(2026, 11, 10), **row})
    ev = evaluate(_spec(kpi, op, 3.0), data, as_of=D(2026, 11, 11))
    assert ev.state == "insufficient"
    assert ev.value is None and ev.gap is None
    assert ev.reason == "targets.insufficient.volume"
    assert dict(ev.reason_args) == {"term": term, "have": have, "need": need}


@pytest.mark.parametrize(
    ("kpi", "op", "row", "state"),
    [
        ("ctr", ">=", {"impressions": 1000, "clicks": 0}, "below"),  # 0 % on 1,000: a real 0
        ("engagement_rate", ">=", {"reach": 500, "likes": 10}, "below"),  # 2 %
        ("conversion_rate", ">=", {"clicks": 100, "conversions": 3}, "ok"),  # 3 %
        ("cpa", "<=", {"spend": 100.0, "conversions": 5}, "below"),  # 20 per conversion > 3
    ],
)
def test_volume_guard_lets_enough_volume_through(
    kpi: str, op: str, row: dict[str, float], state: str
) -> None:
    data = _frame({"day": D(2026, 11, 10), **row})
    assert evaluate(_spec(kpi, op, 3.0), data, as_of=D(2026, 11, 11)).state == state


def test_guard_minimums_are_data_and_can_be_overridden() -> None:
    data = _frame({"day": D(2026, 11, 10), "impressions": 200, "clicks": 2})
    ev = evaluate(_spec("ctr", ">=", 3.0), data, D(2026, 11, 11), min_volume={"impressions": 100})
    assert (ev.state, ev.value) == ("below", pytest.approx(1.0))


def test_kpi_not_available_is_insufficient_with_the_reason() -> None:
    data = _frame({"day": D(2026, 11, 10), "impressions": 5000})  # clicks not reported
    ev = evaluate(_spec("ctr", ">=", 3.0), data, as_of=D(2026, 11, 11))
    assert ev.state == "insufficient"
    assert ev.reason == "targets.insufficient.na"
    assert dict(ev.reason_args) == {"na": "na.not_reported", "term": "clicks"}


def test_no_data_is_insufficient() -> None:
    empty = pd.DataFrame({"day": [], "clicks": []})
    ev = evaluate(_spec("ctr", ">=", 3.0), empty, as_of=D(2026, 11, 11))
    assert (ev.state, ev.reason, ev.window_end) == (
        "insufficient",
        "targets.insufficient.no_data",
        None,
    )


def test_costs_and_revenue_give_roi() -> None:
    data = _frame({"day": D(2026, 11, 10), "revenue": 300.0, "spend": 100.0, "cost_tools": 100.0})
    ev = evaluate(_spec("roi", ">=", 60.0), data, as_of=D(2026, 11, 11))
    # (300 - (100 + 100)) / 200 x 100 = 50 %
    assert (ev.state, ev.value, ev.gap) == ("below", pytest.approx(50.0), pytest.approx(10.0))


def test_day_column_may_hold_timestamps_or_strings() -> None:
    data = RATE_DATA.assign(day=pd.to_datetime(RATE_DATA["day"]))
    ev = evaluate(_spec("ctr", ">=", 2.0, window_days=2), data, as_of=D(2026, 11, 20))
    assert ev.value == pytest.approx(110 / 7000 * 100)
    text = RATE_DATA.assign(day=[d.isoformat() for d in RATE_DATA["day"]])
    assert evaluate(_spec("ctr", ">=", 2.0, window_days=2), text, D(2026, 11, 20)).state == "below"


# -- cumulative targets: pace ------------------------------------------------------------


def test_cumulative_pace_at_risk_by_hand() -> None:
    data = _frame(
        {"day": D(2026, 10, 25), "followers_gained": 5000},  # before the target: not counted
        _days(D(2026, 11, 1), 10, followers_gained=10),
    )
    spec = _spec("follower_growth", ">=", 1000, created=D(2026, 11, 1))
    ev = evaluate(spec, data, as_of=D(2026, 11, 11))
    # 100 gained in 10 days; 1 Nov .. 31 Dec is 61 days -> 100 / 10 x 61 = 610 < 1,000
    assert ev.value == pytest.approx(100)
    assert ev.projected == pytest.approx(610)
    assert (ev.state, ev.gap, ev.cumulative) == ("at_risk", pytest.approx(900), True)
    assert (ev.window_start, ev.window_end) == (D(2026, 11, 1), D(2026, 11, 10))


def test_cumulative_pace_on_track_by_hand() -> None:
    data = _frame(_days(D(2026, 11, 1), 10, followers_gained=20))
    ev = evaluate(
        _spec("follower_growth", ">=", 1000, created=D(2026, 11, 1)), data, D(2026, 11, 11)
    )
    assert ev.projected == pytest.approx(1220)  # 200 / 10 x 61
    assert ev.state == "ok"


def test_pace_counts_from_the_first_day_with_data() -> None:
    # Target set 1 Nov, campaign starts 11 Nov: 200 in 10 days, 11 Nov .. 31 Dec is 51 days.
    data = _frame(_days(D(2026, 11, 11), 10, reach=20))
    ev = evaluate(_spec("reach", ">=", 1000, created=D(2026, 11, 1)), data, D(2026, 11, 21))
    assert ev.projected == pytest.approx(200 / 10 * 51)  # 1,020
    assert ev.state == "ok"
    assert ev.window_start == D(2026, 11, 1)


def test_cumulative_upper_limit_pace_and_breach() -> None:
    spec = _spec("spend", "<=", 1000.0, created=D(2026, 11, 1))
    pace = evaluate(spec, _frame(_days(D(2026, 11, 1), 10, spend=30.0)), D(2026, 11, 11))
    # 300 in 10 days -> 300 / 10 x 61 = 1,830 > 1,000: on pace to overspend
    assert (pace.state, pace.projected, pace.gap) == (
        "at_risk",
        pytest.approx(1830),
        pytest.approx(-700),
    )
    breach = evaluate(spec, _frame(_days(D(2026, 11, 1), 10, spend=120.0)), D(2026, 11, 11))
    assert (breach.state, breach.value, breach.gap) == (
        "below",
        pytest.approx(1200),
        pytest.approx(200),
    )


def test_cumulative_reached_early_is_ok_and_young_pace_is_insufficient() -> None:
    spec = _spec("reach", ">=", 1000, created=D(2026, 11, 1))
    reached = evaluate(spec, _frame(_days(D(2026, 11, 1), 2, reach=600)), D(2026, 11, 3))
    assert (reached.state, reached.value) == ("ok", pytest.approx(1200))
    young = evaluate(spec, _frame(_days(D(2026, 11, 1), 2, reach=100)), D(2026, 11, 3))
    assert young.state == "insufficient"
    assert young.reason == "targets.insufficient.pace_days"
    assert dict(young.reason_args) == {"days": 2, "need": 3}


# -- the deadline ------------------------------------------------------------------------


def test_rate_target_met_or_missed_on_data_up_to_the_deadline() -> None:
    data = _frame(
        _days(D(2026, 12, 25), 7, impressions=1000, clicks=40),  # 25..31 Dec: 4 %
        _days(D(2027, 1, 1), 3, impressions=1000, clicks=0),  # after the deadline
    )
    met = evaluate(_spec("ctr", ">=", 3.0), data, as_of=D(2027, 1, 5))
    assert (met.state, met.value, met.window_end) == ("met", pytest.approx(4.0), D(2026, 12, 31))
    missed = evaluate(_spec("ctr", ">=", 5.0), data, as_of=D(2027, 1, 5))
    assert missed.state == "missed"
    # On the deadline day itself the target is still running.
    assert evaluate(_spec("ctr", ">=", 5.0), data, as_of=D(2026, 12, 31)).state == "below"


def test_cumulative_target_met_or_missed_at_the_deadline() -> None:
    data = _frame(_days(D(2026, 12, 1), 40, conversions=1))  # 1 Dec .. 9 Jan
    spec = _spec("conversions", ">=", 31, created=D(2026, 12, 1))
    met = evaluate(spec, data, as_of=D(2027, 1, 10))
    assert (met.state, met.value) == ("met", pytest.approx(31))  # 1..31 Dec
    missed = evaluate(_spec("conversions", ">=", 32, created=D(2026, 12, 1)), data, D(2027, 1, 10))
    assert (missed.state, missed.gap) == ("missed", pytest.approx(1))


# -- weekly trend -------------------------------------------------------------------------


def _weekly_ctr_data(skip_week: dt.date | None = None) -> pd.DataFrame:
    rows = []
    for week, clicks in [(D(2026, 11, 2), 10), (D(2026, 11, 9), 20), (D(2026, 11, 16), 30),
                         (D(2026, 11, 23), 40)]:  # fmt: skip
        if week != skip_week:
            rows += _days(week, 7, impressions=1000, clicks=clicks)
    rows += _days(D(2026, 11, 30), 3, impressions=1000, clicks=50)  # Mon..Wed of the last week
    return _frame(rows)


def test_trend_is_the_kpi_per_monday_week_oldest_first() -> None:
    ev = evaluate(_spec("ctr", ">=", 3.0), _weekly_ctr_data(), as_of=D(2026, 12, 3))
    assert ev.trend == (
        WeekPoint(D(2026, 11, 9), pytest.approx(2.0)),  # type: ignore[arg-type]
        WeekPoint(D(2026, 11, 16), pytest.approx(3.0)),  # type: ignore[arg-type]
        WeekPoint(D(2026, 11, 23), pytest.approx(4.0)),  # type: ignore[arg-type]
        WeekPoint(D(2026, 11, 30), pytest.approx(5.0)),  # type: ignore[arg-type]
    )
    # window: 26 Nov .. 2 Dec = 4 days at 4 % and 3 at 5 % -> (160 + 150) / 7000 x 100
    assert ev.value == pytest.approx(310 / 7000 * 100)


def test_trend_week_without_data_is_none() -> None:
    ev = evaluate(_spec("ctr", ">=", 3.0), _weekly_ctr_data(D(2026, 11, 16)), D(2026, 12, 3))
    assert [p.value for p in ev.trend][1] is None


def test_cumulative_trend_holds_weekly_sums() -> None:
    data = _frame(_days(D(2026, 11, 2), 14, reach=100))  # two full weeks
    ev = evaluate(_spec("reach", ">=", 100_000), data, as_of=D(2026, 11, 20))
    assert [p.value for p in ev.trend] == [None, None, 700.0, 700.0]


@given(
    st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 5000)), min_size=1, max_size=20),
    st.integers(1, 10),
)
def test_rate_value_is_always_the_ratio_of_window_sums(
    days: list[tuple[int, int]], window: int
) -> None:
    rows = [
        {"day": D(2026, 11, 1) + dt.timedelta(days=i), "impressions": imp, "clicks": min(c, imp)}
        for i, (imp, c) in enumerate(days)
    ]
    ev = evaluate(_spec("ctr", ">=", 3.0, window_days=window), _frame(rows), D(2026, 12, 1))
    tail = rows[-window:]
    impressions = sum(int(r["impressions"]) for r in tail)  # type: ignore[call-overload]
    clicks = sum(int(r["clicks"]) for r in tail)  # type: ignore[call-overload]
    if impressions < 1000:
        assert ev.state == "insufficient"
    else:
        assert ev.value == pytest.approx(clicks / impressions * 100)
        assert ev.state == ("ok" if clicks / impressions * 100 >= 3.0 else "below")


# --- the window goes through kpi.periods.like_for_like (trailing_window) -------------------


def test_metrics_that_lag_move_the_window_back_and_it_is_compared_like_for_like() -> None:
    # CTR data 1–26 Nov (metrics lag: today is 29 Nov): the 7-day window is 20–26 Nov, all
    # seven days with data, and the likely cause compares it with 13–19 Nov.
    # 20–26 Nov: 7 × 30 clicks / 7 × 1000 impressions = 3.0 %
    daily = _frame(
        _days(D(2026, 11, 1), 19, impressions=1000.0, clicks=10.0),
        _days(D(2026, 11, 20), 7, impressions=1000.0, clicks=30.0),
    )
    ev = evaluate(_spec("ctr", ">=", 2.0), daily, as_of=D(2026, 11, 29))
    assert (ev.window_start, ev.window_end) == (D(2026, 11, 20), D(2026, 11, 26))
    assert ev.value == pytest.approx(3.0)
    assert ev.compared_with is not None
    assert (ev.compared_with.start, ev.compared_with.end) == (D(2026, 11, 13), D(2026, 11, 19))


def test_a_window_cut_by_the_first_day_is_compared_with_as_many_days_before() -> None:
    # data from 25 Nov only, 7-day window on 28 Nov: 25–28 Nov (4 days), against 21–24 Nov
    daily = _frame(_days(D(2026, 11, 25), 4, impressions=1000.0, clicks=20.0))
    ev = evaluate(_spec("ctr", ">=", 1.0), daily, as_of=D(2026, 11, 28))
    assert (ev.window_start, ev.window_end) == (D(2026, 11, 25), D(2026, 11, 28))
    assert ev.compared_with is not None
    assert (ev.compared_with.start, ev.compared_with.end) == (D(2026, 11, 21), D(2026, 11, 24))


def test_a_cumulative_target_is_compared_with_as_many_days_before_it_was_set() -> None:
    # conversions since the target was set on 20 Nov, data through 26 Nov: 20–26 Nov (7
    # days, 7 × 3 = 21) against 13–19 Nov
    daily = _frame(_days(D(2026, 11, 1), 26, conversions=3.0))
    spec = _spec("conversions", ">=", 100.0, created=D(2026, 11, 20))
    ev = evaluate(spec, daily, as_of=D(2026, 11, 29))
    assert ev.value == pytest.approx(21.0)
    assert ev.compared_with is not None
    assert (ev.compared_with.start, ev.compared_with.end) == (D(2026, 11, 13), D(2026, 11, 19))
