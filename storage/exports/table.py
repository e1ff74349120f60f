"""The rows under the header, read column-wise by pandas' C parser.

Only the columns a format uses are read. Number columns are first read typed with the file's
decimal mark (the fast path, for exports without thousands separators or symbols); when a
cell does not parse, those columns are read as text and cleaned by storage.exports.numbers,
which names each cell that is not a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from storage.cells import CellText
from storage.exports.chunks import CHUNK, collect_chunks
from storage.exports.numbers import EMPTY, ambiguous, decimal_mark, parse_column
from storage.exports.spec import NUMERIC_ROLES, Header
from storage.exports.text import split_line

SAMPLE = 500  # data lines looked at to decide the decimal mark
DECIMAL_FIELDS = DECIMAL_COUNTERS | {"frequency"}  # `1.000` may be a decimal here
FIRST = "_first"  # the first column, read to find `Total:` rows
TEXT_FIELDS = ("date", "date_end", "campaign", "campaign_name", "platform", "placement",
               "breakdown", "ad_set", "ad", "currency", "indicator", FIRST)  # fmt: skip


@dataclass
class Table:
    frame: pd.DataFrame  # columns named by field; index = line number in the file
    bad_numbers: dict[str, pd.Series]  # field -> mask of cells that are not numbers
    raw: dict[str, pd.Series]  # field -> the text of those cells
    decimal: str
    comment_lines: int  # `#` lines (and what follows them) after the table
    first: str  # the field read from the first column (where `Total:` rows say so)
    ambiguous: dict[str, pd.Series]  # field -> cells with two readings (`1.000`)
    cells: CellText  # cells as written, for refusals


def numeric(field: str) -> bool:
    return field in COUNTERS or field in NUMERIC_ROLES


def read_table(
    text: str, header: Header, *, progress: Callable[[int], None] | None = None
) -> Table:
    """Read the data lines under `header` (line numbers as a spreadsheet shows them)."""
    body = text.split("\n", header.line + 1)[-1] if text.count("\n") > header.line else ""
    comment_lines = 0
    cut = 0 if body.startswith("#") else body.find("\n#") + 1
    if cut > 0 or body.startswith("#"):  # GA4 may append `#` sections: the data ends here
        comment_lines = sum(1 for line in body[cut:].split("\n") if line.strip())
        body = body[:cut]
    if header.spec.dateless:  # GA4: a blank line ends the table; what follows is another
        body, after = _first_table(body, header.delimiter)
        comment_lines += after
    columns = {c.index: c.field for c in header.columns}
    columns.setdefault(0, FIRST)
    numbers = [i for i, f in columns.items() if numeric(f)]
    sample = _sample(body, header.delimiter, numbers)
    decimal, settled = decimal_mark(sample, header.delimiter)
    width = max(columns) + 1
    bad: dict[str, pd.Series] = {}
    raw: dict[str, pd.Series] = {}
    unsure: dict[str, pd.Series] = {}
    try:
        if not settled:  # read as text: every cell can settle the mark, or be refused
            raise ValueError("decimal mark not settled by the first lines")
        frame = _read(
            body, header.delimiter, columns, width, decimal, typed=True, progress=progress
        )
        frame.index = _line_numbers(frame, body, header)
    except (ValueError, IndexError):  # a cell that is not a number (or a ParserError)
        try:
            frame = _read(
                body, header.delimiter, columns, width, decimal, typed=False, progress=None
            )
        except (ValueError, IndexError):  # rows too short for the columns asked, cut files
            frame = _read_rows(body, header.delimiter, columns)
        frame.index = _line_numbers(frame, body, header)
        if not settled:
            every = [str(c).strip() for i in numbers for c in frame[columns[i]].dropna()]
            decimal, settled = decimal_mark([c for c in every if c], header.delimiter)
        for i in numbers:
            field = columns[i]
            if not settled:
                unsure[field] = ambiguous(frame[field], whole=field not in DECIMAL_FIELDS)
                raw[field] = frame[field][unsure[field]]
            original = frame[field]
            frame[field], bad[field] = parse_column(original, decimal)
            raw[field] = pd.concat([raw.get(field, original[:0]), original[bad[field]]])
    while len(frame) and _blank_tail(frame, columns):
        frame = frame.iloc[:-1]  # the empty line a file ends with
    return Table(frame, bad, raw, decimal, comment_lines, columns[0], unsure,
                 CellText(text, header.delimiter))  # fmt: skip


def _line_numbers(frame: pd.DataFrame, body: str, header: Header) -> pd.Index:
    """Each row's line in the file (the header's line + 2 for the first)."""
    if len(frame) != body.count("\n") + (not body.endswith("\n")):
        # A quoted cell spans lines (a campaign name with a line break): rows are not lines.
        starts = _record_starts(body, header.delimiter)
        if len(starts) == len(frame):
            return pd.Index(starts) + header.line + 2
    return frame.index + header.line + 2


def _record_starts(body: str, delimiter: str) -> list[int]:
    """The 0-based line on which each record of `body` starts."""
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    starts, line = [], 0
    for _ in reader:
        starts.append(line)
        line = reader.line_num
    return starts


def _first_table(body: str, delimiter: str) -> tuple[str, int]:
    """The lines up to the first blank one (a line of delimiters is blank too, as
    spreadsheets write it) and how many non-blank lines follow it."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if not line.strip().strip(delimiter).strip():
            rest = sum(1 for x in lines[i + 1 :] if x.strip().strip(delimiter).strip())
            if rest:
                return "\n".join(lines[:i]) + "\n", rest
            break
    return body, 0


def _sample(body: str, delimiter: str, numbers: list[int]) -> list[str]:
    cells: list[str] = []
    end = 0
    for _ in range(SAMPLE):  # the first lines, without copying the rest of the body
        end = body.find("\n", end + 1)
        if end < 0:
            end = len(body)
            break
    for line in body[:end].split("\n"):
        row = split_line(line, delimiter)
        cells += [row[i].strip() for i in numbers if i < len(row) and row[i].strip() not in EMPTY]
    return cells


def _read(
    body: str,
    delimiter: str,
    columns: dict[int, str],
    width: int,
    decimal: str,
    *,
    typed: bool,
    progress: Callable[[int], None] | None,
) -> pd.DataFrame:
    # Text columns arrive categorical: each distinct value is handled once downstream.
    dtypes = {
        i: ("float64" if typed else "str") if numeric(f) else "category" for i, f in columns.items()
    }
    chunks = pd.read_csv(  # type: ignore[call-overload]  # pandas-stubs: int-keyed dtype
        io.StringIO(body),
        sep=delimiter,
        header=None,
        names=range(width),
        usecols=sorted(columns),
        index_col=False,
        dtype=dtypes,
        decimal=decimal,
        na_values={i: list(EMPTY) for i, f in columns.items() if typed and numeric(f)},
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        chunksize=CHUNK,
    )
    parts = collect_chunks(chunks, progress, first_line=1)
    if not parts:
        return pd.DataFrame({f: pd.Series(dtype="str") for f in columns.values()})
    frame: pd.DataFrame = pd.concat(parts) if len(parts) > 1 else parts[0]
    return frame.rename(columns=columns)


def _read_rows(body: str, delimiter: str, columns: dict[int, str]) -> pd.DataFrame:
    """The slow, forgiving read (csv module, text cells, short rows padded) for the few files
    pandas' C parser refuses."""
    rows = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    return pd.DataFrame(
        {f: [r[i] if i < len(r) else "" for r in rows] for i, f in columns.items()}, dtype="str"
    )


def _blank_tail(frame: pd.DataFrame, columns: dict[int, str]) -> bool:
    last = frame.iloc[-1]
    return all(pd.isna(v) or str(v).strip() == "" for v in last)
