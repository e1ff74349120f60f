"""Which export a file is: the header row scored against every format's headers.

The first SCAN_LINES lines are tried with each delimiter; the (line, delimiter, format) that
recognises the most header cells and has the columns the format needs wins. The canonical
CSV wins a tie: its names are exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storage.exports.canonical import CANONICAL
from storage.exports.ga4 import GA4
from storage.exports.google_ads import GOOGLE_ADS
from storage.exports.linkedin import LINKEDIN
from storage.exports.meta import META
from storage.exports.spec import Header, Spec, resolve
from storage.exports.text import DELIMITERS, first_lines, is_comment, split_line

FORMATS: dict[str, Spec] = {s.name: s for s in (CANONICAL, META, LINKEDIN, GOOGLE_ADS, GA4)}


def find_header(
    text: str, aliases: Mapping[str, str], formats: Sequence[Spec] | None = None
) -> Header | None:
    """The best header among the first lines, or None when no line has what a format needs."""
    best: Header | None = None
    for number, line in enumerate(first_lines(text)):
        if not line.strip() or is_comment(line):
            continue
        for delimiter in DELIMITERS:
            if delimiter not in line and delimiter != ",":
                continue
            cells = split_line(line, delimiter)
            for spec in formats or FORMATS.values():
                found = resolve(cells, spec, aliases, line=number, delimiter=delimiter)
                if found.missing or found.score < 2:
                    continue
                if best is None or found.score > best.score:
                    best = found
    return best
