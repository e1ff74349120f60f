"""kpi.frame_totals: totals_of (numpy over the chosen rows) equals the pandas filtering it
replaced, over random periods; totals_by_day gives every day's Totals at once, equal to
totals_of over that day alone (what the unusual check used to compute day by day)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.counters import COST_CATEGORIES, COUNTERS
from kpi.frame_totals import day_series, totals_by_day, totals_of
from kpi.reach import REACH_SPLIT_COLUMNS, split_of_sums
from kpi.totals import Totals

DAY = dt.date(2026, 9, 1)
COLUMNS = ("impressions", "clicks", "spend", "reach", "followers", "rows_without_reach")
maybe = st.one_of(st.none(), st.integers(0, 10_000).map(float), st.floats(0, 1e6))
rows = st.lists(
    st.tuples(st.integers(0, 9), st.lists(maybe, min_size=len(COLUMNS), max_size=len(COLUMNS)),
              st.floats(0, 500), st.floats(0, 8)),
    max_size=25,
)  # fmt: skip


def _frame(found: list[tuple[int, list[float | None], float, float]]) -> pd.DataFrame:
    data = [
        {"day": DAY + dt.timedelta(days=offset), **dict(zip(COLUMNS, values, strict=True)),
         "cost_tools": tools, "staff_hours": hours}
        for offset, values, tools, hours in found
    ]  # fmt: skip
    columns = ["day", *COLUMNS, "cost_tools", "staff_hours"]
    return pd.DataFrame(data, columns=columns)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (math.isnan(a) and math.isnan(b))


@settings(max_examples=150, deadline=None)
@given(rows)
def test_every_day_equals_totals_of_that_day(found: list) -> None:  # type: ignore[type-arg]
    daily = _frame(sorted(found, key=lambda row: row[0]))
    by_day = totals_by_day(daily, 12.5)
    assert sorted(by_day) == sorted({DAY + dt.timedelta(days=o) for o, *_ in found})
    for day, got in by_day.items():
        want = totals_of(daily, day, day, 12.5)
        assert set(got.counters) == set(want.counters)
        assert all(_same(got.counters[k], want.counters[k]) for k in want.counters)
        assert dict(got.costs) == dict(want.costs)
        assert got.staff_hours == want.staff_hours and got.days == want.days == 1
        assert _same(got.followers_at_start, want.followers_at_start)
        assert got.reach_basis == want.reach_basis and dict(got.with_reach) == dict(want.with_reach)
        assert got.ltv_per_customer == 12.5


def test_a_day_by_hand() -> None:
    daily = _frame([(0, [100.0, 4.0, 2.5, None, 30.0, None], 10.0, 0.0),
                    (0, [50.0, None, 1.5, None, None, None], 0.0, 2.0),
                    (2, [None, None, None, None, None, None], 0.0, 0.0)])  # fmt: skip
    got = totals_by_day(daily)
    first = got[DAY]
    assert first.get("impressions") == 150.0 and first.get("clicks") == 4.0
    assert first.get("spend") == 4.0 and first.get("reach") is None
    assert first.followers_at_start == 30.0 and dict(first.costs) == {"tools": 10.0}
    assert first.staff_hours == 2.0
    empty = got[DAY + dt.timedelta(days=2)]
    assert empty.get("impressions") is None and not empty.costs


def _pandas_totals_of(
    daily: pd.DataFrame, start: dt.date, end: dt.date, ltv: float | None
) -> Totals:
    """totals_of as it was written with pandas (before numpy), the reference."""
    rows = daily[(day_series(daily) >= start) & (day_series(daily) <= end)].sort_values(
        "day", kind="stable"
    )
    sums: dict[str, float | None] = {}
    for name in (*COUNTERS, *REACH_SPLIT_COLUMNS):
        if name in rows.columns:
            column = pd.to_numeric(rows[name], errors="coerce").dropna()
            sums[name] = float(column.sum()) if len(column) else None
    basis, with_reach = split_of_sums(sums)
    costs = {cat: float(pd.to_numeric(rows[f"cost_{cat}"], errors="coerce").fillna(0).sum())
             for cat in COST_CATEGORIES if f"cost_{cat}" in rows.columns}  # fmt: skip
    hours = rows["staff_hours"] if "staff_hours" in rows.columns else pd.Series([], dtype=float)
    followers = pd.to_numeric(rows["followers"], errors="coerce").dropna()
    return Totals(
        counters={name: sums[name] for name in COUNTERS if name in sums},
        costs={k: v for k, v in costs.items() if v},
        staff_hours=float(pd.to_numeric(hours, errors="coerce").fillna(0).sum()),
        days=(end - start).days + 1, ltv_per_customer=ltv,
        followers_at_start=float(followers.iloc[0]) if len(followers) else None,
        reach_basis=basis, with_reach=with_reach,
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(-2, 11), st.integers(0, 12))
def test_totals_of_equals_the_pandas_filtering(found: list, first: int, length: int) -> None:  # type: ignore[type-arg]
    daily = _frame(found)  # in any order: a period's rows are taken in day order
    start = DAY + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length)
    got, want = totals_of(daily, start, end, 3.0), _pandas_totals_of(daily, start, end, 3.0)
    assert set(got.counters) == set(want.counters)
    assert all(_same(got.counters[k], want.counters[k]) for k in want.counters)
    assert dict(got.costs) == dict(want.costs) and got.staff_hours == want.staff_hours
    assert got.days == want.days and _same(got.followers_at_start, want.followers_at_start)
    assert got.reach_basis == want.reach_basis and dict(got.with_reach) == dict(want.with_reach)
