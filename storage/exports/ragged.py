"""Lines whose number of cells is not the header's, counted on the raw bytes."""

from __future__ import annotations

import csv

import numpy as np


def ragged_lines(raw: bytes, delimiter: str, width: int) -> list[tuple[int, int]]:
    """(line, cells) of every non-blank line whose number of cells is not `width`.

    Counted with numpy on the raw bytes (a delimiter is one ASCII byte in UTF-8); only lines
    with a quote, where a delimiter may be inside a cell, are counted by the csv module."""
    data = np.frombuffer(raw, dtype=np.uint8)
    if data.size == 0:
        return []
    starts = np.concatenate(([0], np.flatnonzero(data == 10) + 1))
    starts = starts[starts < data.size]
    ends = np.append(starts[1:], data.size)

    def per_line(byte: int) -> np.ndarray:
        positions = np.flatnonzero(data == byte)
        return np.searchsorted(positions, ends) - np.searchsorted(positions, starts)

    cells = per_line(ord(delimiter)) + 1
    quotes = per_line(ord('"'))
    blank = (ends - starts <= 2) & (cells == 1)  # "\n" or "\r\n"
    suspect = ~blank & ((cells != width) | (quotes > 0))
    suspect[0] = False  # the header
    found = []
    for i in np.flatnonzero(suspect).tolist():
        count = int(cells[i])
        if quotes[i]:
            line = raw[starts[i] : ends[i]].decode("utf-8", "replace")
            count = len(next(csv.reader([line], delimiter=delimiter), []))
        if count != width:
            found.append((i + 1, count))
    return found
