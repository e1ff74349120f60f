"""Refusals of number cells, quoting each cell as the file wrote it: not a number, two
readings (`1.000` in a file that never settles its decimal mark), negative, infinite, and a
count that is not whole."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from storage.exports.numbers import readings
from storage.exports.problems import Problems
from storage.exports.spec import Column
from storage.exports.table import Table
from storage.limits import counter_bounds, too_big


def check_numbers(
    table: Table,
    fields: Mapping[str, Column],
    numbers: Mapping[str, np.ndarray],
    ok: np.ndarray,
    fractional: frozenset[str],
    problems: Problems,
) -> None:
    lines = table.frame.index
    rows = pd.Series(ok, index=lines)
    for name, bad in table.bad_numbers.items():
        column = fields[name]
        problems.where(bad & rows, column.header, "import.error.number", _as_written(table, column))
    for name, unsure in table.ambiguous.items():
        column = fields[name]

        def both(line: int, column: Column = column) -> dict[str, str]:
            cell = table.cells.at(line, column.index)
            return {"column": column.header, "value": cell, **readings(cell)}

        problems.where(unsure & rows, column.header, "import.error.ambiguous", both)
    for name, values in numbers.items():
        _check(name, values, ok, fields[name], fractional, problems, table)


def _as_written(table: Table, column: Column) -> Callable[[int], dict[str, str]]:
    def shown(line: int) -> dict[str, str]:
        return {"column": column.header, "value": table.cells.at(line, column.index)}

    return shown


def _check(
    name: str,
    values: np.ndarray,
    ok: np.ndarray,
    column: Column,
    fractional: frozenset[str],
    problems: Problems,
    table: Table,
) -> None:
    """Negative, infinite, and (for counts) not whole numbers are refused."""
    lines = table.frame.index
    head = column.header
    present = ok & ~np.isnan(values)
    finite = np.isfinite(values)
    shown = _as_written(table, column)
    problems.where(pd.Series(present & ~finite, index=lines), head, "import.error.number", shown)
    problems.where(
        pd.Series(present & finite & (values < 0), index=lines),
        head,
        "import.error.negative",
        shown,
    )
    stored = "conversions" if name == "results" else name
    if stored in COUNTERS:  # more than the column holds (the same bound as every way in)
        largest = str(counter_bounds()[stored].largest)
        problems.where(
            pd.Series(present & too_big(stored, values), index=lines),
            head,
            "bounds.too_big",
            lambda line: {**shown(line), "name": head, "max": largest},
        )
    counted = (name in COUNTERS and name not in DECIMAL_COUNTERS) or name == "results"
    if (
        counted
        and name not in fractional
        and not (name == "results" and "conversions" in fractional)
    ):
        whole = np.mod(np.where(finite, values, 0.0), 1) == 0
        problems.where(
            pd.Series(present & finite & ~whole, index=lines), head, "import.error.whole", shown
        )
