"""One period's sums per campaign x platform, from one grouped query over the summaries and
edge days (summary_source): the counters and the reach parts of every cell at once. The
whole scope's Totals, its split by platform and its split by campaign are all added up from
these cells in Python, so an `all` reply reads each period once instead of once per split.

Exact: each cell's sums are read as whole numbers of their column's smallest unit (a
decimal counter's value rounded to its places, times 10**places: what
aggregates.counter_value keeps of a sum in SQL), added as integers and divided once, so
any grouping of the cells gives the number one SUM over their rows gives; reach follows its
rules per (campaign, platform) cell (reach_sums.reach_of)."""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, func, select, type_coerce
from sqlalchemy.types import NullType

from kpi.counters import COUNTERS
from kpi.reach import REACH_PARTNERS, ROWS_WITHOUT_REACH, WITH_REACH, ReachBasis
from kpi.totals import Totals
from storage.campaigns.aggregates import SCALES
from storage.campaigns.reach_sums import Part, exact_reach, reach_of
from storage.campaigns.summary_source import source

_REACH = COUNTERS.index("reach") if "reach" in COUNTERS else -1
#: Positions of the decimal counters among COUNTERS.
_DECIMALS = tuple(i for i, c in enumerate(COUNTERS) if SCALES[c] is not None)
#: Per counter: 10**places of a decimal counter (None: whole numbers).
_UNITS = tuple(None if SCALES[c] is None else 10 ** typing.cast(int, SCALES[c]) for c in COUNTERS)


@dataclass(frozen=True, slots=True)
class Cell:
    """One campaign x platform over the period: its counters as whole numbers of their
    smallest unit (None: no row reported it) and its reach part."""

    sums: tuple[Any, ...]
    part: Part


@dataclass(frozen=True, slots=True)
class Grid:
    """Every chosen campaign's cells over [start, end] (on one platform when read so), and
    the rows covering exactly the period (their reach is used alone)."""

    start: dt.date
    end: dt.date
    platform: str | None
    cells: tuple[Cell, ...]
    exact: dict[tuple[int, str], float]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def counters(self, cells: Iterable[Cell], **facts: Any) -> Totals:
        """The Totals (counters and reach; no costs unless given in `facts`, Totals' other
        fields: costs, staff_hours, ltv_per_customer) of these cells together."""
        chosen = list(cells)
        counters: dict[str, float | None] = dict.fromkeys(COUNTERS)
        if chosen:
            columns = zip(*(cell.sums for cell in chosen), strict=True)
            for c, unit, column in zip(COUNTERS, _UNITS, columns, strict=True):
                reported = [v for v in column if v is not None]
                if reported:
                    total = sum(reported)
                    counters[c] = total / unit if unit else float(total)
        basis: ReachBasis | None = None
        with_reach: dict[str, float | None] = {}
        if counters.get("reach") is not None:
            found = reach_of([cell.part for cell in chosen], self.exact)
            if found is not None:
                counters["reach"], basis, with_reach = found
        return Totals(
            counters=counters, days=self.days, reach_basis=basis, with_reach=with_reach, **facts
        )

    def groups(self, key: Callable[[Cell], Any]) -> dict[Any, list[Cell]]:
        """The cells grouped by `key`."""
        found: dict[Any, list[Cell]] = {}
        for cell in self.cells:
            found.setdefault(key(cell), []).append(cell)
        return found

    def split(self, key: Callable[[Cell], Any]) -> dict[Any, Totals]:
        return {name: self.counters(members) for name, members in self.groups(key).items()}

    def on(self, platform: str) -> Grid:
        """The same grid on one platform (what reading it on that platform gives)."""
        cells = tuple(c for c in self.cells if c.part.platform == platform)
        exact = {k: v for k, v in self.exact.items() if k[1] == platform}
        return Grid(self.start, self.end, platform, cells, exact)


def _units(value: Any, unit: int | None) -> int | None:
    """A summed value as a whole number of its column's smallest unit (exact: a Decimal is
    scaled exactly, a float rounded to the places a sum in SQL is rounded to)."""
    if value is None or unit is None:
        return value if value is None or isinstance(value, int) else int(value)
    if isinstance(value, Decimal):
        return int((value * unit).to_integral_value())
    return round(float(value) * unit)


def read_grid(
    conn: Connection,
    team_id: str,
    campaign_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    platform: str | None = None,
    data: tuple[dt.date, dt.date] | None = None,
) -> Grid:
    """The cells of [start, end]; `data`: the chosen campaigns' first and last day with
    data when known (every row's day lies in it: fewer buckets and days to read)."""
    rows, params = source(team_id, campaign_ids, start, end, platform, data)
    query = _grouped(rows)
    partners = len(REACH_PARTNERS)
    cells = []
    for cid, name, counted, without, *rest in conn.execute(query, params):
        sums = tuple(rest[partners:])
        if _DECIMALS:
            scaled = list(sums)
            for i in _DECIMALS:
                scaled[i] = _units(scaled[i], _UNITS[i])
            sums = tuple(scaled)
        reach = rest[partners + _REACH] if _REACH >= 0 else None
        part = Part(cid, name, int(counted or 0), reach, int(without or 0), tuple(rest[:partners]))
        cells.append(Cell(sums, part))
    exact: dict[tuple[int, str], float] = {}
    if any(cell.part.reach_rows for cell in cells):
        exact = exact_reach(conn, team_id, campaign_ids, start, end, platform)
    return Grid(start, end, platform, tuple(cells), exact)


@functools.lru_cache(maxsize=256)
def _grouped(rows: Any) -> Select[Any]:
    """The grid's query over one shape of summary_source's subquery, built once."""
    return select(
        rows.c.campaign_id,
        rows.c.platform,
        func.sum(rows.c.reach_rows),
        func.sum(rows.c[ROWS_WITHOUT_REACH]),
        *(func.sum(rows.c[column]) for column in WITH_REACH.values()),
        # The driver's own values (int, float; Decimal from PostgreSQL): no per-value
        # conversion to Decimal on SQLite; _units makes them exact whole units.
        *(type_coerce(func.sum(rows.c[c]), NullType()) for c in COUNTERS),
    ).group_by(rows.c.campaign_id, rows.c.platform)
