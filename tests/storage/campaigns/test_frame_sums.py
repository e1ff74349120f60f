"""The SQLite import's bucket sums (storage.campaigns.frame_sums) equal the same sums worked
out here row by row in plain Python: per campaign, week/month bucket and platform the rows,
first and last day, rows with reach, rows with a reach partner but no reach, every counter
(None when no row reports it) and the partners summed over the rows with reach only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.counters import DECIMAL_COUNTERS
from kpi.reach import REACH_PARTNERS, WITH_REACH
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.frame_sums import frame_sums
from storage.campaigns.summaries import GRAINS, bucket_of

IDS = {"alpha": 7, "beta": 3, "gamma": 11}
START = dt.date(2026, 1, 26)  # a Monday; 40 days cross two month ends
COUNTED = ("impressions", "reach", "clicks", "spend")


def _value(name: str) -> st.SearchStrategy[Any]:
    number = (
        st.integers(0, 10**6).map(lambda cents: cents / 100)
        if name in DECIMAL_COUNTERS
        else st.integers(0, 2**40)
    )
    return st.none() | number


ROW = st.tuples(
    st.sampled_from(sorted(IDS)),
    st.integers(0, 40),
    st.sampled_from(["facebook", "linkedin"]),
    st.fixed_dictionaries({c: _value(c) for c in COUNTED}),
)


def _frame(rows: list[Any], counters: list[str]) -> FrameRows:
    return FrameRows(
        lines=list(range(2, len(rows) + 2)),
        campaigns=[r[0] for r in rows],
        names=[None] * len(rows),
        days=[(START + dt.timedelta(days=r[1])).isoformat() for r in rows],
        platforms=[r[2] for r in rows],
        counters={c: [r[3][c] for r in rows] for c in counters},
    )


def _expected(rows: list[Any], counters: list[str], chosen: set[int]) -> dict[Any, dict[str, Any]]:
    out: dict[Any, dict[str, Any]] = {}
    for slug, offset, platform, values in rows:
        if IDS[slug] not in chosen:
            continue
        day = START + dt.timedelta(days=offset)
        reached = "reach" in counters and values["reach"] is not None
        partner = any(values[c] is not None for c in counters if c in REACH_PARTNERS)
        for grain in GRAINS:
            key = (IDS[slug], grain, bucket_of(grain, day).isoformat(), platform)
            got = out.setdefault(key, {"rows": 0, "first_day": day, "last_day": day,
                                       "reach_rows": 0, "rows_without_reach": 0})  # fmt: skip
            got["rows"] += 1
            got["first_day"], got["last_day"] = (
                min(got["first_day"], day),
                max(got["last_day"], day),
            )
            got["reach_rows"] += reached
            got["rows_without_reach"] += not reached and partner
            for c in counters:
                if values[c] is not None:
                    got[c] = (got.get(c) or 0) + values[c]
                else:
                    got.setdefault(c, None)
                if c in REACH_PARTNERS and "reach" in counters:
                    name = WITH_REACH[c]
                    if reached and values[c] is not None:
                        got[name] = (got.get(name) or 0) + values[c]
                    else:
                        got.setdefault(name, None)
    for got in out.values():
        got["first_day"], got["last_day"] = (
            got["first_day"].isoformat(),
            got["last_day"].isoformat(),
        )
    return out


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(ROW, max_size=60, unique_by=lambda r: (r[0], r[1], r[2])),
    counters=st.lists(st.sampled_from(COUNTED), unique=True),
    chosen=st.sets(st.sampled_from(sorted(IDS.values())), min_size=1),
)
def test_bucket_sums_equal_the_rows_summed_one_by_one(
    rows: list[Any], counters: list[str], chosen: set[int]
) -> None:
    names, summary_rows = frame_sums(_frame(rows, counters), IDS, chosen)
    found = {}
    for row in summary_rows:
        values = dict(zip(names, row, strict=True))
        key = tuple(values.pop(k) for k in ("campaign_id", "grain", "bucket", "platform"))
        found[key] = values
    expected = _expected(rows, counters, chosen)
    assert found.keys() == expected.keys()
    for key, want in expected.items():
        got = found[key]
        assert set(got) == set(want), key
        for name, value in want.items():
            if isinstance(value, float):
                assert np.isclose(got[name], value, rtol=1e-12), (key, name)
            else:
                assert got[name] == value, (key, name)
                assert type(got[name]) is type(value), (key, name)


def test_one_bucket_by_hand() -> None:
    """alpha's facebook week of 26 Jan (Monday to Sunday 1 Feb): three rows, reach on two;
    February's month: the one row of 1 Feb; the year 2026: all three."""
    rows = [
        ("alpha", 0, "facebook", {"impressions": 100, "reach": 60, "clicks": 5, "spend": 1.25}),
        ("alpha", 3, "facebook", {"impressions": 50, "reach": None, "clicks": 2, "spend": None}),
        ("alpha", 6, "facebook", {"impressions": 1, "reach": 1, "clicks": None, "spend": 0.5}),
    ]
    names, summary_rows = frame_sums(_frame(rows, list(COUNTED)), IDS, {7})
    by_key = {(r[1], r[2]): dict(zip(names, r, strict=True)) for r in summary_rows}
    week = by_key[("w", "2026-01-26")]
    assert (week["rows"], week["first_day"], week["last_day"]) == (3, "2026-01-26", "2026-02-01")
    assert (week["impressions"], week["reach"], week["clicks"], week["spend"]) == (151, 61, 7, 1.75)
    assert (week["reach_rows"], week["rows_without_reach"]) == (2, 1)
    assert (week["with_reach_impressions"], week["with_reach_clicks"]) == (101, 5)
    january = by_key[("m", "2026-01-01")]
    assert (january["rows"], january["last_day"], january["spend"]) == (2, "2026-01-29", 1.25)
    february = by_key[("m", "2026-02-01")]
    assert (february["rows"], february["spend"], february["clicks"]) == (1, 0.5, None)
    assert february["with_reach_clicks"] is None
    year = by_key[("y", "2026-01-01")]
    assert (year["rows"], year["first_day"], year["last_day"], year["impressions"]) == (
        3, "2026-01-26", "2026-02-01", 151,
    )  # fmt: skip
