"""What is usual for a series: the expected range of a day from the series' own history.

A campaign x KPI series (one value a day) over the HISTORY_DAYS days before the judged
days is split by STL (statsmodels, weekly period, robust) into a weekday pattern and the
rest. The expected value of a day is the level the series continues at (the median of the
last LEVEL_DAYS days without their weekday pattern: robust to a spike, follows the trend
with a lag) plus that weekday's pattern. The spread is measured, not assumed: the same
forecast made inside the history (each day, or each week's median, against the level of the
LEVEL_DAYS days before it) misses by a robust standard deviation (1.4826 x the median
absolute deviation of those misses), times FORECAST_SPREAD for what the in-history misses
cannot see. A day (or a week's typical day, the median of its days' differences from
what was expected: a shift of the level, not one spike) is "unusual" when it lies more
than THRESHOLD (a week: WEEK_THRESHOLD) spreads from the expected value and at least
MIN_RELATIVE of it away (a flat series never alarms on a tiny move; the range shown is at
least that wide).

It says nothing (``status == "quiet"``, with the reason) with fewer than MIN_HISTORY_DAYS
days of history, or when the judged day itself has no value (no data, or too little volume:
``daily_values`` leaves out days whose denominator is under DAILY_MIN_VOLUME). The
thresholds are what `make bench` (bench/unusual_bench.py) backtests. Pure: no clock, the
day is passed in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from kpi.frame_totals import totals_by_day
from kpi.metric import Kpi
from kpi.registry import compute
from kpi.totals import Totals

#: Days of history the expected range is fitted on (eight weeks).
HISTORY_DAYS = 56
#: Fewer days with a value than this before the judged day: nothing is said.
MIN_HISTORY_DAYS = 28
#: Spreads from the expected value beyond which a day is unusual: high, so a day alone
#: alarms only on a big spike (the backtest: under 1 false alarm a campaign-quarter).
THRESHOLD = 5.0
#: Spreads beyond which a week's typical day is unusual: a shift of the level.
WEEK_THRESHOLD = 3.25
#: A one-day-ahead forecast misses by more than the fit's residuals show.
FORECAST_SPREAD = 1.25
#: The days of the longer window judged: a shift of the level shows in a week's mean.
WEEK = 7
#: Days of deseasonalised history whose median is the level a series continues at.
LEVEL_DAYS = 21
#: STL's seasonal smoother (odd, locally constant): a weekday pattern that changes slowly
#: over the weeks (a local line bends the last weeks' pattern after a few noisy ones).
SEASONAL_SMOOTHER = 15
#: A day within this share of the expected value is never unusual.
MIN_RELATIVE = 0.05
#: MAD to a normal standard deviation.
MAD_TO_SIGMA = 1.4826
#: A rate KPI's day is judged only when its denominator reached this (a day's volume).
DAILY_MIN_VOLUME: Mapping[str, float] = MappingProxyType(
    {
        "impressions": 500,
        "reach": 250,
        "clicks": 20,
        "conversions": 3,
        "leads": 3,
        "video_views": 50,
        "followers_at_start": 100,
        "ad_spend": 10,
        "total_cost": 10,
        "posts": 1,
    }
)

Status = Literal["usual", "high", "low", "quiet"]


@dataclass(frozen=True)
class Verdict:
    """One day judged against its expected range. ``quiet``: nothing is said, ``reason`` is
    the i18n key why (with ``reason_args``); otherwise ``expected``, ``low`` and ``high``
    are set and ``status`` says where ``value`` lies."""

    day: dt.date
    value: float | None
    status: Status
    expected: float | None = None
    low: float | None = None
    high: float | None = None
    z: float | None = None
    history_days: int = 0
    reason: str | None = None
    reason_args: Mapping[str, object] = field(default_factory=dict)
    #: days judged: 1 (the day) or WEEK (the typical day of the week to it)
    window: int = 1

    @property
    def unusual(self) -> bool:
        return self.status in ("high", "low")


def _quiet(day: dt.date, value: float | None, reason: str, **args: object) -> Verdict:
    return Verdict(day, value, "quiet", reason=reason, reason_args=args)


def daily_values(kpi: Kpi, daily: pd.DataFrame, ltv: float | None = None) -> pd.Series:
    """The KPI per day of ``daily`` (a ``day`` column and the counters, one row a day),
    indexed by date; NaN where it is n/a or, for a rate KPI, its denominator is under
    DAILY_MIN_VOLUME."""
    if not len(daily):
        return pd.Series([], dtype="float64")
    return _values_of(kpi, totals_by_day(daily, ltv))


def _values_of(kpi: Kpi, by_day: Mapping[dt.date, Totals]) -> pd.Series:
    """daily_values from the frame's totals per day (kpi.frame_totals.totals_by_day)."""
    if not by_day:
        return pd.Series([], dtype="float64")
    minimum = DAILY_MIN_VOLUME.get(kpi.denominator or "", 0.0)
    values: dict[dt.date, float] = {}
    for day, totals in by_day.items():
        result = compute(kpi, totals)
        volume = result.terms.get(kpi.denominator) if kpi.denominator else None
        if result.value is None or (kpi.denominator and (volume or 0.0) < minimum):
            values[day] = math.nan
        else:
            values[day] = result.value
    return pd.Series(values, dtype="float64")


def expected_range(
    values: pd.Series,
    day: dt.date,
    *,
    window: int = 1,
    threshold: float | None = None,
    history_days: int = HISTORY_DAYS,
    min_history: int = MIN_HISTORY_DAYS,
) -> Verdict:
    """Judge ``values`` (a series indexed by date; NaN or absent: no value) on ``day`` —
    with ``window`` > 1, the typical day of the ``window`` days ending at ``day`` (the
    median of their differences from what was expected, so one spike does not move it) —
    against the range expected from the ``history_days`` days before those days. The
    threshold: THRESHOLD for a day, WEEK_THRESHOLD for a longer window, unless given."""
    if threshold is None:
        threshold = THRESHOLD if window == 1 else WEEK_THRESHOLD
    first = day - dt.timedelta(days=window - 1)
    shown = values.reindex([first + dt.timedelta(days=i) for i in range(window)])
    shown = shown.astype("float64").dropna()
    start = first - dt.timedelta(days=history_days)
    history = values.reindex([start + dt.timedelta(days=i) for i in range(history_days)])
    history = history.astype("float64")
    known = history.dropna()
    last = float(shown[day]) if day in shown.index else None
    if len(known) < min_history:
        return _quiet(day, last, "unusual.quiet.history", days=len(known), needed=min_history)
    if last is None:
        return _quiet(day, last, "unusual.quiet.volume")
    # from the first day with a value; the gaps between filled in from their neighbours
    series = history.loc[known.index[0] :].interpolate(limit_direction="both").to_numpy()
    level, seasonal, spread = _fit(series, window)
    pattern = [seasonal[(d - first).days % 7] for d in shown.index]
    expected = level + float(np.mean(pattern))
    moved = float(np.median(shown.to_numpy() - np.asarray(pattern) - level))
    value = expected + moved
    spread = max(spread, 1e-12)
    z = moved / spread
    band = MIN_RELATIVE * abs(expected)
    low = expected - max(threshold * spread, band)
    high = expected + max(threshold * spread, band)
    if float(known.min()) >= 0:  # a series that is never negative is not expected to be
        low = max(low, 0.0)
    status: Status = "usual"
    if abs(z) > threshold and abs(moved) >= band:
        status = "high" if z > 0 else "low"
    return Verdict(day, value, status, expected, low, high, z, len(known), window=window)


def _fit(series: np.ndarray, window: int) -> tuple[float, np.ndarray, float]:
    """From ``series`` (one value a day): the level it continues at, the weekday pattern of
    the days after it (7 values, from the first day after), and the spread of the same
    forecast's misses inside the history (of a day; for the median of ``window`` days
    scaled by _window_factor)."""
    # Imported here: statsmodels takes seconds to import, and only this needs it.
    from statsmodels.tsa.seasonal import STL

    fit = STL(series, period=7, robust=True, seasonal=SEASONAL_SMOOTHER, seasonal_deg=0).fit()
    seasonal = np.asarray(fit.seasonal, dtype="float64")
    plain = series - seasonal
    level = float(np.median(plain[-LEVEL_DAYS:]))
    ahead = np.array([seasonal[len(series) - 7 + i] for i in range(7)])
    misses = [
        float(plain[j] - np.median(plain[j - LEVEL_DAYS : j]))
        for j in range(LEVEL_DAYS, len(series))
    ]
    if len(misses) < 7:
        misses = list(fit.resid)
    errors = np.asarray(misses, dtype="float64")
    day = MAD_TO_SIGMA * float(np.median(np.abs(errors - np.median(errors))))
    return level, ahead, day * _window_factor(window) * FORECAST_SPREAD


def warm_up() -> None:
    """Import what ``_fit`` needs (seconds), so a server pays for it before its first reply."""
    from statsmodels.tsa.seasonal import STL  # noqa: F401


def _window_factor(window: int) -> float:
    """The spread of the median of ``window`` days' misses against one day's: the day's
    miss is noise plus the level's error (the median of LEVEL_DAYS days, variance
    pi/2 / LEVEL_DAYS of the noise's); a median of ``window`` days has pi/2 / window of it.
    Measured on the days' misses (many) rather than the weeks' (few, overlapping)."""
    if window == 1:
        return 1.0
    level = math.pi / 2 / LEVEL_DAYS
    return math.sqrt((math.pi / 2 / window + level) / (1 + level))


def judge(values: pd.Series, day: dt.date) -> Verdict:
    """``day`` judged as users and alerts see it: the day itself when it is unusual (a
    spike), else its week when the week's typical day is (a shift of the level), else the
    day with its usual range."""
    single = expected_range(values, day)
    if single.unusual or single.status == "quiet":
        return single
    week = expected_range(values, day, window=WEEK)
    return week if week.unusual else single


def judge_last(kpi: Kpi, daily: pd.DataFrame, day: dt.date, ltv: float | None = None) -> Verdict:
    """The KPI of ``day`` judged (``judge``) from ``daily``'s rows up to it."""
    return judge(daily_values(kpi, _upto(daily, day), ltv), day)


def judge_last_many(
    kpis: Sequence[Kpi], daily: pd.DataFrame, day: dt.date, ltv: float | None = None
) -> dict[str, Verdict]:
    """``judge_last`` of each KPI (by name) from one frame: the frame is summed per day once
    for all of them, each verdict is the one ``judge_last`` gives."""
    rows = _upto(daily, day)
    by_day = totals_by_day(rows, ltv) if len(rows) else {}
    return {kpi.name: judge(_values_of(kpi, by_day), day) for kpi in kpis}


def _upto(daily: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    return daily[[pd.Timestamp(d).date() <= day for d in daily["day"]]] if len(daily) else daily
