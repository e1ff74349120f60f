"""Import the exports marketers have: Meta Ads Manager (English and Dutch), LinkedIn Campaign
Manager, Google Ads, GA4 and the canonical kpibot CSV, recognised from the header row.

    parse_file(data, format=None, aliases=None, default_platform=None, progress=None)
        -> storage.exports.result.ParseResult

Nothing is written here: the result holds either checked rows or every problem with its line
number (the header counts as line 1, as in a spreadsheet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from storage.errors import AliasError
from storage.exports.aliases import check_aliases, load_aliases
from storage.exports.build import build
from storage.exports.canonical import parse_canonical
from storage.exports.detect import FORMATS, find_header
from storage.exports.period import find_period
from storage.exports.problems import RowProblem
from storage.exports.result import ParseResult
from storage.exports.spec import Header
from storage.exports.table import read_table
from storage.exports.text import SCAN_LINES, decode, first_lines, normalise
from storage.limits import MAX_LINE_BYTES, long_line

__all__ = ["FORMATS", "AliasError", "load_aliases", "parse_file", "streams_canonical"]


def parse_file(
    data: bytes,
    *,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
    default_platform: str | None = None,
    progress: Callable[[int], None] | None = None,
    as_of: dt.date | None = None,
) -> ParseResult:
    """Decode, find the header among the first SCAN_LINES lines (`format` names the format
    instead of detecting it), read and check every row. Refusals (ParseResult.problems):
    an encoding other than UTF-8/UTF-16, no recognisable header, text in a number column,
    negative counts, an unreadable date, a date after `as_of` (today), a number the file
    does not settle (`1.000`), the same campaign, day and platform twice."""
    too_long = long_line(data)
    if too_long is not None:  # before any reader: the csv module and pandas choke on them
        line, size = too_long
        problem = {"length": str(size), "max": str(MAX_LINE_BYTES)}
        return _refused(format or "?", RowProblem(line, None, "bounds.line_too_long", problem))
    try:
        text = decode(data)
    except UnicodeDecodeError:
        return _refused(format or "?", RowProblem(1, None, "import.error.encoding"))
    if format is not None and format not in FORMATS:
        return _refused(
            format,
            RowProblem(
                1,
                None,
                "import.error.unknown_format",
                {"format": format, "known": ", ".join(FORMATS)},
            ),
        )
    wanted = check_aliases(aliases or {})
    header = find_header(text, wanted, [FORMATS[format]] if format else None)
    if header is None:
        return _refused(format or "?", _no_header(text, format))
    if _canonical(data, header, wanted):
        return parse_canonical(data, as_of=as_of, progress=progress)
    table = read_table(text, header, progress=progress)
    period = find_period(first_lines(text, header.line)) if header.line else None
    return build(table, header, default_platform=default_platform, period=period, as_of=as_of)


def streams_canonical(
    head: bytes, *, format: str | None = None, aliases: Mapping[str, str] | None = None
) -> bool:
    """Whether a file starting with `head` (its first block of bytes) is a canonical CSV
    that storage.exports.stream reads chunk by chunk: what `parse_file` would read with
    `parse_canonical`, decided on the head's complete lines."""
    if format not in (None, "canonical"):
        return False
    cut = head[: head.rfind(b"\n") + 1]
    if not cut or long_line(cut) is not None:
        return False
    try:
        text = decode(cut)
    except UnicodeDecodeError:
        return False
    wanted = check_aliases(aliases or {})
    header = find_header(text, wanted, [FORMATS[format]] if format else None)
    return header is not None and _canonical(cut, header, wanted)


def _canonical(data: bytes, header: Header, aliases: Mapping[str, str]) -> bool:
    """Whether storage.exports.canonical reads this file as it is: a comma-separated canonical
    header on line 1, in UTF-8, with no alias in play. Others (Dutch Excel's `;` with
    `1.000` and `12,5`, aliases) are read by the export reader, which knows decimal commas
    and thousands separators."""
    return (
        header.spec.name == "canonical"
        and header.line == 0
        and header.delimiter == ","
        and not any(normalise(c.header)[0] in aliases for c in header.columns)
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        and b"\x00" not in data[:200]
    )


def _no_header(text: str, format: str | None) -> RowProblem:
    lines = min(SCAN_LINES, text.count("\n") + 1)
    if format:
        needs = ", ".join(FORMATS[format].needs)
        return RowProblem(
            1,
            None,
            "import.error.format_header",
            {"format": format, "lines": str(lines), "needs": needs},
        )
    return RowProblem(1, None, "import.error.no_header", {"lines": str(lines)})


def _refused(format: str, problem: RowProblem) -> ParseResult:
    return ParseResult(format, [], problems=[problem], problem_count=1)
