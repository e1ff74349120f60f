"""The kpibot CSV, one format among the exports: `date,campaign,platform` plus counters
named as in kpi.counters, comma-separated in UTF-8 (the fast path; the same file saved by a
spreadsheet with `;` and decimal commas is read by the export reader, storage.exports.table).

Every row is validated before anything is written: one bad row refuses the whole file,
with every problem's line number and reason (up to MAX_PROBLEMS of them). Problems, the
result, numbers, dates, chunks and duplicates are the exports' (storage.exports.*).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from kpi.counters import COUNTERS, DECIMAL_COUNTERS
from storage.campaigns.frame_columns import Coded
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.naming import slugify
from storage.cells import CellText
from storage.exports.chunks import CHUNK, collect_chunks
from storage.exports.dates import iso_dates
from storage.exports.duplicates import refuse_duplicates, row_key
from storage.exports.numbers import EMPTY, parse_column
from storage.exports.problems import Problems
from storage.exports.ragged import ragged_lines
from storage.exports.result import ParseResult
from storage.exports.spec import Spec
from storage.exports.text import decode_utf8
from storage.limits import counter_bounds, too_big

REQUIRED = ("date", "campaign", "platform")
OPTIONAL = ("campaign_name",)

#: The kpibot CSV as a Spec, for detection (storage.exports.detect).
CANONICAL = Spec(
    name="canonical",
    headers={
        "date": "date",
        "campaign": "campaign",
        "platform": "platform",
        "campaign_name": "campaign_name",
        **{c: c for c in COUNTERS},
    },
    needs=REQUIRED,
)


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
    problems = Problems()
    try:
        text = decode_utf8(data)
    except UnicodeDecodeError:
        problems.add(1, None, "import.error.encoding")
        return _refused(problems)
    raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    first = text[: text.find("\n")] if "\n" in text else text
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
        frame = _read(raw, header, delimiter, counters, typed=True, progress=progress)
    except (ValueError, pd.errors.ParserError):
        frame = None
    if frame is None:  # some cell is not a number, or a row has too many cells
        try:
            frame = _read(raw, header, delimiter, counters, typed=False, progress=None)
        except pd.errors.ParserError:  # a row with more cells than the header
            for line, found in ragged_lines(raw, delimiter, len(header)):
                problems.add(line, None, "import.error.cells", found=str(found),
                             expected=str(len(header)))  # fmt: skip
            return _refused(problems)
        _number_problems(frame, counters, problems)
    return _checked(frame, header, counters, problems, raw, delimiter, text, as_of)


def _read(
    raw: bytes,
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
        io.BytesIO(raw),  # UTF-8 checked already; bytes spare pandas a copy of the text
        sep=delimiter,
        names=header,
        header=0,
        index_col=False,  # a line with more cells than the header is refused, not an index
        dtype=dtypes,
        na_values={c: list(EMPTY) for c in counters} if typed else None,
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


def _number_problems(frame: pd.DataFrame, counters: list[str], problems: Problems) -> None:
    """The text read of a file with a bad cell: a column every cell of which the typed read
    takes is kept as it reads it; a column with a cell it does not take is read as the
    exports read numbers (storage.exports.numbers, decimal point), naming each cell that is
    not a number."""
    for column in counters:
        cells = frame[column]
        typed = pd.to_numeric(cells, errors="coerce")
        if not (typed.isna() & ~cells.fillna("").str.strip().isin(EMPTY)).any():
            frame[column] = typed.astype("float64")
            continue
        numbers, bad = parse_column(cells, ".")
        problems.where(bad, column, "import.error.number", _as_read(frame[column], column))
        frame[column] = numbers.where(~bad)


def _as_read(cells: pd.Series, column: str) -> Callable[[int], dict[str, str]]:
    def shown(line: int) -> dict[str, str]:
        return {"column": column, "value": str(cells[line]).strip()}

    return shown


def _recode(column: pd.Series, clean: Callable[[str], str]) -> pd.Series:
    """The column as categories of `clean(text)` ("" where the row had no such cell).
    `clean` runs once per distinct value, not once per row."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    cleaned = [clean(str(value)) for value in column.cat.categories] + [""]
    categories, lookup = np.unique(np.array(cleaned, dtype=object), return_inverse=True)
    codes = lookup[column.cat.codes.to_numpy()]  # code -1 (no cell) takes the trailing ""
    recoded = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
    return pd.Series(recoded, index=column.index)


def _checked(
    frame: pd.DataFrame,
    header: list[str],
    counters: list[str],
    problems: Problems,
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
    for line, found in ragged_lines(raw, delimiter, len(header)):
        if line in short.index and not blank[line]:
            short[line] = True
            problems.add(
                line, None, "import.error.cells", found=str(found), expected=str(len(header))
            )
    ok = ~blank & ~short

    iso = iso_dates(text["date"].cat.categories, month_first=False, iso_only=True)
    days = _recode(text["date"], lambda value: iso.get(value) or "")
    bad_day = ok & (days == "")
    dates = text["date"]
    problems.where(bad_day, "date", "import.error.date", lambda line: {"value": dates[line]})
    if as_of is not None:
        today = as_of.isoformat()
        late = [d for d in days.cat.categories if d and d > today]
        problems.where(
            ok & days.isin(late), "date", "import.error.future",
            lambda line: {"date": days[line], "today": today},
        )  # fmt: skip
    slugs = _recode(text["campaign"], slugify)
    platforms = _recode(text["platform"], str.lower)
    for column, values in (("campaign", slugs), ("platform", platforms)):
        problems.where(ok & (values == ""), column, "import.error.empty", _naming(column))
    for column in counters:
        _counter_problems(frame[column], column, header.index(column), ok, cells, problems)
    _duplicates(slugs, days, platforms, ok & ~bad_day, problems)

    shown, count = problems.result(), problems.count
    skipped = {"blank": int(blank.sum())} if blank.any() else {}
    known = REQUIRED + OPTIONAL + COUNTERS
    recognised = {h: h for h in header if h in known}
    ignored = [h for h in header if h and h not in known]
    if count:
        return ParseResult(
            CANONICAL.name, [], recognised, ignored, skipped, problems=shown, problem_count=count
        )
    display = _recode(text.get("campaign_name", text["campaign"]), lambda v: " ".join(v.split()))
    keep = ok.to_numpy(dtype=bool)
    names = _coded(display, keep)
    rows = FrameRows(
        lines=frame.index.to_numpy(dtype=np.int64)[keep],
        campaigns=_coded(slugs, keep),
        names=Coded(names.codes, np.array([n or None for n in names.values], dtype=object)),
        days=_coded(days, keep),
        platforms=_coded(platforms, keep),
        counters={c: frame[c].to_numpy(dtype=np.float64)[keep] for c in counters},
    )
    return ParseResult(CANONICAL.name, rows, recognised, ignored, skipped)


def _naming(column: str) -> Callable[[int], dict[str, str]]:
    return lambda _line: {"column": column}


def _counter_problems(
    numbers: pd.Series, column: str, index: int, ok: pd.Series, cells: CellText, problems: Problems
) -> None:
    """Not finite, not whole (for counts), negative, or more than the column holds; each
    refusal quotes the cell as written."""

    def written(line: int) -> dict[str, str]:
        return {"column": column, "value": cells.at(line, index)}

    def too_much(line: int) -> dict[str, str]:
        return {"name": column, "value": cells.at(line, index), "max": largest}

    # numpy masks (pandas' aligned operators cost more than the checks); a Series only for
    # a mask that refuses something.
    values = numbers.to_numpy(dtype="float64")
    present = ok.to_numpy(dtype=bool) & ~np.isnan(values)
    finite = np.where(present, values, 0.0)
    wrong = present & ~np.isfinite(finite)
    if column not in DECIMAL_COUNTERS:
        wrong |= present & (np.mod(np.where(wrong, 0.0, finite), 1) != 0)
    largest = str(counter_bounds()[column].largest)
    checks = (
        (wrong, "import.error.number", written),
        (present & ~wrong & (finite < 0), "import.error.negative", written),
        (present & ~wrong & too_big(column, values), "bounds.too_big", too_much),
    )
    for mask, key, args in checks:
        if mask.any():
            problems.where(pd.Series(mask, index=numbers.index), column, key, args)


def _duplicates(
    slugs: pd.Series, days: pd.Series, platforms: pd.Series, rows: pd.Series, problems: Problems
) -> None:
    """The same (campaign, day, platform) twice, keyed by the columns' category codes."""
    parts = [(c.cat.codes.to_numpy(), len(c.cat.categories)) for c in (slugs, days, platforms)]
    keys = pd.Series(row_key(parts), index=slugs.index)[rows]

    def describe(line: int) -> dict[str, str]:
        return {"campaign": str(slugs[line]), "day": str(days[line]),
                "platform": str(platforms[line])}  # fmt: skip

    refuse_duplicates(keys, problems, describe)


def _coded(column: pd.Series, keep: np.ndarray) -> Coded:
    """The kept rows of a categorical column as codes into the categories they hold (so a
    blank row's "" is not among them)."""
    codes = column.cat.codes.to_numpy()[keep]
    categories = np.asarray(column.cat.categories, dtype=object)
    used = np.bincount(codes, minlength=len(categories)) > 0
    renumbered = np.cumsum(used, dtype=np.int32) - 1
    return Coded(renumbered[codes], categories[used])


def _refused(problems: Problems) -> ParseResult:
    return ParseResult(CANONICAL.name, [], problems=problems.result(), problem_count=problems.count)
