from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("250", "en", 250.0),
        ("€250", "en", 250.0),
        ("1,234.56", "en", 1234.56),
        ("1.234,56", "nl", 1234.56),
        ("1.234,56", "en", 1234.56),
        ("3,5", "nl", 3.5),
        ("3,5", "en", 3.5),
        ("1,234", "en", 1234.0),
        ("1,234", "nl", 1.234),
        ("1.234", "nl", 1234.0),
        ("12k", "en", 12000.0),
        ("0.5", "en", 0.5),
        ("€ 1.250.000", "nl", 1250000.0),
    ],
)
def test_parse_number(text: str, locale: str, expected: float) -> None:
    assert parse_number(text, locale) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["banana", "", "12abc", "1-2", "€"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_english_thousands_round_trip(value) -> None:  # type: ignore[no-untyped-def]
    assert parse_number(f"{value:,.2f}", "en") == pytest.approx(float(value))
    dutch = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(dutch, "nl") == pytest.approx(float(value))
