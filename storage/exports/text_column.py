"""One text column of an export, factorised: each distinct value is handled once (a
million-row export has a few hundred dates and a thousand campaigns) and spread back to the
rows with numpy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


class TextColumn:
    """One text column factorised: `codes` per row into `values` (stripped)."""

    def __init__(self, column: pd.Series) -> None:
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy()
            uniques = list(column.cat.categories)
        else:
            codes, found = pd.factorize(column, sort=False)
            uniques = list(found)
        self.values = [str(u).strip() for u in uniques] + [""]  # the last: a missing cell
        self.codes = np.where(codes < 0, len(uniques), codes)

    def each(self, fn: Callable[[str], object], dtype: Any = object) -> np.ndarray:
        """fn over the distinct values, spread to the rows."""
        spread: np.ndarray = np.asarray([fn(v) for v in self.values], dtype=dtype)[self.codes]
        return spread

    def test(self, fn: Callable[[str], bool]) -> np.ndarray:
        return self.each(fn, bool)

    def empty(self) -> np.ndarray:
        return self.test(lambda v: v == "")

    def at(self, position: int) -> str:
        return self.values[int(self.codes[position])]
