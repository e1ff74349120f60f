"""Bytes to text, and the header row found among the first lines of an export.

Exports arrive as UTF-8 (with or without a BOM, as Meta writes it) or as UTF-16 (Excel's
"Unicode text"). Anything else is refused rather than guessed: a wrong guess would turn
`Besteed bedrag` into mojibake and the file would be "recognised" as nothing.
"""

from __future__ import annotations

import csv
import re

#: How far down an export the header row may sit (title lines, GA4's `#` comments).
SCAN_LINES = 30
DELIMITERS = (",", ";", "\t")
_SPACES = re.compile(r"\s+")
_CURRENCY_SUFFIX = re.compile(r"^(.*?)\s*\(([a-z]{3})\)$")


def decode(data: bytes) -> str:
    """UTF-16 with a BOM (or with the zero bytes of UTF-16 without one), else UTF-8 with or
    without a BOM. Raises UnicodeDecodeError for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # UTF-16 text without a BOM
        return data.decode("utf-16-le" if head[1] == 0 else "utf-16-be")
    return decode_utf8(data)


def decode_utf8(data: bytes) -> str:
    """UTF-8 with or without a BOM; raises UnicodeDecodeError otherwise."""
    return data.decode("utf-8-sig")


def first_lines(text: str, count: int = SCAN_LINES) -> list[str]:
    """The first `count` lines, without their line ends (the rest of the text is not
    copied)."""
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end < 0:
            return text.split("\n")
    return text[:end].split("\n")


def split_line(line: str, delimiter: str) -> list[str]:
    """One CSV line's cells (quotes honoured)."""
    # A bare carriage return inside the line would make the csv module raise; here it only
    # separates words (the readers see it as a line end and refuse the line by its cells).
    return next(csv.reader([line.rstrip("\r").replace("\r", " ")], delimiter=delimiter), [])


def normalise(header: str) -> tuple[str, str | None]:
    """A header cell as it is looked up (lower case, single spaces, no BOM or quotes) and the
    currency it names, if any: `Amount spent (EUR)` -> ("amount spent", "EUR")."""
    key = _SPACES.sub(" ", header.replace("\ufeff", "").strip().strip('"').lower())
    found = _CURRENCY_SUFFIX.match(key)
    if found:
        return found.group(1), found.group(2).upper()
    return key, None


def is_comment(line: str) -> bool:
    """GA4 writes its report title, property and date range as `#` lines."""
    return line.lstrip("\ufeff").startswith("#")
