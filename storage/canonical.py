"""The canonical CSV: `date,campaign,platform` plus counters named as in kpi.counters.

Every row is validated before anything is written: one bad row refuses the whole file,
with every problem's line number and reason (up to MAX_PROBLEMS of them).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kpi.counters import COUNTERS, MONEY_COUNTERS
from storage.frame_rows import FrameRows
from storage.records import MetricRow

MAX_PROBLEMS = 50
CHUNK = 200_000  # rows per read: the progress bar moves, memory stays flat
REQUIRED = ("date", "campaign", "platform")
OPTIONAL = ("campaign_name",)
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a line was refused: an i18n key (`import.error.*`) and its arguments. Line 1 is
    the header, as in a spreadsheet."""

    line: int
    column: str | None
    reason_key: str
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParseResult:
    format: str
    rows: Sequence[MetricRow]
    recognised: dict[str, str] = field(default_factory=dict)  # header -> field
    ignored: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    currency: str | None = None
    period_totals: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0


def slugify(name: str) -> str:
    """`Zomer Actie 2026` -> `zomer-actie-2026` (accents folded, punctuation to hyphens)."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", folded.lower()).strip("-")


def decode(data: bytes) -> str:
    """UTF-8 with or without a BOM; raises UnicodeDecodeError otherwise."""
    return data.decode("utf-8-sig")


def _number(cell: str, money: bool) -> float | None:
    """A finite number (a whole one for counts), else None."""
    if not money:
        try:
            return int(cell)
        except ValueError:
            pass
    try:
        value = float(cell)
    except ValueError:
        return None
    if not math.isfinite(value) or (not money and not value.is_integer()):
        return None
    return value


class _Problems:
    """Collects problems: all are counted, the first MAX_PROBLEMS (by line) are kept."""

    def __init__(self) -> None:
        self.found: list[RowProblem] = []

    def add(self, line: int, where: str | None, key: str, /, **args: str) -> None:
        self.found.append(RowProblem(line, where, key, args))

    def result(self) -> tuple[list[RowProblem], int]:
        ordered = sorted(self.found, key=lambda p: (p.line, p.column or ""))
        return ordered[:MAX_PROBLEMS], len(ordered)


def parse_canonical(data: bytes, *, progress: Callable[[int], None] | None = None) -> ParseResult:
    """Read and check every row of a canonical CSV.

    The file is read column-wise by pandas' C parser with the counters typed as numbers (the
    fast path, for files that are right); when a cell is not a number the file is read
    again as text to say exactly which cells are wrong. Rows come back as FrameRows."""
    problems = _Problems()
    try:
        text = decode(data)
    except UnicodeDecodeError:
        problems.add(1, None, "import.error.encoding")
        return _refused(problems)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter), [])]
    missing = [h for h in REQUIRED if h not in header]
    unknown = [h for h in header if h and h not in REQUIRED + OPTIONAL + COUNTERS]
    if missing:
        problems.add(1, ", ".join(missing), "import.error.missing_columns",
                     columns=", ".join(missing), expected=", ".join(REQUIRED))  # fmt: skip
    for h in unknown:
        problems.add(1, h, "import.error.unknown_column", column=h, known=", ".join(COUNTERS))
    if missing or unknown or len(set(header)) != len(header):
        if not (missing or unknown):
            problems.add(1, None, "import.error.header_twice")
        return _refused(problems)
    counters = [h for h in header if h in COUNTERS]
    try:
        frame = _read(text, header, delimiter, counters, typed=True, progress=progress)
    except (ValueError, pd.errors.ParserError):
        frame = None
    if frame is None:  # some cell is not a number, or a row has too many cells
        try:
            frame = _read(text, header, delimiter, counters, typed=False, progress=None)
        except pd.errors.ParserError:  # a row with more cells than the header
            for line, found in _ragged_lines(text, delimiter, len(header)):
                problems.add(line, None, "import.error.cells", found=str(found),
                             expected=str(len(header)))  # fmt: skip
            return _refused(problems)
        _number_problems(frame, counters, problems)
    return _checked(frame, header, counters, problems, text, delimiter)


def _read(
    text: str,
    header: list[str],
    delimiter: str,
    counters: list[str],
    *,
    typed: bool,
    progress: Callable[[int], None] | None,
) -> pd.DataFrame:
    dtypes: dict[str, str] = dict.fromkeys(header, "str")
    if typed:
        dtypes.update(dict.fromkeys(counters, "float64"))
    chunks = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        names=header,
        header=0,
        dtype=dtypes,
        na_values={c: [""] for c in counters} if typed else None,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        chunksize=CHUNK,
    )
    parts = []
    for part in chunks:
        parts.append(part)
        if progress is not None:
            progress(part.index[-1] + 2)
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=header)
    frame.index = frame.index + 2  # line numbers: the header is line 1
    return frame


def _number_problems(frame: pd.DataFrame, counters: list[str], problems: _Problems) -> None:
    """The text read of a file with a bad cell: find each cell that is not a number."""
    for column in counters:
        cells = frame[column].fillna("").str.strip()
        numbers = pd.to_numeric(cells.where(cells != ""), errors="coerce")
        bad = (cells != "") & numbers.isna()
        for line, value in _cells(cells[bad]):
            problems.add(int(line), column, "import.error.number", column=column, value=value)
        frame[column] = numbers.where(~bad)


def _ragged_lines(text: str, delimiter: str, width: int) -> list[tuple[int, int]]:
    """(line, cells) of every line whose number of cells is not `width`. Counted on the raw
    text, vectorised; lines with quotes are counted by the csv module."""
    lines = pd.Series(text.split("\n"))
    cells = lines.str.count(delimiter) + 1
    quoted = lines.str.contains('"', regex=False)
    for i in lines.index[quoted]:
        cells[i] = len(next(csv.reader([lines[i]], delimiter=delimiter), []))
    empty = lines.str.strip() == ""
    wrong = (cells != width) & ~empty
    return [(int(i) + 1, int(cells[i])) for i in lines.index[wrong] if i > 0]


def _checked(
    frame: pd.DataFrame,
    header: list[str],
    counters: list[str],
    problems: _Problems,
    text: str,
    delimiter: str,
) -> ParseResult:
    text_columns = [h for h in header if h not in counters]
    stripped = {c: frame[c].fillna("").str.strip() for c in text_columns}
    blank = pd.concat([(v == "") for v in stripped.values()], axis=1).all(axis=1)
    if counters:
        blank &= frame[counters].isna().all(axis=1)
    short = pd.Series(False, index=frame.index)
    for line, found in _ragged_lines(text, delimiter, len(header)):
        if line in short.index and not blank[line]:
            short[line] = True
            problems.add(
                line, None, "import.error.cells", found=str(found), expected=str(len(header))
            )
    ok = ~blank & ~short

    days = stripped["date"]
    parsed = pd.to_datetime(days, format="%Y-%m-%d", errors="coerce")
    bad_day = ok & parsed.isna()
    for line, value in _cells(days[bad_day]):
        problems.add(int(line), "date", "import.error.date", value=value)
    iso = days.where(days.str.len() == 10, parsed.dt.strftime("%Y-%m-%d"))

    names = stripped["campaign"]
    slug_of = {name: slugify(name) for name in names[ok].unique()}
    slugs = names.map(slug_of).fillna("")
    platforms = stripped["platform"].str.lower()
    for column, values in (("campaign", slugs), ("platform", platforms)):
        for line in values.index[ok & (values == "")]:
            problems.add(int(line), column, "import.error.empty", column=column)

    for column in counters:
        numbers = frame[column]
        present = ok & numbers.notna()
        wrong = present & ~np.isfinite(numbers.fillna(0.0))
        if column not in MONEY_COUNTERS:
            wrong |= present & (numbers.fillna(0.0) % 1 != 0)
        for line, value in _cells(numbers[wrong]):
            problems.add(
                int(line), column, "import.error.number", column=column, value=f"{value:g}"
            )
        for line, value in _cells(numbers[present & ~wrong & (numbers < 0)]):
            problems.add(
                int(line), column, "import.error.negative", column=column, value=f"{value:g}"
            )

    keys = pd.DataFrame({"c": slugs, "d": iso, "p": platforms})[ok & ~bad_day]
    repeated = keys.duplicated(keep="first")
    if repeated.any():
        first_line = keys.reset_index().groupby(["c", "d", "p"])["index"].transform("first")
        first_line.index = keys.index
        for line in keys.index[repeated]:
            c, d, p = keys.loc[line]
            problems.add(int(line), None, "import.error.duplicate", first=str(first_line[line]),
                         campaign=c, day=d, platform=p)  # fmt: skip

    shown, count = problems.result()
    skipped = {"blank": int(blank.sum())} if blank.any() else {}
    recognised = {h: h for h in header}
    if count:
        return ParseResult(
            "canonical", [], recognised, [], skipped, problems=shown, problem_count=count
        )
    keep = frame.index[ok]
    display = stripped["campaign_name"] if "campaign_name" in stripped else names
    rows = FrameRows(
        lines=[int(i) for i in keep],
        campaigns=slugs[ok].tolist(),
        names=[n or None for n in display[ok].tolist()],
        days=iso[ok].tolist(),
        platforms=platforms[ok].tolist(),
        counters={c: _values(frame.loc[ok, c], c in MONEY_COUNTERS) for c in counters},
    )
    return ParseResult("canonical", rows, recognised, [], skipped)


def _values(column: pd.Series, money: bool) -> list[float | int | None]:
    """Python numbers (ints for counts) with None where the cell was empty."""
    typed = column if money else column.astype("Int64")
    values: list[float | int | None] = typed.astype(object).where(column.notna(), None).tolist()
    return values


def _cells(series: pd.Series) -> list[tuple[int, Any]]:
    """(line, value) pairs of a column slice."""
    return list(zip(series.index.tolist(), series.tolist(), strict=True))


def _refused(problems: _Problems) -> ParseResult:
    shown, count = problems.result()
    return ParseResult("canonical", [], problems=shown, problem_count=count)
