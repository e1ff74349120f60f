"""Validated rows held column-wise, for the import fast path.

A million `MetricRow` objects cost more than writing them. `FrameRows` is a read-only
sequence of MetricRow (so every caller can treat it like a list) backed by plain column
lists; the upsert reads the columns directly and never builds a row object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from storage.campaigns.records import MetricRow


class FrameRows(Sequence[MetricRow]):
    """Columns of equal length: `lines`, `campaigns` (slugs), `names`, `days` (ISO text),
    `platforms`, and `counters` (name -> values, None = not reported)."""

    def __init__(
        self,
        *,
        lines: list[int],
        campaigns: list[str],
        names: list[str | None],
        days: list[str],
        platforms: list[str],
        counters: Mapping[str, list[Any]],
    ) -> None:
        self.lines = lines
        self.campaigns = campaigns
        self.names = names
        self.days = days
        self.platforms = platforms
        self.counters = dict(counters)

    def __len__(self) -> int:
        return len(self.lines)

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
        # Built back to front, so the first occurrence is the one that stays.
        return dict(zip(reversed(self.campaigns), reversed(self.names), strict=True))

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.days:
            return None, None
        return dt.date.fromisoformat(min(self.days)), dt.date.fromisoformat(max(self.days))

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
        days: Sequence[Any] = self.days[start:stop]
        if not as_text:
            cache: dict[str, dt.date] = {}
            days = [cache.get(d) or cache.setdefault(d, dt.date.fromisoformat(d)) for d in days]
        campaign_ids = [ids[c] for c in self.campaigns[start:stop]]
        columns = [self.counters[c][start:stop] for c in counters]
        return list(zip(campaign_ids, days, self.platforms[start:stop], *columns, strict=True))

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
