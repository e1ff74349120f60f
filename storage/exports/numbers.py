"""Numbers as exports write them: `1,234.56`, Dutch Excel's `1.234,56`, `€ 12,50`, `--`.

The decimal mark is decided once per file from a sample of its number cells. The fast read
(pandas' C parser) knows only the decimal mark; a file with thousands separators or currency
symbols is cleaned column-wise here, where a separator in the wrong place (`12.5` in a
decimal-comma file) is refused instead of silently read as 125.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Cells that mean "not reported" (Google Ads writes `< 10%` / `> 90%` for shares it rounds
#: away).
EMPTY = ("", "--", "-", "< 10%", "> 90%", "<10%", ">90%")
_SYMBOLS = r"[€$£¥\s\u00a0\u202f]|^[A-Z]{3}|[A-Z]{3}$"
_GROUPED = {
    ",": r"^[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^[+-]?\d+(?:,\d+)?$",
    ".": r"^[+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$",
}


def decimal_mark(cells: Iterable[str], delimiter: str) -> tuple[str, bool]:
    """ "," or "." and whether the file settles it: the mark after which fewer or more than
    three digits follow, or the later of the two when both appear. Unsettled (only `1,234`-like
    or whole numbers): "," in semicolon files (Dutch Excel), else "."."""
    votes = {",": 0, ".": 0}
    for cell in cells:
        comma, dot = cell.rfind(","), cell.rfind(".")
        if comma >= 0 and dot >= 0:
            votes["," if comma > dot else "."] += 1
        elif comma >= 0 or dot >= 0:
            mark = "," if comma >= 0 else "."
            if cell.count(mark) > 1:  # 1.234.567: the mark groups thousands
                votes["." if mark == "," else ","] += 1
                continue
            digits = len(cell) - max(comma, dot) - 1
            if digits != 3 or cell.count(mark) == 1 and cell.lstrip("+-").startswith("0" + mark):
                votes[mark] += 1
    if votes[","] != votes["."]:
        return ("," if votes[","] > votes["."] else "."), True
    return ("," if delimiter == ";" else "."), False


def ambiguous(cells: pd.Series, *, whole: bool) -> pd.Series:
    """Cells a file with an unsettled decimal mark cannot read for sure: `2,500` / `1.000`
    (one mark, three digits after it) is a thousand or a decimal. For a count (`whole`) only
    `1.000`-like cells are: `1.234` cannot be a count of 1.234."""
    text = cells.fillna("").astype("str").str.strip()
    pattern = r"^[+-]?[1-9]\d{0,2}[.,]000$" if whole else r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$"
    return text.str.match(pattern)


def readings(cell: str) -> dict[str, str]:
    """The two readings of an ambiguous cell: `1.500` -> thousands 1500, decimal 1.5 (and
    1,5 as a Dutch reader writes it)."""
    sign = "-" if cell.startswith("-") else ""
    digits = cell.lstrip("+-").replace(",", "").replace(".", "")
    decimal = f"{float(cell.lstrip('+-').replace(',', '.')):g}"
    return {"thousands": sign + str(int(digits)), "decimal": sign + decimal,
            "decimal_nl": sign + decimal.replace(".", ",")}  # fmt: skip


def parse_column(cells: pd.Series, decimal: str) -> tuple[pd.Series, pd.Series]:
    """Text cells -> (float numbers with NaN where not reported, mask of cells that are not
    numbers). Vectorised: no Python per cell."""
    text = cells.fillna("").astype("str").str.strip()
    empty = text.isin(EMPTY)
    bare = text.str.replace(_SYMBOLS, "", regex=True)
    well_formed = bare.str.match(_GROUPED[decimal])
    thousands = "." if decimal == "," else ","
    plain = bare.str.replace(thousands, "", regex=False)
    if decimal == ",":
        plain = plain.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(plain.where(well_formed & ~empty), errors="coerce")
    bad = ~empty & numbers.isna()
    return numbers.astype("float64"), bad
