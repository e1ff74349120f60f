"""The words of `/kpi benchmark <kpi> <value or range> [on <platform>]` and of
`/kpi benchmark <kpi> [on <platform>] reset` read into a `BenchmarkEdit`. No I/O.

A value is in the KPI's unit: "2.5%" or "2,5" for a percent KPI, "€45" or "45 USD" for
money (the workspace's currency when none is typed). One value is one end: the low end
("at least") when higher is better, the high end ("at most") when lower is (CPA, CPM).
A range is "1-5%", "1–5 %", "1 to 5", "30..45", low first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.context import Ctx
from bot.errors import GrammarError, UserError
from bot.grammar import split_platform
from bot.numbers import parse_number
from bot.resolve import kpi_named
from kpi.benchmarks import ALL, Benchmark
from kpi.errors import UnknownKpi
from kpi.metric import Kpi
from kpi.money import currency_code
from kpi.registry import lookup

EXAMPLE = "example.benchmark"
RESET_WORDS = frozenset({"reset", "remove", "delete", "off", "verwijder", "wis", "uit"})
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}
_RANGE = re.compile(r"\s*(?:\.\.|–|—|\bto\b|\btot\b|(?<=[\d%])\s*-\s*(?=[€$£\d]))\s*", re.I)


@dataclass(frozen=True)
class BenchmarkEdit:
    """What `/kpi benchmark` asks: set `bench`, or (`reset`) remove the workspace's own of
    `kpi` on `platform`."""

    kpi: Kpi
    platform: str
    bench: Benchmark | None  # None: reset


def _kpi_and_rest(words: list[str]) -> tuple[Kpi, list[str]]:
    """The longest leading words that name a KPI, and the words after them."""
    for n in range(len(words), 0, -1):
        try:
            return lookup(" ".join(words[:n])), words[n:]
        except UnknownKpi:
            continue
    return kpi_named(words[0], EXAMPLE), []  # refuses, naming the closest KPIs


def read_edit(words: list[str], ctx: Ctx) -> BenchmarkEdit:
    """The edit `words` (after `benchmark`) ask for; UserError with the example otherwise."""
    if not words:
        raise UserError("bench.error.usage", EXAMPLE)
    reset = words[-1].lower() in RESET_WORDS or words[0].lower() in RESET_WORDS
    if reset:
        words = words[:-1] if words[-1].lower() in RESET_WORDS else words[1:]
    try:
        words, platform = split_platform(words)
    except GrammarError as exc:  # "on" without a platform: this command's example
        raise UserError(exc.key, EXAMPLE, **exc.args_) from exc
    if not words:
        raise UserError("bench.error.usage", EXAMPLE)
    kpi, rest = _kpi_and_rest(words)
    label = ctx.t(f"kpi.{kpi.name}.label")
    if kpi.cumulative:
        raise UserError("bench.error.no_benchmark", EXAMPLE, kpi=label)
    where = platform or ALL
    if reset:
        return BenchmarkEdit(kpi, where, None)
    if not rest:
        raise UserError("bench.error.usage", EXAMPLE)
    low, high, code = read_value(" ".join(rest), kpi, label, ctx)
    own = Benchmark(kpi.name, where, low=low, high=high, currency=code, source="own", own=True)
    return BenchmarkEdit(kpi, where, own)


def read_value(
    text: str, kpi: Kpi, label: str, ctx: Ctx
) -> tuple[float | None, float | None, str | None]:
    """(low, high, currency) of a typed value or range. One value is a minimum when higher
    is better (low end), a maximum when lower is better (high end)."""
    refused = UserError("bench.error.value", EXAMPLE, value=text, kpi=label)
    typed, cleaned = _currency(text)
    money = kpi.unit == "currency"
    if (typed and not money) or ("%" in cleaned and kpi.unit != "percent"):
        raise refused
    parts = [p for p in _RANGE.split(cleaned.replace("%", " ").strip()) if p.strip()]
    if not 1 <= len(parts) <= 2:
        raise refused
    try:
        numbers = [parse_number(p.strip(), ctx.locale) for p in parts]
    except ValueError as exc:
        raise refused from exc
    code = (typed or ctx.currency) if money else None
    if len(numbers) == 1:
        one = numbers[0]
        return (None, one, code) if kpi.direction == "lower" else (one, None, code)
    low, high = numbers
    if low > high:
        raise UserError("bench.error.order", EXAMPLE, low=parts[0].strip(), high=parts[1].strip())
    return low, high, code


def _currency(text: str) -> tuple[str | None, str]:
    """The currency a value names (a symbol or an ISO code word) and the text without it."""
    found: str | None = None
    for symbol, symbol_code in _SYMBOLS.items():
        if symbol in text:
            found, text = symbol_code, text.replace(symbol, " ")
    words: list[str] = []
    for word in text.split():
        named = currency_code(word) if word.isalpha() else None
        if named is not None:
            found = named
        else:
            words.append(word)
    return found, " ".join(words)
