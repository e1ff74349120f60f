"""Problems found column-wise: every one counted, the first MAX_PROBLEMS (by line) kept."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from storage.canonical import MAX_PROBLEMS, RowProblem


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
