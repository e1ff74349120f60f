"""The same campaign, day and platform (and breakdown) twice in one file: each repeat is
refused, naming the line it repeats. Rows are compared as one int64 key each, built from
the columns' codes (no Python object per row)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from storage.exports.problems import Problems


def row_key(parts: Sequence[tuple[np.ndarray, int]]) -> np.ndarray:
    """One int64 per row from (codes, number of distinct values) per column; codes are
    0 .. n (n: a missing value)."""
    key = np.zeros(len(parts[0][0]), dtype="int64")
    for codes, distinct in parts:
        key = key * (distinct + 1) + np.asarray(codes, dtype="int64")
    return key


def refuse_duplicates(
    keys: pd.Series, problems: Problems, describe: Callable[[int], dict[str, str]]
) -> None:
    """`keys` indexed by file line (only the rows compared); `describe(line)` gives the
    refusal's campaign, day and platform."""
    repeated = keys.duplicated(keep="first")
    if not repeated.any():
        return
    first = pd.Series(keys.index, index=keys.index).groupby(keys).transform("first")
    for line in keys.index[repeated].tolist():
        problems.add(
            int(line), None, "import.error.duplicate", first=str(first[line]), **describe(line)
        )
