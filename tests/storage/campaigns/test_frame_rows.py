"""FrameRows read the same whether its columns were given as lists or as arrays (text as
codes, counters as float64 with NaN): the same MetricRows, the same first display name per
campaign, the same span and the same tuples for the upsert."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.campaigns.frame_columns import Coded, as_numbers
from storage.campaigns.frame_rows import FrameRows

ROW = st.tuples(
    st.sampled_from(["alpha", "beta", "gamma"]),
    st.sampled_from([None, "Alpha", "Beta sale"]),
    st.integers(0, 60),
    st.sampled_from(["facebook", "linkedin"]),
    st.none() | st.integers(0, 2**50),
    st.none() | st.integers(0, 10**7).map(lambda cents: cents / 100),
)


def _columns(rows: list[Any]) -> dict[str, Any]:
    start = dt.date(2026, 1, 1)
    return {
        "lines": list(range(2, 2 + len(rows))),
        "campaigns": [r[0] for r in rows],
        "names": [r[1] for r in rows],
        "days": [(start + dt.timedelta(days=r[2])).isoformat() for r in rows],
        "platforms": [r[3] for r in rows],
        "counters": {"clicks": [r[4] for r in rows], "spend": [r[5] for r in rows]},
    }


@settings(max_examples=100, deadline=None)
@given(st.lists(ROW, max_size=30))
def test_lists_and_arrays_read_the_same(rows: list[Any]) -> None:
    plain = FrameRows(**_columns(rows))
    given_columns = _columns(rows)
    arrays = FrameRows(
        lines=given_columns["lines"],
        campaigns=Coded.of(given_columns["campaigns"]),
        names=Coded.of(given_columns["names"]),
        days=Coded.of(given_columns["days"]),
        platforms=Coded.of(given_columns["platforms"]),
        counters={k: as_numbers(v) for k, v in given_columns["counters"].items()},
    )
    assert list(arrays) == list(plain)
    assert [r.counters for r in arrays] == [  # ints stay ints, money floats, None left out
        {k: v for k, v in (("clicks", r[4]), ("spend", r[5])) if v is not None} for r in rows
    ]
    assert all(type(r.counters["clicks"]) is int for r in arrays if "clicks" in r.counters)
    first_names: dict[str, str | None] = {}
    for slug, name, *_ in rows:
        first_names.setdefault(slug, name)
    assert arrays.campaign_names() == plain.campaign_names() == first_names
    assert arrays.span() == plain.span()
    ids = {"alpha": 1, "beta": 2, "gamma": 3}
    for frame in (plain, arrays):
        assert frame.tuples(ids, ["clicks", "spend"], as_text=True, start=0, stop=len(rows)) == [
            (ids[r[0]], d, r[3], r[4], r[5])
            for r, d in zip(rows, _columns(rows)["days"], strict=True)
        ]
