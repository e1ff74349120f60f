"""The columns FrameRows holds: text as codes into its distinct values (a few hundred
campaigns, days and platforms in a million rows), counters as float64 with NaN for "not
reported". Lists of Python values are made from them only when a caller asks for one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from kpi.counters import DECIMAL_COUNTERS


class Coded(NamedTuple):
    """A text column: `values[codes[i]]` is row i's text; code -1 is None."""

    codes: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, column: Sequence[str | None] | Coded) -> Coded:
        if isinstance(column, Coded):
            return column
        codes, uniques = pd.factorize(np.asarray(column, dtype=object))
        return cls(codes.astype(np.int32), np.asarray(uniques, dtype=object))

    def used(self) -> np.ndarray:
        """The distinct values some row holds (None left out)."""
        present = np.bincount(self.codes[self.codes >= 0], minlength=len(self.values)) > 0
        return self.values[present]

    def lookup(self) -> np.ndarray:
        """`values` and a trailing None, so that code -1 reads None."""
        return np.concatenate([self.values, np.array([None], dtype=object)])

    def tolist(self) -> list[Any]:
        out: list[Any] = self.lookup()[self.codes].tolist()
        return out


def python_numbers(name: str, values: np.ndarray) -> list[Any]:
    """A counter column as Python numbers (ints for counts), None where not reported."""
    missing = np.isnan(values)
    if name in DECIMAL_COUNTERS:
        typed = values
    else:  # NaN has no whole number: read as 0 and put back as None below
        typed = np.where(missing, 0.0, values).astype(np.int64)
    if not missing.any():
        plain: list[Any] = typed.tolist()
        return plain
    out = typed.astype(object)
    out[missing] = None
    listed: list[Any] = out.tolist()
    return listed


def as_numbers(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    """A counter column as float64 (None -> NaN)."""
    if isinstance(values, np.ndarray):
        return values.astype(np.float64, copy=False)
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


class Counters(Mapping[str, list[Any]]):
    """Counter name -> list of Python numbers, each list made on first read; `arrays` holds
    the float64 columns (or the lists a caller built) as given."""

    def __init__(self, given: Mapping[str, Sequence[Any] | np.ndarray]) -> None:
        self.given = dict(given)
        self._lists: dict[str, list[Any]] = {}

    def __getitem__(self, name: str) -> list[Any]:
        if name not in self._lists:
            value = self.given[name]
            self._lists[name] = (
                python_numbers(name, value) if isinstance(value, np.ndarray) else list(value)
            )
        return self._lists[name]

    def array(self, name: str) -> np.ndarray:
        return as_numbers(self.given[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self.given)

    def __len__(self) -> int:
        return len(self.given)

    def __contains__(self, name: object) -> bool:
        return name in self.given
