"""Numbers, dates, separators and encodings, table-driven with the values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.formats.dates import parse_date
from storage.formats.decoding import (
    CellError,
    EncodingRefused,
    converters,
    decimal_comma,
    decode,
    parse_number,
)


@pytest.mark.parametrize(
    ("cell", "comma_decimal", "expected"),
    [
        ("1234", False, 1234.0),
        ("1,234.56", False, 1234.56),
        ("1.234,56", True, 1234.56),
        ("1.234,56", False, 1234.56),  # both marks: the last one is the decimal mark
        ("1,234.56", True, 1234.56),
        ("1,234", False, 1234.0),  # ambiguous: the file's style decides
        ("1,234", True, 1.234),
        ("1.234", True, 1234.0),
        ("1.234", False, 1.234),
        ("12,5", False, 12.5),  # not three digits after: a decimal mark whatever the file
        ("12.5", True, 12.5),
        ("1.234.567", True, 1234567.0),
        ("1,234,567", True, 1234567.0),
        ("1.234.567,89", True, 1234567.89),
        ("€ 1.234,56", True, 1234.56),
        ("$1,234.56", False, 1234.56),
        ("1\xa0234,56", True, 1234.56),
        ("-3,5", True, -3.5),
    ],
)
def test_parse_number(cell: str, comma_decimal: bool, expected: float) -> None:
    assert parse_number(cell, comma_decimal) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["abc", "1,23,4", "12.34.5", "1.2,3.4", ""])
def test_parse_number_refuses_text(cell: str) -> None:
    with pytest.raises(ValueError):
        parse_number(cell, False)


@pytest.mark.parametrize(
    ("cell", "comma", "count", "money"),
    [
        ("12", False, 12, 12.0),
        ("12,50", True, "import.error.whole", 12.5),
        ("12.00", False, 12, 12.0),
        ("1.234", True, 1234, 1234.0),
        ("--", False, None, None),
        (" - ", True, None, None),
        ("-4", False, "import.error.negative", "import.error.negative"),
        ("inf", False, "import.error.number", "import.error.number"),
        ("twaalf", True, "import.error.number", "import.error.number"),
    ],
)
def test_converters(cell: str, comma: bool, count: object, money: object) -> None:
    for convert, expected in zip(converters(comma), (count, money), strict=True):
        if isinstance(expected, str):
            with pytest.raises(CellError) as error:
                convert(cell)
            assert error.value.key == expected
        else:
            assert convert(cell) == expected


def test_count_converter_gives_ints_and_money_floats() -> None:
    count, money = converters(True)
    assert type(count("1.234")) is int and type(money("12")) is float


@pytest.mark.parametrize(
    ("rows", "delimiter", "expected"),
    [
        ([["12,50", "3"]], ",", True),
        ([["12.50", "3"]], ";", False),
        ([["1.234,56"]], ",", True),
        ([["1,234.56"]], ";", False),
        ([["1.234", "7"]], ";", True),  # nothing unambiguous: `;` means Dutch Excel
        ([["1,234"]], ",", False),
        ([["2026-11-02", "Zomer"]], "\t", False),
    ],
)
def test_decimal_comma(rows: list[list[str]], delimiter: str, expected: bool) -> None:
    assert decimal_comma(rows, delimiter) is expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-11-02", "dmy", (2026, 11, 2)),
        ("20261102", "dmy", (2026, 11, 2)),
        ("2026/11/02", "mdy", (2026, 11, 2)),
        ("11/2/2026", "mdy", (2026, 11, 2)),
        ("2/11/2026", "dmy", (2026, 11, 2)),
        ("2-11-2026", "mdy", (2026, 11, 2)),  # dashes: day first (Dutch Excel) in any case
        ("2.11.2026", "dmy", (2026, 11, 2)),
        ("Nov 2, 2026", "dmy", (2026, 11, 2)),
        ("November 2, 2026", "dmy", (2026, 11, 2)),
        ("2 november 2026", "dmy", (2026, 11, 2)),
        ("2 okt. 2026", "dmy", (2026, 10, 2)),
        ("11/2/2026, 12:00 AM", "mdy", (2026, 11, 2)),
        ("2026-11-02 00:00:00", "dmy", (2026, 11, 2)),
        ("2026-02-30", "dmy", None),
        ("13/13/2026", "mdy", None),
        ("2/11/26", "dmy", None),  # two-digit years are not guessed
        ("morgen", "dmy", None),
        ("", "dmy", None),
    ],
)
def test_parse_date(text: str, order: str, expected: tuple[int, int, int] | None) -> None:
    found = parse_date(text, order)  # type: ignore[arg-type]
    assert found == (dt.date(*expected) if expected else None)


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Zomer é".encode(), "utf-8", "Zomer é"),
        ("Zomer é".encode("utf-8-sig"), "utf-8-sig", "Zomer é"),
        ("Zomer é".encode("utf-16"), "utf-16", "Zomer é"),
        ("Zomer é".encode("utf-16-le"), "utf-16", "Zomer é"),
        ("Zomer é".encode("utf-16-be"), "utf-16", "Zomer é"),
        ("Zomer é €5 – “x”".encode("cp1252"), "cp1252", "Zomer é €5 – “x”"),
    ],
)
def test_decode(data: bytes, encoding: str, text: str) -> None:
    decoded = decode(data)
    assert (decoded.encoding, decoded.text) == (encoding, text)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"a\nb\nZ\x8eric\n", 3),  # Mac Roman: cp1252 would say Z-caron
        (b"a\n\x81\n", 2),  # undefined in cp1252
        (b"a\nb\x00c\xff\n", 2),  # zero bytes: binary
    ],
)
def test_decode_refuses(data: bytes, line: int) -> None:
    with pytest.raises(EncodingRefused) as error:
        decode(data)
    assert error.value.line == line
