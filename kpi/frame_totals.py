"""Totals from a daily frame (one row per day, or per day and platform: a `day` column, the
counters, REACH_SPLIT_COLUMNS and optionally `cost_<category>` and `staff_hours`): over a
period (`totals_of`), or for every day at once (`totals_by_day`, what a series of daily KPI
values needs without filtering the frame once per day)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi.counters import COST_CATEGORIES, COUNTERS
from kpi.reach import REACH_SPLIT_COLUMNS, split_of_sums
from kpi.totals import Totals


def day_series(daily: pd.DataFrame) -> pd.Series:
    """The `day` column as datetime.date values, on the frame's index."""
    return pd.Series([_date(d) for d in daily["day"]], index=daily.index)


def _date(value: object) -> dt.date:
    # storage's frames hold dates already: only other values go through pd.Timestamp
    if type(value) is dt.date:
        return value
    found: dt.date = pd.Timestamp(value).date()  # type: ignore[arg-type]
    return found


@dataclass(frozen=True, slots=True)
class FrameColumns:
    """A daily frame's columns as numpy arrays, taken out once: `days` (datetime.date per
    row), the counters and reach split columns it has, its ``cost_<category>`` columns,
    ``staff_hours`` (None without it)."""

    days: np.ndarray
    sums: dict[str, np.ndarray]
    costs: dict[str, np.ndarray]
    hours: np.ndarray | None

    def __len__(self) -> int:
        return len(self.days)

    def rows(self, keep: np.ndarray | slice) -> FrameColumns:
        """The chosen rows (a boolean mask or a slice), in the same order: the columns of
        the frame filtered the same way."""
        return FrameColumns(
            self.days[keep],
            {n: column[keep] for n, column in self.sums.items()},
            {c: column[keep] for c, column in self.costs.items()},
            None if self.hours is None else self.hours[keep],
        )

    def day_mask(self, start: dt.date | None, end: dt.date | None) -> np.ndarray:
        """True for the rows with ``start <= day <= end`` (None: no bound)."""
        return np.fromiter(
            ((start is None or start <= d) and (end is None or d <= end) for d in self.days),
            dtype=bool,
            count=len(self.days),
        )


def columns_of(daily: pd.DataFrame | FrameColumns) -> FrameColumns:
    """The frame's columns for `totals_in` (for several periods of one frame)."""
    if isinstance(daily, FrameColumns):
        return daily
    present = set(daily.columns)
    names = [n for n in (*COUNTERS, *REACH_SPLIT_COLUMNS) if n in present]
    costs = [f"cost_{c}" for c in COST_CATEGORIES if f"cost_{c}" in present]
    wanted = [*names, *costs, *(["staff_hours"] if "staff_hours" in present else [])]
    kinds = daily.dtypes
    floats = [n for n in wanted if kinds[n] == np.float64]
    # storage's float64 columns in one block; others converted one by one (as _numbers)
    block = daily[floats].to_numpy(dtype="float64") if floats else None
    found = {n: block[:, j] for j, n in enumerate(floats)} if block is not None else {}
    for n in wanted:
        if n not in found:
            found[n] = _numbers(daily, n)
    return FrameColumns(
        days=np.asarray([_date(d) for d in daily["day"]], dtype=object),
        sums={n: found[n] for n in names},
        costs={c: found[f"cost_{c}"] for c in COST_CATEGORIES if f"cost_{c}" in present},
        hours=found.get("staff_hours"),
    )


def totals_of(
    daily: pd.DataFrame, start: dt.date, end: dt.date, ltv_per_customer: float | None = None
) -> Totals:
    """The Totals of the rows with ``start <= day <= end``: each counter column summed (None
    when no row reports it), ``cost_<category>`` columns as costs, ``staff_hours`` summed,
    ``days`` = end - start + 1, followers at start = ``followers`` on the first day that has
    it. Summed with numpy over the chosen rows in day order (no frame is filtered)."""
    return totals_in(columns_of(daily), start, end, ltv_per_customer)


def totals_in(
    columns: FrameColumns, start: dt.date, end: dt.date, ltv_per_customer: float | None = None
) -> Totals:
    """`totals_of` of the frame ``columns`` were taken from."""
    days = columns.days
    chosen = [i for i, d in enumerate(days) if start <= d <= end]
    at = sorted(chosen, key=lambda i: days[i])  # stable: a day's rows in the frame's order
    sums = {n: _sum(column, at) for n, column in columns.sums.items()}
    costs = {c: float(np.nan_to_num(column[at], nan=0.0).sum())
             for c, column in columns.costs.items()}  # fmt: skip
    hours = 0.0
    if columns.hours is not None:
        hours = float(np.nan_to_num(columns.hours[at], nan=0.0).sum())
    first = None
    if "followers" in columns.sums:
        followers = columns.sums["followers"][at]
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
