"""The canonical CSV: `date,campaign,platform` plus counters named as in kpi.counters.

Every row is validated before anything is written: one bad row refuses the whole file,
with every problem's line number and reason (up to MAX_PROBLEMS of them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kpi.counters import COUNTERS, MONEY_COUNTERS
from storage.records import MetricRow

MAX_PROBLEMS = 50
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
    rows: list[MetricRow]
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


def parse_canonical(data: bytes, *, progress: Callable[[int], None] | None = None) -> ParseResult:
    problems: list[RowProblem] = []
    count = 0

    def problem(line: int, where: str | None, key: str, /, **args: str) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(RowProblem(line, where, key, args))

    try:
        text = decode(data)
    except UnicodeDecodeError:
        problem(1, None, "import.error.encoding")
        return ParseResult("canonical", [], problems=problems, problem_count=count)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [h for h in REQUIRED if h not in header]
    unknown = [h for h in header if h and h not in REQUIRED + OPTIONAL + COUNTERS]
    if missing or unknown:
        if missing:
            problem(1, ", ".join(missing), "import.error.missing_columns",
                    columns=", ".join(missing), expected=", ".join(REQUIRED))  # fmt: skip
        for h in unknown:
            problem(1, h, "import.error.unknown_column", column=h, known=", ".join(COUNTERS))
        return ParseResult("canonical", [], problems=problems, problem_count=count)

    i_date, i_campaign, i_platform = (header.index(h) for h in REQUIRED)
    i_name = header.index("campaign_name") if "campaign_name" in header else None
    counter_cols = [(i, h, h in MONEY_COUNTERS) for i, h in enumerate(header) if h in COUNTERS]
    width = len(header)
    rows: list[MetricRow] = []
    seen: dict[tuple[str, dt.date, str], int] = {}
    skipped = 0
    fromiso = dt.date.fromisoformat
    for line, record in enumerate(reader, start=2):
        if progress is not None and line % 50_000 == 0:
            progress(line)
        if not record or not any(cell.strip() for cell in record):
            skipped += 1
            continue
        if len(record) != width:
            problem(line, None, "import.error.cells", found=str(len(record)), expected=str(width))
            continue
        raw_day = record[i_date].strip()
        try:
            day = fromiso(raw_day)
        except ValueError:
            problem(line, "date", "import.error.date", value=raw_day)
            continue
        name = record[i_campaign].strip()
        campaign = slugify(name)
        platform = record[i_platform].strip().lower()
        if not campaign:
            problem(line, "campaign", "import.error.empty", column="campaign")
            continue
        if not platform:
            problem(line, "platform", "import.error.empty", column="platform")
            continue
        values: dict[str, float] = {}
        bad = False
        for index, column, money in counter_cols:
            cell = record[index].strip()
            if not cell:
                continue
            number = _number(cell, money)
            if number is None:
                problem(line, column, "import.error.number", column=column, value=cell)
                bad = True
                continue
            if number < 0:
                problem(line, column, "import.error.negative", column=column, value=cell)
                bad = True
                continue
            values[column] = number
        if bad:
            continue
        key = (campaign, day, platform)
        if key in seen:
            problem(line, None, "import.error.duplicate", first=str(seen[key]),
                    campaign=campaign, day=raw_day, platform=platform)  # fmt: skip
            continue
        seen[key] = line
        display = record[i_name].strip() if i_name is not None else name
        rows.append(MetricRow(line, campaign, day, platform, values, display or None))
    return ParseResult(
        "canonical",
        rows if not problems else [],
        recognised={h: h for h in header if h},
        skipped={"blank": skipped} if skipped else {},
        problems=problems,
        problem_count=count,
    )
