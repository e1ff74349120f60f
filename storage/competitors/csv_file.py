"""A competitor CSV: one observation per line, recognised by its header — a competitor
column, a platform column, a date column and at least one of followers, engagement, posts
(English or Dutch names; `days` optional). Comma, semicolon (Dutch Excel) or tab; the
decimal mark is settled from the file's numbers as for exports (storage.exports.numbers).

All or nothing: any problem refuses the whole file with every problem by line (the header
is line 1), as the campaign imports do. Nothing is written here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kpi.bounds import MIN_DAY, has_control
from storage.competitors.records import NAME_MAX, NewObservation
from storage.exports.dates import month_first_in, parse_date
from storage.exports.numbers import decimal_mark
from storage.exports.problems import MAX_PROBLEMS, RowProblem
from storage.exports.text import DELIMITERS, decode, first_lines, normalise

#: header as written (normalised) → field
HEADERS = {
    "competitor": "name", "concurrent": "name", "name": "name", "naam": "name",
    "platform": "platform", "kanaal": "platform", "network": "platform",
    "date": "date", "datum": "date", "day": "date", "dag": "date",
    "followers": "followers", "volgers": "followers",
    "engagement": "engagement", "engagement rate": "engagement", "engagement_rate": "engagement",
    "engagement rate (%)": "engagement", "engagementratio": "engagement",
    "betrokkenheid": "engagement",
    "posts": "posts", "berichten": "posts",
    "days": "days", "dagen": "days",
}  # fmt: skip
NEEDED = ("name", "platform", "date")
VALUES = ("followers", "engagement", "posts")
#: the most lines a competitor CSV may have (it is typed by people, not exported by ads)
MAX_LINES = 20_000


@dataclass(frozen=True)
class CompetitorFile:
    """The observations of a file, or its problems (every one counted, the first kept)."""

    rows: list[NewObservation] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # header as written -> field


def _header(line: str) -> tuple[str, dict[int, str]] | None:
    for delimiter in DELIMITERS:
        if delimiter != "," and delimiter not in line:
            continue
        cells = next(csv.reader([line], delimiter=delimiter), [])
        found = {
            i: HEADERS[normalise(c)[0]] for i, c in enumerate(cells) if normalise(c)[0] in HEADERS
        }
        names = set(found.values())
        if all(n in names for n in NEEDED) and names & set(VALUES):
            return delimiter, found
    return None


def recognise(data: bytes) -> bool:
    """Whether `data` is a competitor CSV (its first line a competitor header)."""
    try:
        text = decode(data[:4096])
    except UnicodeDecodeError:
        return False
    lines = first_lines(text, 1)
    return bool(lines) and _header(lines[0].lstrip("\ufeff")) is not None


def read(data: bytes, today: dt.date, platform_of: Callable[[str], str | None]) -> CompetitorFile:
    """Every line as a NewObservation (line numbers kept), or every problem."""
    try:
        text = decode(data)
    except UnicodeDecodeError:
        return _refused(RowProblem(1, None, "import.error.encoding"))
    lines = text.lstrip("\ufeff").splitlines()
    header = _header(lines[0]) if lines else None
    if header is None:
        return _refused(RowProblem(1, None, "competitor.csv.no_header"))
    if len(lines) > MAX_LINES + 1:
        return _refused(RowProblem(1, None, "competitor.csv.too_long", {"max": str(MAX_LINES)}))
    delimiter, columns = header
    table = list(csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=delimiter))
    cells_of = {name: i for i, name in columns.items()}
    numbers = [row[cells_of[v]] for row in table for v in VALUES if v in cells_of
               and cells_of[v] < len(row)]  # fmt: skip
    mark, _ = decimal_mark(numbers, delimiter)
    month_first = month_first_in(
        (r[cells_of["date"]] for r in table if len(r) > cells_of["date"]), False
    )
    problems: list[RowProblem] = []
    rows: list[NewObservation] = []
    seen: set[tuple[str, str, dt.date]] = set()
    for number, row in enumerate(table, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: Sequence[str] = row) -> str:
            i = cells_of.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        def problem(column: str | None, key: str, line: int = number, **args: str) -> None:
            problems.append(RowProblem(line, column, key, args))

        name = " ".join(cell("name").split())
        if not name or not any(ch.isalnum() for ch in name):
            problem("competitor", "competitor.csv.name")
        elif len(name) > NAME_MAX or has_control(name):
            problem("competitor", "competitor.csv.name_long", max=str(NAME_MAX))
        platform = platform_of(cell("platform"))
        if platform is None:
            problem("platform", "competitor.csv.platform", value=cell("platform"))
        day = parse_date(cell("date"), month_first=month_first)
        if day is None or not MIN_DAY <= day <= today:
            problem("date", "competitor.csv.date", value=cell("date"))
        values: dict[str, float | None] = {}
        for field_name in (*VALUES, "days"):
            raw = cell(field_name)
            value = _number(raw, mark)
            if raw and (value is None or not _fits(field_name, value)):
                problem(field_name, f"competitor.csv.{field_name}", value=raw)
            values[field_name] = value
        if all(values[v] is None for v in VALUES):
            problem(None, "competitor.csv.nothing")
        if problems and problems[-1].line == number or platform is None or day is None:
            continue
        key = (name.casefold(), platform, day)
        if key in seen:
            problem(None, "competitor.csv.twice", name=name, date=day.isoformat())
            continue
        seen.add(key)
        rows.append(_observation(name, platform, day, values, number))
    if problems:
        return CompetitorFile(problems=problems[:MAX_PROBLEMS], problem_count=len(problems))
    if not rows:
        return _refused(RowProblem(2, None, "import.error.no_rows"))
    lines0 = next(csv.reader([lines[0]], delimiter=delimiter))
    return CompetitorFile(rows, columns={lines0[i]: f for i, f in columns.items()})


def _observation(
    name: str, platform: str, day: dt.date, values: dict[str, float | None], line: int
) -> NewObservation:
    def whole(key: str) -> int | None:
        value = values[key]
        return None if value is None else int(value)

    return NewObservation(name, platform, day, whole("followers"), values["engagement"],
                          whole("posts"), whole("days"), line)  # fmt: skip


_SPACES = re.compile(r"[\s\u00a0\u202f%]")


def _number(raw: str, mark: str) -> float | None:
    text = _SPACES.sub("", raw)
    if not text or text in ("-", "--"):
        return None
    thousands = "." if mark == "," else ","
    text = text.replace(thousands, "").replace(mark, ".")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return None
    return float(text)


def _fits(name: str, value: float) -> bool:
    if name == "engagement":
        return 0 <= value <= 1000
    if value != int(value):
        return False
    return {"followers": value < 10**15, "posts": value < 10**6, "days": 1 <= value <= 366}[name]


def _refused(problem: RowProblem) -> CompetitorFile:
    return CompetitorFile(problems=[problem], problem_count=1)
