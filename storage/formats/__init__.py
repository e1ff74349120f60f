"""Export formats: recognise a file and turn it into canonical rows.

`parse_file(data)` decodes the bytes, finds the header row (title and comment lines above it
are fine), recognises the format — Meta Ads Manager (English and Dutch), LinkedIn Campaign
Manager, Google Ads, GA4, or the kpibot CSV — and reads every row. It never raises for a bad
file: the result's `problems` (first MAX_PROBLEMS, `problem_count` in all) say why it must
be refused as a whole, with line numbers counting the file's first line as 1.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

from storage.canonical import ParseResult, parse_canonical
from storage.formats import canonical
from storage.formats.aliases import AliasError, load_aliases, prepared
from storage.formats.decoding import Decoded, EncodingRefused, decimal_comma, decode
from storage.formats.detect import FORMATS, SCAN, Detection, Unrecognised, find_header
from storage.formats.problems import MAX_PROBLEMS, Problems, RowProblem
from storage.formats.slug import slugify
from storage.formats.table import read_table

__all__ = [
    "FORMATS",
    "MAX_PROBLEMS",
    "AliasError",
    "FormatResult",
    "ParseResult",
    "RowProblem",
    "detect",
    "load_aliases",
    "parse_file",
    "slugify",
]


@dataclass(frozen=True)
class FormatResult(ParseResult):
    """storage.canonical.ParseResult plus how the file was read."""

    encoding: str = "utf-8"  # utf-8, utf-8-sig, utf-16, cp1252
    delimiter: str = ","
    header_line: int = 1


def detect(data: bytes, *, aliases: Mapping[str, str] | None = None) -> str | None:
    """The format name of `data` ("meta", "linkedin", "google_ads", "ga4", "canonical"), or
    None when it is not readable text or no header row is recognised."""
    try:
        text = decode(data).text
    except EncodingRefused:
        return None
    found = find_header(text, prepared(aliases))
    return found.spec.name if isinstance(found, Detection) else None


def parse_file(
    data: bytes,
    *,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
    default_platform: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> FormatResult:
    """Every row of `data` as canonical rows, or the problems that refuse it.

    `format` skips detection (a name not in FORMATS is refused as a problem); `aliases` maps
    the team's own header names to fields (see storage.formats.aliases); `default_platform`
    is the platform of rows whose file says none (Meta without a Platform column: else
    "facebook"; a kpibot CSV without a platform column). `progress(line)` is called every
    few thousand lines with the line just read."""
    if format is not None and format not in FORMATS:
        args = {"format": format, "known": ", ".join(FORMATS)}
        return _refused(format, RowProblem(1, None, "import.error.unknown_format", args))
    alias_map = prepared(aliases)
    try:
        decoded = decode(data)
    except EncodingRefused as error:
        return _refused(format or "unknown", RowProblem(error.line, None, "import.error.encoding"))
    found = find_header(decoded.text, alias_map, format)
    if isinstance(found, Unrecognised):
        return _refused(format or "unknown", _no_header(found, format))
    if found.spec is canonical.SPEC:
        if "platform" not in found.plan.roles and not default_platform:
            args = {"format": "canonical", "columns": "platform"}
            problem = RowProblem(found.line, "platform", "import.error.export_missing", args)
            return _refused("canonical", problem)
        if _native_canonical(found):
            return _canonical(data, decoded, found, progress)
    return _vendor(decoded, found, default_platform, progress)


def _no_header(found: Unrecognised, format: str | None) -> RowProblem:
    """No header: which headers the likeliest line had, and (forced format) what it needs."""
    seen = ", ".join(found.headers) or "-"
    args = {"lines": str(SCAN), "headers": seen}
    if format is None:
        return RowProblem(found.line, None, "import.error.no_header", args)
    spec = FORMATS[format]
    needs = ", ".join(next(h for h, f in spec.headers.items() if f == r) for r in spec.required)
    return RowProblem(found.line, None, "import.error.format_header",
                      {**args, "format": format, "needs": needs})  # fmt: skip


def _native_canonical(found: Detection) -> bool:
    """A file storage.canonical reads as it is: header on line 1, its own column names."""
    names = [h.strip().lower() for h in found.header]
    return (
        found.line == 1
        and "platform" in found.plan.roles
        and found.delimiter in ",;"
        and all(n in canonical.NATIVE for n in names)
    )


def _canonical(
    data: bytes, decoded: Decoded, found: Detection, progress: Callable[[int], None] | None
) -> FormatResult:
    raw = data if decoded.encoding.startswith("utf-8") else decoded.text.encode("utf-8")
    parsed = parse_canonical(raw, progress=progress)
    values = {f.name: getattr(parsed, f.name) for f in fields(parsed)}
    return FormatResult(**values, encoding=decoded.encoding, delimiter=found.delimiter)


def _vendor(
    decoded: Decoded,
    found: Detection,
    default_platform: str | None,
    progress: Callable[[int], None] | None,
) -> FormatResult:
    text, plan = decoded.text, found.plan
    problems = Problems()
    if len(plan.currencies) > 1:
        problems.add(found.line, None, "import.error.currencies",
                     currencies=", ".join(sorted(plan.currencies)))  # fmt: skip
    sample_text = text[found.data_start : found.data_start + 65536]
    sample_reader = csv.reader(io.StringIO(sample_text, newline=""), delimiter=found.delimiter)
    number_columns = [i for _, i in plan.counters]
    sample = [
        [row[i] for i in number_columns if i < len(row)]
        for row in itertools.islice(sample_reader, 500)
    ]
    reader = csv.reader(
        io.StringIO(text[found.data_start :], newline=""), delimiter=found.delimiter
    )
    table = read_table(
        reader,
        found.line,
        header=found.header,
        spec=found.spec,
        plan=plan,
        comma_decimal=decimal_comma(sample, found.delimiter),
        default_platform=default_platform,
        period=found.period,
        problems=problems,
        progress=progress,
    )
    return FormatResult(
        format=found.spec.name,
        rows=[] if problems else table.rows,
        recognised=plan.recognised,
        ignored=plan.ignored + table.dropped,
        skipped=table.skipped,
        currency=table.currency,
        period_totals=table.period_totals,
        problems=problems.found,
        problem_count=problems.count,
        encoding=decoded.encoding,
        delimiter=found.delimiter,
        header_line=found.line,
    )


def _refused(format: str, problem: RowProblem) -> FormatResult:
    return FormatResult(format=format, rows=[], problems=[problem], problem_count=1)
