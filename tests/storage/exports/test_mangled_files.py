"""Every fixture, mangled as files get mangled on the way to kpibot (cut off, saved in
another encoding, columns moved around in a spreadsheet): the importer answers with rows or
with problems it can explain in English and Dutch, and never raises."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pytest

from kpi.i18n import catalogs, t
from storage.exports import parse_file

DATA = Path(__file__).parents[2] / "data" / "exports"
FIXTURES = sorted(p.name for p in DATA.glob("*.csv"))
TODAY = dt.date(2026, 11, 30)


def text_of(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def explained(data: bytes) -> tuple[list[tuple[object, ...]], list[str]]:
    """Parse; every problem must have a text in both languages that renders whole."""
    result = parse_file(data, as_of=TODAY)
    for problem in result.problems:
        for locale in ("en", "nl"):
            assert problem.reason_key in catalogs()[locale], problem.reason_key
            text = t(problem.reason_key, locale, **problem.args)
            assert text and "{" not in text, (problem, text)
        assert problem.line >= 1
    assert result.problem_count >= len(result.problems)
    assert bool(result.rows) != bool(result.problems) or not result.rows
    return rows_of(result), [p.reason_key for p in result.problems]


def rows_of(result) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return sorted(
        (r.campaign, r.day, r.day_end, r.platform, tuple(sorted(r.counters.items())))
        for r in result.rows
    )


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("name", FIXTURES)
def test_truncated_anywhere(name: str) -> None:
    data = (DATA / name).read_bytes()
    cuts = sorted({1, 2, 3, 7, len(data) // 4, len(data) // 2, len(data) - 5, len(data) - 1})
    rng = random.Random(name)
    cuts += rng.sample(range(1, len(data)), 12)
    for cut in cuts:
        explained(data[:cut])  # a cut inside a UTF-8 or UTF-16 character included


@pytest.mark.parametrize("name", FIXTURES)
def test_reencoded(name: str) -> None:
    text = text_of((DATA / name).read_bytes())
    original, _ = explained((DATA / name).read_bytes())
    for encoded in (
        text.encode("utf-8"),
        text.encode("utf-8-sig"),
        text.encode("utf-16"),  # Excel's "Unicode text"
        text.encode("utf-16-le"),  # without a BOM
        text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"),
    ):
        rows, problems = explained(encoded)
        assert rows == original or problems
    latin = text.encode("cp1252", errors="replace")  # "ANSI": refused or read, never raised
    explained(latin)


@pytest.mark.parametrize("name", FIXTURES)
def test_columns_shuffled_import_the_same_numbers(name: str) -> None:
    data = (DATA / name).read_bytes()
    text = text_of(data)
    original, problems = explained(data)
    delimiter = max((";", "\t", ","), key=lambda d: text.split("\n")[-2].count(d))
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max(len(r) for r in records)
    start = next(i for i, r in enumerate(records) if len(r) == width and not r[0].startswith("#"))
    rng = random.Random(name)
    for _ in range(3):
        order = list(range(width))
        rng.shuffle(order)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        for number, record in enumerate(records):
            if number >= start and len(record) == width:  # title lines stay as they are
                record = [record[i] for i in order]
            writer.writerow(record)
        rows, shuffled_problems = explained(out.getvalue().encode("utf-8"))
        if not problems:
            assert rows == original, order
        else:
            assert shuffled_problems


@pytest.mark.parametrize("name", FIXTURES)
def test_lines_dropped_or_doubled(name: str) -> None:
    text = text_of((DATA / name).read_bytes())
    lines = text.split("\n")
    rng = random.Random(name)
    for _ in range(6):
        changed = list(lines)
        i = rng.randrange(len(changed))
        if rng.random() < 0.5:
            del changed[i]
        else:
            changed.insert(i, changed[i])
        explained("\n".join(changed).encode("utf-8"))
