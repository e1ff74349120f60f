"""What is usual for a series: the expected range of one day from the series' own history.

A campaign x KPI series (one value a day) is split by STL (statsmodels, weekly period,
robust) over the HISTORY_DAYS days before the judged day into trend, weekday pattern and
residual. The day's expected value is the last trend value plus the weekday's seasonal
value; its spread is the residuals' robust standard deviation (1.4826 x their median
absolute deviation) times FORECAST_SPREAD (a forecast one day ahead misses by more than the
fit does). The day is "unusual" when it lies more than THRESHOLD spreads from the expected
value and at least MIN_RELATIVE of it away (a flat series never alarms on a tiny move).

It says nothing (``status == "quiet"``, with the reason) with fewer than MIN_HISTORY_DAYS
days of history, or when the judged day itself has no value (no data, or too little volume:
``daily_values`` leaves out days whose denominator is under DAILY_MIN_VOLUME). The
thresholds are what `make bench` (bench/unusual_bench.py) backtests. Pure: no clock, the
day is passed in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from kpi.metric import Kpi
from kpi.registry import compute
from kpi.targets import totals_of

#: Days of history the expected range is fitted on (eight weeks).
HISTORY_DAYS = 56
#: Fewer days with a value than this before the judged day: nothing is said.
MIN_HISTORY_DAYS = 28
#: Spreads from the expected value beyond which a day is unusual.
THRESHOLD = 3.5
#: A one-day-ahead forecast misses by more than the fit's residuals show.
FORECAST_SPREAD = 1.25
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
    days = sorted({pd.Timestamp(d).date() for d in daily["day"]})
    minimum = DAILY_MIN_VOLUME.get(kpi.denominator or "", 0.0)
    values: dict[dt.date, float] = {}
    for day in days:
        result = compute(kpi, totals_of(daily, day, day, ltv))
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
    threshold: float = THRESHOLD,
    history_days: int = HISTORY_DAYS,
    min_history: int = MIN_HISTORY_DAYS,
) -> Verdict:
    """Judge the mean of ``values`` over the ``window`` days ending at ``day`` (a series
    indexed by date; NaN or absent: no value) against the range expected from the
    ``history_days`` days before that window."""
    first = day - dt.timedelta(days=window - 1)
    shown = values.reindex([first + dt.timedelta(days=i) for i in range(window)])
    shown = shown.astype("float64").dropna()
    value = float(shown.mean()) if len(shown) else None
    start = first - dt.timedelta(days=history_days)
    history = values.reindex([start + dt.timedelta(days=i) for i in range(history_days)])
    history = history.astype("float64")
    known = history.dropna()
    if len(known) < min_history:
        return _quiet(day, value, "unusual.quiet.history", days=len(known), needed=min_history)
    if value is None or day not in shown.index:
        return _quiet(day, value, "unusual.quiet.volume")
    # from the first day with a value; the gaps between filled in from their neighbours
    series = history.loc[known.index[0] :].interpolate(limit_direction="both").to_numpy()
    level, seasonal, spread = _fit(series, window)
    offsets = [(d - first).days for d in shown.index]
    expected = level + float(np.mean([seasonal[o % 7] for o in offsets]))
    spread = max(spread, 1e-12)
    z = (value - expected) / spread
    low, high = expected - threshold * spread, expected + threshold * spread
    far = abs(value - expected) >= MIN_RELATIVE * abs(expected)
    status: Status = "usual"
    if abs(z) > threshold and far:
        status = "high" if z > 0 else "low"
    return Verdict(day, value, status, expected, low, high, z, len(known))


def _fit(series: np.ndarray, window: int) -> tuple[float, np.ndarray, float]:
    """From ``series`` (one value a day): the level it continues at, the weekday pattern of
    the ``window`` days after it (7 values, from the first day after), and the spread of a
    ``window``-day mean around level + pattern."""
    # Imported here: statsmodels takes seconds to import, and only this needs it.
    from statsmodels.tsa.seasonal import STL

    fit = STL(series, period=7, robust=True, seasonal=SEASONAL_SMOOTHER, seasonal_deg=0).fit()
    seasonal = np.asarray(fit.seasonal, dtype="float64")
    plain = series - seasonal
    level = float(np.median(plain[-LEVEL_DAYS:]))
    ahead = np.array([seasonal[len(series) - 7 + i] for i in range(7)])
    # the same forecast made inside the history: its misses give the spread
    misses = [
        float(np.mean(plain[j : j + window]) - np.median(plain[j - LEVEL_DAYS : j]))
        for j in range(LEVEL_DAYS, len(series) - window + 1)
    ]
    if len(misses) < 7:
        misses = list(fit.resid)
    errors = np.asarray(misses, dtype="float64")
    mad = float(np.median(np.abs(errors - np.median(errors))))
    return level, ahead, MAD_TO_SIGMA * mad * FORECAST_SPREAD


def judge_last(
    kpi: Kpi, daily: pd.DataFrame, day: dt.date, ltv: float | None = None, window: int = 1
) -> Verdict:
    """The KPI of ``day`` (the mean of the ``window`` days to it) judged against its usual
    range, from ``daily``'s rows up to it."""
    rows = daily[[pd.Timestamp(d).date() <= day for d in daily["day"]]] if len(daily) else daily
    return expected_range(daily_values(kpi, rows, ltv), day, window=window)
