"""The canonical CSV read chunk by chunk, for imports of any size: memory holds one chunk of
lines at a time, never the file.

Each chunk (CHUNK lines, cut only where no quoted cell runs on) is read and checked by
`parse_canonical` with the header line in front of it, so every check is the one a whole
file gets; line numbers are then moved to the file's. What a chunk cannot see — the same
campaign, day and platform in two chunks — is found by `SeenKeys` once every chunk is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import BinaryIO

import numpy as np

from storage.campaigns.frame_columns import Coded
from storage.campaigns.frame_rows import FrameRows
from storage.exports.canonical import parse_canonical
from storage.exports.chunks import CHUNK
from storage.exports.problems import MAX_PROBLEMS, Problems, RowProblem
from storage.exports.result import ParseResult
from storage.limits import MAX_LINE_BYTES, long_line

_DUPLICATE = "import.error.duplicate"


def read_chunks(
    stream: BinaryIO, *, as_of: dt.date | None, chunk_rows: int = CHUNK
) -> Iterator[tuple[int, ParseResult]]:
    """(last file line read, the chunk's parse) for each chunk of a canonical CSV, with file
    line numbers. A refusal of the header (line 1) ends the reading."""
    header = stream.readline()
    first = 2  # the file line of the chunk's first line
    while True:
        lines = list(islice(stream, chunk_rows))
        if not lines:
            if first == 2:  # a file with nothing under its header
                yield 1, parse_canonical(header, as_of=as_of)
            return
        data = b"".join(lines)
        count = len(lines)
        quotes = data.count(b'"')
        while quotes % 2:  # a quoted cell holds a line end: read on to the cell's end
            more = stream.readline()
            if not more:
                break
            data += more
            count += 1
            quotes += more.count(b'"')
        result = _chunk(header, data, first, as_of)
        yield first + count - 1, result
        if any(p.line == 1 for p in result.problems):
            return
        first += count


def _chunk(header: bytes, data: bytes, first: int, as_of: dt.date | None) -> ParseResult:
    shift = first - 2  # the chunk's own numbering has its first line at 2
    too_long = long_line(data)
    if too_long is not None:
        line, size = too_long
        problem = RowProblem(line + first - 1, None, "bounds.line_too_long",
                             {"length": str(size), "max": str(MAX_LINE_BYTES)})  # fmt: skip
        return ParseResult("canonical", [], problems=[problem], problem_count=1)
    result = parse_canonical(header + data, as_of=as_of)
    if not shift:
        return result
    rows = result.rows
    if isinstance(rows, FrameRows):
        rows.lines = rows.line_array() + shift
    problems = [_shifted(p, shift) for p in result.problems]
    return replace(result, problems=problems)


def _shifted(problem: RowProblem, shift: int) -> RowProblem:
    if problem.line == 1:  # the header's, or the whole chunk's (its encoding)
        return problem
    args = dict(problem.args)
    if problem.reason_key == _DUPLICATE:
        args["first"] = str(int(args["first"]) + shift)
    return replace(problem, line=problem.line + shift, args=args)


class SeenKeys:
    """The (campaign, day, platform) of every row read so far, as small integer codes (a
    few bytes per row), so repeats across chunks are found after the last chunk."""

    def __init__(self) -> None:
        self._codes: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        self._parts: list[np.ndarray] = []

    def add(self, rows: FrameRows) -> None:
        columns = [rows.coded(c) for c in ("campaigns", "days", "platforms")]
        codes = [_codes(values, known) for values, known in zip(columns, self._codes, strict=True)]
        lines = rows.line_array().astype(np.int32)
        self._parts.append(np.stack([*codes, lines]).astype(np.int32))

    def problems(self, problems: Problems) -> None:
        """Every row whose key an earlier line holds, naming that line."""
        if not self._parts:
            return
        table = np.concatenate(self._parts, axis=1)
        self._parts = []
        campaign, day, platform, line = table
        order = np.lexsort((platform, day, campaign))  # stable: earlier lines first
        keys = table[:3, order]
        same = np.concatenate(([False], (keys[:, 1:] == keys[:, :-1]).all(axis=0)))
        if not same.any():
            return
        starts = np.maximum.accumulate(np.where(same, 0, np.arange(len(same))))
        lines, firsts = line[order][same], line[order][starts[same]]
        names = [{v: k for k, v in known.items()} for known in self._codes]
        problems.count += len(lines)
        for at in np.argsort(lines, kind="stable")[:MAX_PROBLEMS].tolist():
            i = int(order[same][at])
            problems.found.append(
                RowProblem(int(lines[at]), None, _DUPLICATE, {
                    "first": str(int(firsts[at])),
                    "campaign": names[0][int(campaign[i])],
                    "day": names[1][int(day[i])],
                    "platform": names[2][int(platform[i])],
                })
            )  # fmt: skip


def _codes(column: Coded, known: dict[str, int]) -> np.ndarray:
    """Each value's number in `known` (new values numbered as they come)."""
    codes, values = column
    lookup = np.array([known.setdefault(str(v), len(known)) for v in values], dtype=np.int32)
    return lookup[codes] if len(lookup) else codes.astype(np.int32)
