"""A cell as the file wrote it, for refusals (`“1.000,5” is not a number`, not `1000.5`).

The fast reads type numbers on the way in, so the text is gone; it is looked up again here,
by line number, only for the few problems a report shows.
"""

from __future__ import annotations

import csv


class CellText:
    def __init__(self, text: str, delimiter: str) -> None:
        self._text = text
        self._delimiter = delimiter
        self._lines: list[str] | None = None

    def at(self, line: int, index: int) -> str:
        """The cell in column `index` (0-based) of file line `line` (1-based), "" when the
        line has no such cell."""
        if self._lines is None:
            self._lines = self._text.split("\n")
        if not 0 < line <= len(self._lines):
            return ""
        rest = (x.rstrip("\r") + "\n" for x in self._lines[line - 1 :])  # a cell may span lines
        row = next(csv.reader(rest, delimiter=self._delimiter), [])
        return row[index].strip() if index < len(row) else ""
