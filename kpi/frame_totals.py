"""Totals from a daily frame (one row per day, or per day and platform: a `day` column, the
counters, REACH_SPLIT_COLUMNS and optionally `cost_<category>` and `staff_hours`): over a
period (`totals_of`), or for every day at once (`totals_by_day`, what a series of daily KPI
values needs without filtering the frame once per day)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from kpi.counters import COST_CATEGORIES, COUNTERS
from kpi.reach import REACH_SPLIT_COLUMNS, split_of_sums
from kpi.totals import Totals


def day_series(daily: pd.DataFrame) -> pd.Series:
    """The `day` column as datetime.date values, on the frame's index."""
    return pd.Series([pd.Timestamp(d).date() for d in daily["day"]], index=daily.index)


def totals_of(
    daily: pd.DataFrame, start: dt.date, end: dt.date, ltv_per_customer: float | None = None
) -> Totals:
    """The Totals of the rows with ``start <= day <= end``: each counter column summed (None
    when no row reports it), ``cost_<category>`` columns as costs, ``staff_hours`` summed,
    ``days`` = end - start + 1, followers at start = ``followers`` on the first day that has
    it. Summed with numpy over the chosen rows in day order (no frame is filtered)."""
    days = np.asarray(day_series(daily).to_numpy(), dtype=object)
    chosen = [i for i, d in enumerate(days) if start <= d <= end]
    at = sorted(chosen, key=lambda i: days[i])  # stable: a day's rows in the frame's order
    names = [n for n in (*COUNTERS, *REACH_SPLIT_COLUMNS) if n in daily.columns]
    sums = {n: _sum(_numbers(daily, n), at) for n in names}
    costs = {c: float(np.nan_to_num(_numbers(daily, f"cost_{c}")[at], nan=0.0).sum())
             for c in COST_CATEGORIES if f"cost_{c}" in daily.columns}  # fmt: skip
    hours = 0.0
    if "staff_hours" in daily.columns:
        hours = float(np.nan_to_num(_numbers(daily, "staff_hours")[at], nan=0.0).sum())
    first = None
    if "followers" in daily.columns:
        followers = _numbers(daily, "followers")[at]
        known = followers[~np.isnan(followers)]
        first = float(known[0]) if len(known) else None
    return _totals(sums, costs, hours, (end - start).days + 1, ltv_per_customer, first)


def totals_by_day(
    daily: pd.DataFrame, ltv_per_customer: float | None = None
) -> dict[dt.date, Totals]:
    """``totals_of(daily, d, d, ltv_per_customer)`` for every day ``d`` of the frame, in one
    pass over its columns (a day of several rows: summed in the frame's order)."""
    if not len(daily):
        return {}
    rows_of: dict[dt.date, list[int]] = {}
    for i, day in enumerate(day_series(daily)):
        rows_of.setdefault(day, []).append(i)
    names = [n for n in (*COUNTERS, *REACH_SPLIT_COLUMNS) if n in daily.columns]
    values = {n: _numbers(daily, n) for n in names}
    costs = {c: np.nan_to_num(_numbers(daily, f"cost_{c}"), nan=0.0)
             for c in COST_CATEGORIES if f"cost_{c}" in daily.columns}  # fmt: skip
    hours = np.nan_to_num(_numbers(daily, "staff_hours"), nan=0.0) if (
        "staff_hours" in daily.columns
    ) else None  # fmt: skip
    followers = values.get("followers")
    out: dict[dt.date, Totals] = {}
    for day in sorted(rows_of):
        at = rows_of[day]
        sums = {n: _sum(values[n], at) for n in names}
        first = None
        if followers is not None:
            known = [followers[i] for i in at if not math.isnan(followers[i])]
            first = float(known[0]) if known else None
        out[day] = _totals(
            sums,
            {c: float(column[at].sum()) for c, column in costs.items()},
            0.0 if hours is None else float(hours[at].sum()),
            1,
            ltv_per_customer,
            first,
        )
    return out


def _numbers(daily: pd.DataFrame, column: str) -> np.ndarray:
    found = daily[column]
    if found.dtype == np.float64:  # storage's frames: converted once when read
        return found.to_numpy()
    return pd.to_numeric(found, errors="coerce").to_numpy(dtype="float64")


def _sum(column: np.ndarray, at: list[int]) -> float | None:
    picked = column[at]
    picked = picked[~np.isnan(picked)]
    return float(picked.sum()) if len(picked) else None


def _totals(
    sums: dict[str, float | None],
    costs: dict[str, float],
    hours: float,
    days: int,
    ltv: float | None,
    followers: float | None,
) -> Totals:
    basis, with_reach = split_of_sums(sums)
    return Totals(
        counters={name: sums[name] for name in COUNTERS if name in sums},
        costs={k: v for k, v in costs.items() if v},
        staff_hours=hours,
        days=days,
        ltv_per_customer=ltv,
        followers_at_start=followers,
        reach_basis=basis,
        with_reach=with_reach,
    )
