"""Bytes to text, the separator, and numbers as the exports write them.

Encodings: UTF-8 (with or without a BOM) and UTF-16 (Google Ads' "Excel CSV", with a BOM or
recognised by its zero bytes). Windows-1252 — what Dutch Excel writes when a user re-saves an
export as "CSV (puntkomma-gescheiden)" — is accepted only when every non-ASCII character it
yields is a Western European letter or common typographic punctuation. Other single-byte
encodings (Mac Roman, ISO-8859-2, ...) put their letters on bytes that cp1252 decodes to
symbols or C1 controls, so they are refused rather than silently turned into other campaign
names.

Numbers: `1234`, `1,234.56`, `1.234,56`, `12,5`, `€ 1.234,56`. A cell with both separators is
unambiguous (the last one is the decimal mark); a cell like `1.234` or `1,234` is read with the
file's decimal style, which `decimal_comma` guesses from the separator and the unambiguous
cells near the top of the file.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t")

#: cp1252 output accepted without question: Latin-1 letters (minus x and ÷), the euro sign,
#: curly quotes, dashes, ellipsis, bullet, degree, NBSP.
_SAFE_1252 = ({chr(c) for c in range(0xC0, 0x100)} - {"\xd7", "\xf7"}) | set("€‘’“”–—…•°\xa0«»")

_GROUPED = re.compile(r"^\d{1,3}$")
_CURRENCY_MARKS = "€$£¥ \xa0\u202f"
_NOT_REPORTED = frozenset({"", "-", "--", "—", "–"})


class EncodingRefused(ValueError):
    """The bytes are not text kpibot reads; `line` is where the first unreadable byte is."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}: not UTF-8, UTF-16 or plain Windows-1252 text")
        self.line = line


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252"


def decode(data: bytes) -> Decoded:
    """The file's text, or EncodingRefused naming the line of the first unreadable byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(_strict(data, "utf-8-sig"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(_strict(data, "utf-16"), "utf-16")
    head = data[:2000]
    if head and head.count(0) * 3 > len(head):  # UTF-16 without a BOM: every other byte is 0
        codec = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return Decoded(_strict(data, codec), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    if b"\x00" not in data:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            if all(ch in _SAFE_1252 for ch in set(text) if ord(ch) > 127):
                return Decoded(text, "cp1252")
    raise EncodingRefused(data.count(b"\n", 0, first_bad) + 1)


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(codec, errors="replace")
        raise EncodingRefused(before.count("\n") + 1) from error


def split_line(line: str, delimiter: str) -> list[str]:
    """One physical line as cells (quotes honoured)."""
    return next(csv.reader([line], delimiter=delimiter), [])


def decimal_comma(sample: Sequence[Sequence[str]], delimiter: str) -> bool:
    """Whether ambiguous cells (`1.234`) use a decimal comma: the unambiguous cells in
    `sample` (data rows near the top) decide; without any, `;` files do (Dutch Excel)."""
    votes = 0
    for row in sample:
        for cell in row:
            c = cell.strip(_CURRENCY_MARKS)
            if not c or not (c[0].isdigit() or c[0] == "-"):
                continue
            comma, dot = c.rfind(","), c.rfind(".")
            if comma >= 0 and dot >= 0:
                votes += 1 if comma > dot else -1
            elif comma >= 0 and c.count(",") == 1 and len(c) - comma - 1 != 3:
                votes += 1
            elif dot >= 0 and c.count(".") == 1 and len(c) - dot - 1 != 3:
                votes -= 1
    if votes:
        return votes > 0
    return delimiter == ";"


def parse_number(cell: str, comma_decimal: bool) -> float:
    """`cell` as a number; raises ValueError for text. Empty cells are the caller's concern."""
    s = cell.strip(_CURRENCY_MARKS).replace("\xa0", "").replace("\u202f", "")
    comma, dot = s.rfind(","), s.rfind(".")
    if comma >= 0 and dot >= 0:
        decimal, thousands = (",", ".") if comma > dot else (".", ",")
    elif comma >= 0 or dot >= 0:
        sep = "," if comma >= 0 else "."
        last = comma if comma >= 0 else dot
        grouped = s.count(sep) > 1 or (len(s) - last - 1 == 3 and (sep == ",") != comma_decimal)
        decimal, thousands = ("", sep) if grouped else (sep, "")
    else:
        return float(s)
    if thousands:
        whole, _, frac = s.partition(decimal) if decimal else (s, "", "")
        groups = whole.lstrip("-").split(thousands)
        if not _GROUPED.match(groups[0]) or any(len(g) != 3 for g in groups[1:]):
            raise ValueError(cell)
        s = whole.replace(thousands, "") + ("." + frac if decimal else "")
    elif decimal == ",":
        s = s.replace(",", ".")
    return float(s)


def not_reported(cell: str) -> bool:
    """Empty, or the dash exports print for "no data" (`--` in Google Ads)."""
    return cell.strip() in _NOT_REPORTED


class CellError(ValueError):
    """A number cell that cannot be stored; `key` is the problem's i18n key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


Converter = Callable[[str], "float | None"]


def converters(comma_decimal: bool) -> tuple[Converter, Converter]:
    """(count, money) converters for one file's non-empty number cells. Each returns the
    number (an int for counts, a float for money), None for a "no data" dash, or raises
    CellError (`import.error.number`, `.whole`, `.negative`). Plain integers and the file's
    usual decimals take a fast path through the C `int`/`float`."""

    def slow(cell: str) -> float | None:
        if cell.strip() in _NOT_REPORTED:
            return None
        try:
            value = parse_number(cell, comma_decimal)
        except ValueError:
            raise CellError("import.error.number") from None
        if not math.isfinite(value):
            raise CellError("import.error.number")
        if value < 0:
            raise CellError("import.error.negative")
        return value

    def count(cell: str) -> float | None:
        try:
            whole = int(cell)
        except ValueError:
            value = slow(cell)
            if value is None:
                return None
            if not value.is_integer():
                raise CellError("import.error.whole") from None
            return int(value)
        if whole < 0:
            raise CellError("import.error.negative")
        return whole

    def money_comma(cell: str) -> float | None:
        if "." not in cell and cell.count(",") < 2:
            try:
                value = float(cell.replace(",", "."))
            except ValueError:
                return slow(cell)
            if value >= 0 and math.isfinite(value):
                return value
        return slow(cell)

    def money_dot(cell: str) -> float | None:
        if "," not in cell:
            try:
                value = float(cell)
            except ValueError:
                return slow(cell)
            if value >= 0 and math.isfinite(value):
                return value
        return slow(cell)

    return count, (money_comma if comma_decimal else money_dot)
