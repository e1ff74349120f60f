"""Checked columns -> rows: counters derived (Meta results, reach from frequency), breakdown
rows summed, and the rows held column-wise (FrameRows) when every row is one day, or as
MetricRows with `day_end` when some are period totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.records import MetricRow
from storage.exports.meta import CONVERSION_MARKS, LEAD_MARKS


class _Indicator(Protocol):
    def test(self, fn: Any) -> np.ndarray: ...


def counters_of(
    numbers: dict[str, np.ndarray], indicator: _Indicator | None
) -> dict[str, np.ndarray]:
    """Counter columns in COUNTERS order. Meta's `Results` are leads where the result type
    or indicator names a lead, conversions where it names a purchase or conversion, and
    nothing otherwise (a column of their own wins); reach = impressions / frequency (rounded)
    when the file has frequency but no reach. Fractional counts (Google Ads' data-driven
    conversions, `8.17`) are kept exactly."""
    out = {name: values for name, values in numbers.items() if name in COUNTERS}
    results = numbers.get("results")
    if results is not None:
        # A campaign optimised for clicks, reach or views reports those as "results": they
        # are not conversions, and counting them so would flatter CPA.
        lead = conversion = np.zeros(len(results), dtype=bool)
        if indicator is not None:
            lead = indicator.test(lambda v: any(m in v.lower() for m in LEAD_MARKS))
            conversion = ~lead & indicator.test(
                lambda v: any(m in v.lower() for m in CONVERSION_MARKS)
            )
        if lead.any():
            out.setdefault("leads", np.where(lead, results, np.nan))
        if conversion.any():
            out.setdefault("conversions", np.where(conversion, results, np.nan))
    frequency = numbers.get("frequency")
    if frequency is not None and "reach" not in out and "impressions" in out:
        with np.errstate(divide="ignore", invalid="ignore"):
            reach = np.round(out["impressions"] / frequency)
        out["reach"] = np.where(np.isfinite(reach), reach, np.nan)
    return {name: out[name] for name in COUNTERS if name in out}


def rows_of(
    lines: pd.Index,
    ok: np.ndarray,
    slugs: np.ndarray,
    names: np.ndarray,
    day: np.ndarray,
    end: np.ndarray,
    platform: np.ndarray,
    counters: dict[str, np.ndarray],
    *,
    summed: bool,
    currency: str | None,
) -> tuple[Sequence[MetricRow], int]:
    """The rows to write and how many of them are period totals."""
    keep = None if ok.all() else ok
    columns: dict[str, np.ndarray] = {
        "line": lines.to_numpy(dtype="int64"), "c": slugs, "n": names, "d": day, "e": end,
        "p": platform, **counters,
    }  # fmt: skip
    if keep is not None:
        columns = {k: v[keep] for k, v in columns.items()}
    if summed:
        columns = _summed(columns, list(counters))
    periods = columns["e"] != columns["d"]
    count = int(periods.sum())
    values = {c: _values(columns[c], c in DECIMAL_COUNTERS) for c in counters}
    if not count:
        return FrameRows(
            lines=columns["line"].tolist(),
            campaigns=columns["c"].tolist(),
            names=[n or None for n in columns["n"].tolist()],
            days=columns["d"].tolist(),
            platforms=columns["p"].tolist(),
            counters=values,
        ), 0
    rows = []
    dates: dict[str, dt.date] = {}
    for i, (line, slug, name, first, last, where) in enumerate(
        zip(*(columns[k].tolist() for k in ("line", "c", "n", "d", "e", "p")), strict=True)
    ):
        start = dates.get(first) or dates.setdefault(first, dt.date.fromisoformat(first))
        stop = dates.get(last) or dates.setdefault(last, dt.date.fromisoformat(last))
        reported = {c: v[i] for c, v in values.items() if v[i] is not None}
        rows.append(MetricRow(line, slug, start, where, reported, name or None,
                              stop if stop != start else None, currency))  # fmt: skip
    return rows, count


def _summed(columns: dict[str, np.ndarray], counters: list[str]) -> dict[str, np.ndarray]:
    """Breakdown rows (placements, GA4 sources) summed per campaign, day and platform; a
    counter that no row of a group reported stays not reported."""
    frame = pd.DataFrame(columns)
    grouped = frame.groupby(["c", "d", "e", "p"], sort=False, dropna=False)
    out = grouped.agg(line=("line", "min"), n=("n", "first"))
    for c in counters:
        out[c] = grouped[c].sum(min_count=1)
    out = out.reset_index().sort_values("line")
    return {k: out[k].to_numpy() for k in out.columns}


def _values(values: np.ndarray, decimal: bool) -> list[Any]:
    """Python numbers (floats for DECIMAL_COUNTERS, ints for counts) with None where not
    reported. The common case, a column without gaps, is one C-level conversion."""
    values = values.astype("float64")
    missing = np.isnan(values)
    whole = values if decimal else np.where(missing, 0.0, values).astype("int64")
    if not missing.any():
        plain: list[Any] = whole.tolist()
        return plain
    out = whole.astype(object)
    out[missing] = None
    gapped: list[Any] = out.tolist()
    return gapped
