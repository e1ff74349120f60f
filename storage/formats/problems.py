"""Problems that refuse a file: collected, not raised, so one run names them all.

RowProblem is storage.canonical's (the canonical importer's and ImportRejected's type), so
every importer reports problems the same way.
"""

from __future__ import annotations

from storage.canonical import MAX_PROBLEMS, RowProblem

__all__ = ["MAX_PROBLEMS", "Problems", "RowProblem"]


class Problems:
    """Every problem is counted; the first MAX_PROBLEMS are kept (the file is read top to
    bottom, so these are the first by line)."""

    __slots__ = ("count", "found")

    def __init__(self) -> None:
        self.found: list[RowProblem] = []
        self.count = 0

    def add(self, line: int, column: str | None, key: str, /, **args: str) -> None:
        self.count += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(RowProblem(line, column, key, args))

    def __bool__(self) -> bool:
        return self.count > 0
