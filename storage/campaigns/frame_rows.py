"""Validated rows held column-wise, for the import fast path.

A million `MetricRow` objects cost more than writing them. `FrameRows` is a read-only
sequence of MetricRow (so every caller can treat it like a list) backed by columns: text
as codes into its distinct values, counters as float64 (storage.campaigns.frame_columns).
The attributes `lines`, `campaigns`, `names`, `days`, `platforms` and `counters` read as
plain lists (made on first read); the upsert reads the arrays and never builds a row
object nor a list per column it does not need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

from storage.campaigns.frame_columns import Coded, Counters, python_numbers
from storage.campaigns.records import MetricRow

Text = Sequence[str] | Coded
_TEXT = ("campaigns", "names", "days", "platforms")


class FrameRows(Sequence[MetricRow]):
    """Columns of equal length: `lines`, `campaigns` (slugs), `names`, `days` (ISO text),
    `platforms`, and `counters` (name -> values, None = not reported). Each is given as a
    list or as arrays (`Coded` text, float64 counters with NaN, an int array of lines)."""

    def __init__(
        self,
        *,
        lines: Sequence[int] | np.ndarray,
        campaigns: Text,
        names: Sequence[str | None] | Coded,
        days: Text,
        platforms: Text,
        counters: Mapping[str, Sequence[Any] | np.ndarray],
    ) -> None:
        self._lines = lines
        self._text: dict[str, Any] = dict(
            zip(_TEXT, (campaigns, names, days, platforms), strict=True)
        )
        self._lists: dict[str, list[Any]] = {}
        self.counters = Counters(counters)

    # -- the columns as arrays (what the fast paths read) --------------------------------

    def coded(self, column: str) -> Coded:
        """`campaigns`, `names`, `days` or `platforms` as codes into its distinct values."""
        given = self._text[column]
        if not isinstance(given, Coded):
            given = self._text[column] = Coded.of(given)
        return given

    def line_array(self) -> np.ndarray:
        return np.asarray(self._lines, dtype=np.int64)

    # -- the columns as lists ----------------------------------------------------------

    def _list(self, column: str) -> list[Any]:
        if column not in self._lists:
            given = self._text[column]
            self._lists[column] = given.tolist() if isinstance(given, Coded) else list(given)
        return self._lists[column]

    def _set(self, column: str, value: Sequence[Any] | Coded) -> None:
        self._text[column] = value
        self._lists.pop(column, None)

    @property
    def lines(self) -> list[int]:
        if isinstance(self._lines, np.ndarray):
            self._lines = self._lines.tolist()
        return self._lines  # type: ignore[return-value]  # a list once read

    @lines.setter
    def lines(self, value: Sequence[int] | np.ndarray) -> None:
        self._lines = value

    @property
    def campaigns(self) -> list[str]:
        return self._list("campaigns")

    @campaigns.setter
    def campaigns(self, value: Sequence[Any] | Coded) -> None:
        self._set("campaigns", value)

    @property
    def names(self) -> list[str | None]:
        return self._list("names")

    @names.setter
    def names(self, value: Sequence[Any] | Coded) -> None:
        self._set("names", value)

    @property
    def days(self) -> list[str]:
        return self._list("days")

    @days.setter
    def days(self, value: Sequence[Any] | Coded) -> None:
        self._set("days", value)

    @property
    def platforms(self) -> list[str]:
        return self._list("platforms")

    @platforms.setter
    def platforms(self, value: Sequence[Any] | Coded) -> None:
        self._set("platforms", value)

    # -- a sequence of MetricRow -------------------------------------------------------

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> MetricRow: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[MetricRow]: ...

    def __getitem__(self, index: int | slice) -> MetricRow | Sequence[MetricRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        values = {k: v[index] for k, v in self.counters.items() if v[index] is not None}
        return MetricRow(
            self.lines[index],
            self.campaigns[index],
            dt.date.fromisoformat(self.days[index]),
            self.platforms[index],
            values,
            self.names[index],
        )

    def __iter__(self) -> Iterator[MetricRow]:
        return (self[i] for i in range(len(self)))

    def campaign_names(self) -> dict[str, str | None]:
        """Each campaign slug with the first display name the file gives it."""
        campaigns, names = self.coded("campaigns"), self.coded("names")
        present, first = np.unique(campaigns.codes, return_index=True)
        named = names.lookup()[names.codes[first]]
        return dict(zip(campaigns.values[present].tolist(), named.tolist(), strict=True))

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        if not len(self):
            return None, None
        days = self.coded("days").used()
        return dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))

    def tuples(
        self,
        ids: Mapping[str, int],
        counters: Sequence[str],
        *,
        as_text: bool,
        start: int,
        stop: int,
    ) -> list[tuple[Any, ...]]:
        """Rows [start, stop) as (campaign_id, day, platform, *counters) tuples."""
        campaigns, days, platforms = (self.coded(c) for c in ("campaigns", "days", "platforms"))
        day_values = days.values
        if not as_text:
            day_values = np.array([dt.date.fromisoformat(d) for d in day_values], dtype=object)
        campaign_ids = np.array([ids[c] for c in campaigns.values], dtype=np.int64)
        columns = [
            campaign_ids[campaigns.codes[start:stop]].tolist(),
            day_values[days.codes[start:stop]].tolist(),
            platforms.values[platforms.codes[start:stop]].tolist(),
            *(self._numbers(c, start, stop) for c in counters),
        ]
        return list(zip(*columns, strict=True))

    def _numbers(self, name: str, start: int, stop: int) -> list[Any]:
        given = self.counters.given[name]
        if isinstance(given, np.ndarray):
            return python_numbers(name, given[start:stop])
        return list(given[start:stop])

    def copy_text(
        self, ids: Mapping[str, int], counters: Sequence[str], *, start: int, stop: int
    ) -> bytes:
        """Rows [start, stop) as COPY text lines (campaign_id, day, platform, *counters):
        tab-separated, \\N for a counter not reported. Formatting the lines with `str` and
        `join` column by column costs a fraction of psycopg's `write_row` per row."""
        null = "\\N"
        campaigns = {slug: str(ids[slug]) for slug in set(self.campaigns[start:stop])}
        platforms = {p: _copy_escaped(p) for p in set(self.platforms[start:stop])}
        columns = [
            [campaigns[c] for c in self.campaigns[start:stop]],
            self.days[start:stop],  # ISO dates: nothing to escape
            [platforms[p] for p in self.platforms[start:stop]],
            *(
                [null if v is None else str(v) for v in self.counters[c][start:stop]]
                for c in counters
            ),
        ]
        lines = map("\t".join, zip(*columns, strict=True))
        return ("\n".join(lines) + "\n").encode() if stop > start else b""


def _copy_escaped(text: str) -> str:
    """Text as COPY's text format reads it back (backslash, tab and line ends escaped)."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        for plain, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
            text = text.replace(plain, escaped)
    return text
