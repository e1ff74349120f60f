"""Which format a file is, from its header row.

The first SCAN lines are tried with each separator (`,`, `;`, tab); the first line on which
some format finds its required columns (and at least one counter) is the header. When several
formats match there, the one recognising the most columns wins, ties in FORMATS order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storage.formats import canonical, ga4, google_ads, linkedin, meta
from storage.formats.decoding import DELIMITERS, split_line
from storage.formats.spec import FormatSpec, Period, Plan, make_plan

SCAN = 30
FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (canonical.SPEC, meta.SPEC, linkedin.SPEC, google_ads.SPEC, ga4.SPEC)
}
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Detection:
    spec: FormatSpec
    plan: Plan
    header: list[str]
    line: int  # 1-based line of the header
    data_start: int  # offset in the text where the data rows begin
    delimiter: str
    period: Period | None  # from the title lines, used when there is no day column


@dataclass(frozen=True)
class Unrecognised:
    line: int  # the line that looked most like a header
    headers: list[str]


def head_lines(text: str, count: int) -> tuple[list[str], list[int]]:
    """The first `count` lines and, for each, the offset where the next one starts."""
    lines: list[str] = []
    ends: list[int] = []
    pos = 0
    for match in _NEWLINE.finditer(text):
        lines.append(text[pos : match.start()])
        pos = match.end()
        ends.append(pos)
        if len(lines) == count:
            return lines, ends
    if pos < len(text):
        lines.append(text[pos:])
        ends.append(len(text))
    return lines, ends


def find_header(
    text: str, aliases: Mapping[str, str], only: str | None = None
) -> Detection | Unrecognised:
    """The header line and format (`only` forces one format; KeyError if unknown)."""
    specs: Sequence[FormatSpec] = [FORMATS[only]] if only else list(FORMATS.values())
    lines, ends = head_lines(text, SCAN)
    widest: tuple[int, list[str]] = (1, [])
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        candidates: list[tuple[int, int, Detection]] = []
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = split_line(line, delimiter)
            if len(cells) > len(widest[1]):
                widest = (index + 1, cells)
            for rank, spec in enumerate(specs):
                plan = make_plan(cells, spec, aliases)
                period = None
                if "day" not in plan.roles and spec.preamble_period is not None:
                    period = spec.preamble_period(lines[:index])
                if plan.satisfies(spec, period):
                    found = Detection(spec, plan, cells, index + 1, ends[index], delimiter, period)
                    candidates.append((-plan.score, rank, found))
        if candidates:
            return min(candidates, key=lambda c: (c[0], c[1]))[2]
    return Unrecognised(widest[0], [c for c in widest[1] if c.strip()])
