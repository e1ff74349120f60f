"""kpi.unusual: the expected range of a day from the series' own history.

Series are built so the expected value is known by hand: a level plus a weekly pattern."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from kpi.registry import lookup
from kpi.unusual import THRESHOLD, daily_values, expected_range, judge

MONDAY = dt.date(2026, 9, 7)
#: Monday .. Sunday; sums to 0 so the level is the weekly mean
PATTERN = [20.0, 10.0, 0.0, -5.0, -5.0, -10.0, -10.0]


def _series(days: int, level: float = 100.0, noise: list[float] | None = None) -> pd.Series:
    values = [level + PATTERN[i % 7] + (noise[i] if noise else 0.0) for i in range(days)]
    return pd.Series(values, index=[MONDAY + dt.timedelta(days=i) for i in range(days)])


def _with(series: pd.Series, day: dt.date, value: float) -> pd.Series:
    return pd.concat([series, pd.Series([value], index=[day])])


def test_expected_is_level_plus_weekday() -> None:
    history = _series(56)  # 8 weeks; the next day is Monday 2 Nov
    day = MONDAY + dt.timedelta(days=56)
    assert day == dt.date(2026, 11, 2)
    verdict = expected_range(_with(history, day, 120.0), day)
    # level 100 + Monday's +20; no noise, so the range is the 5 % never called unusual:
    # 120 - 6 .. 120 + 6
    assert verdict.status == "usual"
    assert verdict.expected == pytest.approx(120.0, abs=1e-6)
    assert verdict.low == pytest.approx(114.0, abs=1e-6)
    assert verdict.high == pytest.approx(126.0, abs=1e-6)
    assert verdict.history_days == 56
    # 130 is 10 above (more than 5 % of 120): high; 80 is 40 below: low
    assert expected_range(_with(history, day, 130.0), day).status == "high"
    assert expected_range(_with(history, day, 80.0), day).status == "low"
    # 123 is within 5 % of 120 (6): a flat series never alarms on a tiny move
    assert expected_range(_with(history, day, 123.0), day).status == "usual"


def test_a_saturday_is_expected_low() -> None:
    history = _series(61)  # ends Friday 6 Nov; Saturday expected 100 - 10 = 90
    day = MONDAY + dt.timedelta(days=61)
    assert day.weekday() == 5
    verdict = expected_range(_with(history, day, 90.0), day)
    assert verdict.expected == pytest.approx(90.0, abs=1e-6)
    assert verdict.status == "usual"
    # 120 would be a normal Monday, but is unusual for a Saturday
    assert expected_range(_with(history, day, 120.0), day).status == "high"


def test_range_width_follows_the_noise() -> None:
    rng = np.random.default_rng(7)
    noise = list(rng.normal(0.0, 4.0, 56))
    history = _series(56, noise=noise)
    day = MONDAY + dt.timedelta(days=56)
    verdict = expected_range(_with(history, day, 121.0), day)
    assert verdict.status == "usual"
    assert verdict.expected is not None and verdict.low is not None and verdict.high is not None
    assert abs(verdict.expected - 120.0) < 4.0  # the level of 21 days: sd about 1
    width = verdict.high - verdict.low  # 2 x 3.5 spreads; a spread is about 4 (x 1.25 or so)
    assert 2 * THRESHOLD * 4.0 * 0.6 < width < 2 * THRESHOLD * 4.0 * 2.5
    # ten noise deviations above is unusual, and so is ten below
    assert expected_range(_with(history, day, 160.0), day).status == "high"
    assert expected_range(_with(history, day, 80.0), day).status == "low"


def test_a_week_shifted_up_is_unusual_over_the_week() -> None:
    rng = np.random.default_rng(3)
    noise = list(rng.normal(0.0, 4.0, 63))
    series = _series(63, noise=noise)
    last = MONDAY + dt.timedelta(days=62)
    shifted = series.copy()
    shifted.iloc[-7:] += 16.0  # four noise deviations, every day of the last week
    assert expected_range(series, last, window=7).status == "usual"
    verdict = expected_range(shifted, last, window=7)
    assert verdict.status == "high"
    # the week's typical day: level 100 + the pattern's mean 0 + 16 (+ the noise's median)
    assert verdict.value == pytest.approx(116.0, abs=3.0)
    assert verdict.window == 7


def test_quiet_without_enough_history() -> None:
    history = _series(27)
    day = MONDAY + dt.timedelta(days=27)
    verdict = expected_range(_with(history, day, 500.0), day)
    assert verdict.status == "quiet"
    assert verdict.reason == "unusual.quiet.history"
    assert dict(verdict.reason_args) == {"days": 27, "needed": 28}
    assert not verdict.unusual


def test_quiet_when_the_day_has_no_value() -> None:
    history = _series(56)
    day = MONDAY + dt.timedelta(days=56)
    verdict = expected_range(_with(history, day, math.nan), day)
    assert verdict.status == "quiet"
    assert verdict.reason == "unusual.quiet.volume"


def test_gaps_in_history_are_bridged() -> None:
    history = _series(56)
    history.iloc[[10, 20, 30]] = math.nan  # 53 days with a value
    day = MONDAY + dt.timedelta(days=56)
    verdict = expected_range(_with(history, day, 120.0), day)
    assert verdict.history_days == 53
    assert verdict.expected == pytest.approx(120.0, abs=1e-6)


def test_daily_values_leave_out_days_with_too_little_volume() -> None:
    frame = pd.DataFrame(
        [
            {"day": dt.date(2026, 11, 2), "spend": 100.0, "conversions": 5.0},  # CPA 20
            {"day": dt.date(2026, 11, 3), "spend": 100.0, "conversions": 2.0},  # 2 < 3: left out
            {"day": dt.date(2026, 11, 4), "spend": 90.0, "conversions": None},  # not reported
            {"day": dt.date(2026, 11, 5), "spend": 150.0, "conversions": 3.0},  # CPA 50
        ]
    )
    values = daily_values(lookup("cpa"), frame)
    assert values[dt.date(2026, 11, 2)] == pytest.approx(20.0)
    assert math.isnan(values[dt.date(2026, 11, 3)])
    assert math.isnan(values[dt.date(2026, 11, 4)])
    assert values[dt.date(2026, 11, 5)] == pytest.approx(50.0)
    # a sum has no volume guard: spend per day as it is
    spend = daily_values(lookup("spend"), frame)
    assert list(spend) == [100.0, 100.0, 90.0, 150.0]


def test_judge_names_a_spike_by_its_day_and_a_shift_by_its_week() -> None:
    series = _series(63)  # no noise: the 5 % band decides
    last = MONDAY + dt.timedelta(days=62)  # a Sunday: expected 100 - 10 = 90
    spiked = series.copy()
    spiked.iloc[-1] = 150.0
    verdict = judge(spiked, last)
    assert (verdict.status, verdict.window, verdict.value) == ("high", 1, 150.0)
    # the day after a spike is usual again: one spike does not move its week's typical day
    after = pd.concat([series, pd.Series([120.0], index=[last + dt.timedelta(days=1)])])
    after.iloc[-2] = 150.0
    assert judge(after, last + dt.timedelta(days=1)).status == "usual"
    # the whole last week 20 % lower, the Sunday itself within 5 % of its usual 90
    shifted = series.copy()
    shifted.iloc[-7:-1] *= 0.8
    shifted.iloc[-1] = 88.0
    week = judge(shifted, last)
    assert (week.status, week.window) == ("low", 7)
