"""The numbers and text lengths the database columns hold, read from the models' column
types (see storage.bounds for the checks built on them). Both SQLite and PostgreSQL are held
to the smaller of the two."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, ColumnElement, Float, Integer, Numeric, String

from kpi.counters import COUNTERS
from storage.models import DailyMetric, Target


@dataclass(frozen=True)
class NumberBound:
    """The largest magnitude a numeric column holds (`limit`, exclusive when `exclusive`),
    whether it holds only whole numbers, and the decimal places it keeps (None: all)."""

    limit: int
    whole: bool
    places: int | None = None
    exclusive: bool = False

    @property
    def largest(self) -> float | int:
        """The largest value that fits, for messages."""
        # Exclusive (NUMERIC): the whole number below the limit, which a reader takes in.
        return self.limit - 1 if self.exclusive else self.limit

    def fits(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        if self.whole and value != int(value):
            return True  # not whole is another problem, said by the caller
        if self.places is not None:
            value = round(value, self.places)
        return abs(value) < self.limit if self.exclusive else abs(value) <= self.limit


def number_bound(column: ColumnElement[Any]) -> NumberBound:
    """The bound of a numeric column, from its SQL type."""
    kind = column.type
    if isinstance(kind, BigInteger):
        return NumberBound(2**63 - 1, True)
    if isinstance(kind, Integer):
        return NumberBound(2**31 - 1, True)
    if isinstance(kind, Float):
        return NumberBound(2**1023, False)  # any finite double
    if isinstance(kind, Numeric) and kind.precision is not None:
        scale = kind.scale or 0
        return NumberBound(10 ** (kind.precision - scale), scale == 0, scale, exclusive=True)
    raise TypeError(f"{column} is not a bounded number column")


def fits_id(value: int) -> bool:
    """Whether an id someone typed can name a row (ids are INTEGER: up to 2**31 - 1)."""
    return 0 < value <= number_bound(Target.__table__.c["id"]).limit


def text_limit(column: ColumnElement[Any]) -> int | None:
    kind = column.type
    return kind.length if isinstance(kind, String) else None


@functools.cache
def counter_bounds() -> Mapping[str, NumberBound]:
    """Every counter's bound, from daily_metrics' column types."""
    table = DailyMetric.__table__
    return {name: number_bound(table.c[name]) for name in COUNTERS}


def too_big(name: str, values: np.ndarray) -> np.ndarray:
    """Which of a counter's values (float64, NaN = not reported) its column cannot hold;
    the parsers refuse these before turning them into whole numbers."""
    bound = counter_bounds()[name]
    finite = np.isfinite(values)
    magnitude = np.abs(np.where(finite, values, 0.0))
    if bound.places is not None:
        magnitude = np.round(magnitude, bound.places)
    # float(2**63 - 1) rounds up to 2**63: compared as floats, strictly, so exactly 2**63
    # (not storable) is refused too; a NUMERIC limit (10**14) is exact as a float.
    over: np.ndarray = finite & (magnitude >= float(bound.limit))
    return over


#: The longest line an import reads, in bytes. A real export's widest line (a header of a
#: hundred columns) is a few kilobytes; longer ones are refused before anything parses them.
MAX_LINE_BYTES = 65_536


def long_line(data: bytes) -> tuple[int, int] | None:
    """(line number, bytes) of the first line longer than MAX_LINE_BYTES, or None."""
    if len(data) <= MAX_LINE_BYTES:
        return None
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    bounds = np.concatenate(([-1], ends, [len(data)]))
    lengths = np.diff(bounds) - 1
    over = np.flatnonzero(lengths > MAX_LINE_BYTES)
    if not over.size:
        return None
    return int(over[0]) + 1, int(lengths[over[0]])
