"""kpi.frame_totals.totals_by_day: every day's Totals at once, equal to totals_of over that
day alone (what the unusual check used to compute day by day)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.frame_totals import totals_by_day, totals_of

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
