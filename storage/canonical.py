"""The canonical CSV: `date,campaign,platform` plus counters named as in kpi.counters.

Every row is validated before anything is written: one bad row refuses the whole file,
with every problem's line number and reason (up to MAX_PROBLEMS of them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from storage.campaigns.frame_rows import FrameRows, collect_chunks
from storage.campaigns.naming import slugify
from storage.campaigns.records import MetricRow
from storage.cells import CellText
from storage.limits import counter_bounds, too_big

MAX_PROBLEMS = 50
CHUNK = 200_000  # rows per read: the progress bar moves, memory stays flat
REQUIRED = ("date", "campaign", "platform")
OPTIONAL = ("campaign_name",)


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
    summed_rows: int = 0  # rows summed into `rows` (ad-level exports, placements), 0: none
    summed_level: str = ""  # what those rows were: ad, ad_set, placement, breakdown
    sources: dict[str, str] = field(default_factory=dict)  # conversions/revenue -> header
    dimension: str = ""  # GA4: the column whose values became campaigns


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


def parse_canonical(
    data: bytes,
    *,
    as_of: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ParseResult:
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
    raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter), [])]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        problems.add(1, ", ".join(missing), "import.error.missing_columns",
                     columns=", ".join(missing), expected=", ".join(REQUIRED))  # fmt: skip
    if missing or len(set(header)) != len(header):
        if not missing:
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
            for line, found in _ragged_lines(raw, delimiter, len(header)):
                problems.add(line, None, "import.error.cells", found=str(found),
                             expected=str(len(header)))  # fmt: skip
            return _refused(problems)
        _number_problems(frame, counters, problems)
    return _checked(frame, header, counters, problems, raw, delimiter, text, as_of)


def _read(
    text: str,
    header: list[str],
    delimiter: str,
    counters: list[str],
    *,
    typed: bool,
    progress: Callable[[int], None] | None,
) -> pd.DataFrame:
    # Text columns repeat a few hundred values: as categories they are read, stripped and
    # slugged once per distinct value instead of once per row.
    dtypes: dict[str, str] = dict.fromkeys(header, "category" if typed else "str")
    if typed:
        dtypes.update(dict.fromkeys(counters, "float64"))
    chunks = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        names=header,
        header=0,
        index_col=False,  # a line with more cells than the header is refused, not an index
        dtype=dtypes,
        na_values={c: [""] for c in counters} if typed else None,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        chunksize=CHUNK,
    )
    with warnings.catch_warnings():
        # Extra cells are cut off with a warning; _checked refuses those lines by count.
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        parts = collect_chunks(chunks, progress, first_line=2)
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


def _ragged_lines(raw: bytes, delimiter: str, width: int) -> list[tuple[int, int]]:
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


def _recode(column: pd.Series, clean: Callable[[str], str]) -> pd.Series:
    """The column as categories of `clean(text)` ("" where the row had no such cell).
    `clean` runs once per distinct value, not once per row."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    cleaned = [clean(str(value)) for value in column.cat.categories] + [""]
    categories, lookup = np.unique(np.array(cleaned, dtype=object), return_inverse=True)
    codes = lookup[column.cat.codes.to_numpy()]  # code -1 (no cell) takes the trailing ""
    recoded = pd.Categorical.from_codes(codes.tolist(), categories=pd.Index(categories))
    return pd.Series(recoded, index=column.index)


def _iso(text: str) -> str:
    """YYYY-MM-DD as written, or "" when it is not a real date in that form."""
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        return ""


def _checked(
    frame: pd.DataFrame,
    header: list[str],
    counters: list[str],
    problems: _Problems,
    raw: bytes,
    delimiter: str,
    source: str,
    as_of: dt.date | None,
) -> ParseResult:
    """Every row checked; days after `as_of` (today) are refused as `/kpi log` refuses
    them."""
    cells = CellText(source, delimiter)
    text = {c: _recode(frame[c], str.strip) for c in header if c not in counters}
    blank = pd.concat([(v == "") for v in text.values()], axis=1).all(axis=1)
    if counters:
        blank &= frame[counters].isna().all(axis=1)
    short = pd.Series(False, index=frame.index)
    for line, found in _ragged_lines(raw, delimiter, len(header)):
        if line in short.index and not blank[line]:
            short[line] = True
            problems.add(
                line, None, "import.error.cells", found=str(found), expected=str(len(header))
            )
    ok = ~blank & ~short

    days = _recode(text["date"], _iso)
    bad_day = ok & (days == "")
    for line, value in _cells(text["date"][bad_day]):
        problems.add(int(line), "date", "import.error.date", value=value)
    if as_of is not None:
        today = as_of.isoformat()
        late = [d for d in days.cat.categories if d and d > today]
        for line, value in _cells(days[ok & days.isin(late)]):
            problems.add(int(line), "date", "import.error.future", date=value, today=today)
    slugs = _recode(text["campaign"], slugify)
    platforms = _recode(text["platform"], str.lower)
    for column, values in (("campaign", slugs), ("platform", platforms)):
        for line in values.index[ok & (values == "")]:
            problems.add(int(line), column, "import.error.empty", column=column)

    for column in counters:
        index = header.index(column)

        def written(line: int, shown: int, index: int = index) -> str:
            return cells.at(line, index) if shown < MAX_PROBLEMS else ""

        numbers = frame[column]
        present = ok & numbers.notna()
        wrong = present & ~np.isfinite(numbers.fillna(0.0))
        if column not in DECIMAL_COUNTERS:
            wrong |= present & (numbers.fillna(0.0) % 1 != 0)
        for i, line in enumerate(numbers.index[wrong].tolist()):
            problems.add(line, column, "import.error.number", column=column,
                         value=written(line, i))  # fmt: skip
        for i, line in enumerate(numbers.index[present & ~wrong & (numbers < 0)].tolist()):
            problems.add(line, column, "import.error.negative", column=column,
                         value=written(line, i))  # fmt: skip
        big = present & ~wrong & too_big(column, numbers.to_numpy(dtype="float64"))
        for i, line in enumerate(numbers.index[big].tolist()):
            problems.add(line, column, "bounds.too_big", name=column, value=written(line, i),
                         max=str(counter_bounds()[column].largest))  # fmt: skip
    _duplicates(slugs, days, platforms, ok & ~bad_day, problems)

    shown, count = problems.result()
    skipped = {"blank": int(blank.sum())} if blank.any() else {}
    known = REQUIRED + OPTIONAL + COUNTERS
    recognised = {h: h for h in header if h in known}
    ignored = [h for h in header if h and h not in known]
    if count:
        return ParseResult(
            "canonical", [], recognised, ignored, skipped, problems=shown, problem_count=count
        )
    display = _recode(text.get("campaign_name", text["campaign"]), lambda v: " ".join(v.split()))
    rows = FrameRows(
        lines=frame.index[ok].tolist(),
        campaigns=slugs[ok].tolist(),
        names=[n or None for n in display[ok].tolist()],
        days=days[ok].tolist(),
        platforms=platforms[ok].tolist(),
        counters={c: _values(frame.loc[ok, c], c in DECIMAL_COUNTERS) for c in counters},
    )
    return ParseResult("canonical", rows, recognised, ignored, skipped)


def _duplicates(
    slugs: pd.Series, days: pd.Series, platforms: pd.Series, rows: pd.Series, problems: _Problems
) -> None:
    """The same (campaign, day, platform) twice: refused, naming the line it first stood on.
    Compared as one integer per row, built from the three columns' category codes."""
    n_days, n_platforms = len(days.cat.categories), len(platforms.cat.categories)
    key = (
        slugs.cat.codes.astype(np.int64) * (n_days * n_platforms)
        + days.cat.codes.astype(np.int64) * n_platforms
        + platforms.cat.codes.astype(np.int64)
    )[rows]
    repeated = key.duplicated(keep="first")
    if not repeated.any():
        return
    first = pd.Series(key.index, index=key.index).groupby(key).transform("first")
    for line in key.index[repeated]:
        problems.add(int(line), None, "import.error.duplicate", first=str(first[line]),
                     campaign=slugs[line], day=days[line], platform=platforms[line])  # fmt: skip


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
