"""Why an import refuses lines, for every format: a RowProblem per refusal, collected
column-wise — every one counted, the first MAX_PROBLEMS (by line) kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

MAX_PROBLEMS = 50


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a line was refused: an i18n key (`import.error.*`) and its arguments. Line 1 is
    the header, as in a spreadsheet."""

    line: int
    column: str | None
    reason_key: str
    args: Mapping[str, str] = field(default_factory=dict)


class Problems:
    def __init__(self) -> None:
        self.found: list[RowProblem] = []
        self.count = 0

    def add(self, line: int, column: str | None, key: str, /, **args: str) -> None:
        self.count += 1
        self.found.append(RowProblem(line, column, key, args))

    def where(
        self,
        mask: pd.Series,
        column: str | None,
        key: str,
        args: Callable[[int], dict[str, str]],
    ) -> None:
        """One problem per line where `mask` holds; only the first MAX_PROBLEMS are built."""
        lines = mask.index[mask.to_numpy(dtype=bool)]
        self.count += len(lines)
        for line in lines[:MAX_PROBLEMS]:
            self.found.append(RowProblem(int(line), column, key, args(int(line))))

    def result(self) -> list[RowProblem]:
        return sorted(self.found, key=lambda p: (p.line, p.column or ""))[:MAX_PROBLEMS]
