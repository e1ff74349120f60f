"""totals_by_week reads the weekly frame column by column (it runs for every digest of a
tick); its Totals are the ones of reading it row by row, as records, on any frame."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.counters import COUNTERS
from kpi.reach import split_of_sums
from kpi.totals import Totals
from kpi.weeks import COST_COLUMNS, totals_by_week

MONDAY = dt.date(2026, 10, 5)


def _none(value: object) -> float | None:
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def by_records(weekly: pd.DataFrame, ltv: dict[str, float | None]) -> dict[object, Totals]:
    """The row-by-row reading: one record at a time, as to_dict("records") gives it."""
    found = {}
    counters = [c for c in COUNTERS if c in weekly.columns]
    costs = [c for c in COST_COLUMNS if c in weekly.columns]
    for row in weekly.to_dict("records"):
        sums = {c: _none(row[c]) for c in counters}
        basis, with_reach = split_of_sums(sums)
        found[str(row["campaign"]), pd.Timestamp(row["week_start"]).date()] = Totals(
            counters={c: sums[c] for c in counters},
            costs={c[5:]: v for c in costs if (v := _none(row[c]) or 0.0)},
            staff_hours=_none(row.get("staff_hours", math.nan)) or 0.0,
            days=7,
            ltv_per_customer=ltv.get(str(row["campaign"])),
            reach_basis=basis,
            with_reach=with_reach,
        )
    return found


amount = st.one_of(st.just(math.nan), st.floats(0, 1e7, allow_nan=False))


@st.composite
def weekly_frames(draw: st.DrawFn) -> pd.DataFrame:
    slugs = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=0, max_size=3, unique=True))
    weeks = draw(st.integers(0, 3))
    with_costs = draw(st.booleans())
    rows = []
    for slug in slugs:
        for w in range(weeks):
            row: dict[str, object] = {"campaign": slug,
                                      "week_start": MONDAY + dt.timedelta(weeks=w)}  # fmt: skip
            row |= {c: draw(amount) for c in COUNTERS}
            if with_costs:
                row |= {c: draw(st.floats(0, 1e5)) for c in COST_COLUMNS}
                row["staff_hours"] = draw(st.floats(0, 100))
            rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else ["campaign", "week_start"])


@settings(max_examples=60, deadline=None)
@given(weekly_frames(), st.floats(0, 500) | st.none())
def test_column_reading_gives_the_totals_of_the_row_reading(
    weekly: pd.DataFrame, ltv: float | None
) -> None:
    ltvs = {"a": ltv}
    assert totals_by_week(weekly, ltv=ltvs) == by_records(weekly, ltvs)


def test_a_week_without_a_counter_stays_not_reported() -> None:
    weekly = pd.DataFrame([{"campaign": "a", "week_start": MONDAY, "spend": 12.5,
                            "revenue": math.nan}])  # fmt: skip
    (totals,) = totals_by_week(weekly).values()
    assert totals.counters == {"spend": 12.5, "revenue": None}
