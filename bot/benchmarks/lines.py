"""A benchmark as text: its range in the KPI's unit, what it is and where it comes from, and
the line a reply shows ("Benchmark: engagement rate 1–5 % (top quartile ≥ 3.5 %; source: …)
— yours 4.1 % is in the top quartile."). Pure: values in, text out."""

from __future__ import annotations

import re
from typing import Protocol

from kpi.benchmarks import Benchmark, Placement, place
from kpi.counters import platform_label
from kpi.formatting import fmt_money, fmt_number, fmt_value
from kpi.metric import Kpi


class Ctx(Protocol):
    """What the lines read of a request: its language, the currency of the value shown and
    the texts (bot.context.Ctx is one; so is bot.benchmarks.compact.Lang, for the digest
    and the Home tab, which have no request)."""

    @property
    def locale(self) -> str: ...

    @property
    def currency(self) -> str: ...

    def t(self, key: str, /, **kw: object) -> str: ...


#: The cents of a whole amount as Babel writes them ("$10.00", "€ 20,00").
_CENTS = re.compile(r"[.,]00(?=\D*$)")


def bound_text(x: float, kpi: Kpi, currency: str | None, ctx: Ctx) -> str:
    """One end of a range: "3.5 %", "$10.00", "1.5"."""
    if kpi.unit == "percent":
        return f"{fmt_number(x, ctx.locale)} %"
    if kpi.unit == "currency":
        return money_text(x, currency or ctx.currency, ctx)
    return fmt_number(x, ctx.locale)


def money_text(x: float, currency: str, ctx: Ctx) -> str:
    """An end of a range of money: whole amounts without cents ("$10", "€ 20")."""
    text = fmt_money(x, currency, ctx.locale)
    return _CENTS.sub("", text) if float(x).is_integer() else text


def range_text(bench: Benchmark, kpi: Kpi, ctx: Ctx) -> str:
    """ "1–5 %", "$10.00–$15.00", "≥ 75 %" (only a low end), "≤ €45.00" (only a high end)."""
    cur = bench.currency
    if bench.low is not None and bench.high is not None:
        if kpi.unit == "percent":
            return f"{fmt_number(bench.low, ctx.locale)}–{bound_text(bench.high, kpi, cur, ctx)}"
        return f"{bound_text(bench.low, kpi, cur, ctx)}–{bound_text(bench.high, kpi, cur, ctx)}"
    if bench.low is not None:
        return f"≥ {bound_text(bench.low, kpi, cur, ctx)}"
    if bench.high is not None:
        return f"≤ {bound_text(bench.high, kpi, cur, ctx)}"
    return "–"


def what_text(bench: Benchmark, kpi: Kpi, ctx: Ctx) -> str:
    """The KPI's label, "organic CTR" / "paid CTR" where the range depends on it."""
    label = ctx.t(f"kpi.{kpi.name}.label")
    return ctx.t(f"bench.variant.{bench.variant}", kpi=label) if bench.variant else label


def top_text(bench: Benchmark, kpi: Kpi, ctx: Ctx) -> str | None:
    """ "top quartile ≥ 3.5 %" (≤ when lower is better); None when it is not known."""
    if bench.top is None:
        return None
    sign = "≥" if kpi.direction == "higher" else "≤"
    top = bound_text(bench.top, kpi, bench.currency, ctx)
    return ctx.t("bench.top_quartile", sign=sign, value=top)


def source_text(bench: Benchmark, ctx: Ctx) -> str:
    """ "source: industry rule of thumb (kpibot, 2026)" or "your benchmark"."""
    return ctx.t(f"bench.source.{bench.source}", year=bench.year or "")


def about_text(bench: Benchmark, kpi: Kpi, ctx: Ctx) -> str:
    """ "top quartile ≥ 3.5 %; source: …" or the source alone."""
    top = top_text(bench, kpi, ctx)
    return source_text(bench, ctx) if top is None else f"{top}; {source_text(bench, ctx)}"


def verdict_key(bench: Benchmark, placement: Placement) -> str:
    """ "top", "within", "below_worse" …; for one end only (a threshold): "meets" / "short"."""
    threshold = bench.low is None or bench.high is None
    if placement.position == "top":
        return "top"
    if placement.position == "within":
        return "meets" if threshold else "within"
    if threshold and placement.better is False:
        return "short"
    return f"{placement.position}_{'better' if placement.better else 'worse'}"


def verdict_text(bench: Benchmark, placement: Placement, ctx: Ctx) -> str:
    """ "is in the top quartile", "is above the range (worse)"; for one end only (a
    threshold): "meets it" / "falls short of it (worse)"."""
    return ctx.t(f"bench.verdict.{verdict_key(bench, placement)}")


def _why_not(bench: Benchmark, ctx: Ctx) -> str:
    return ctx.t("bench.other_currency", currency=bench.currency, yours=ctx.currency)


def benchmark_line(bench: Benchmark, kpi: Kpi, value: float, ctx: Ctx) -> str:
    """The reply's line for the value shown (`ctx.currency` is the value's currency)."""
    if bench.sectors:
        low = money_text(bench.low or 0.0, bench.currency or ctx.currency, ctx)
        high = money_text(bench.high or 0.0, bench.currency or ctx.currency, ctx)
        return ctx.t("bench.sectors", low=low, high=high, about=about_text(bench, kpi, ctx))
    args = {
        "what": what_text(bench, kpi, ctx),
        "range": range_text(bench, kpi, ctx),
        "about": about_text(bench, kpi, ctx),
        "value": fmt_value(value, kpi.unit, ctx.locale, ctx.currency),
    }
    placement = place(bench, value, kpi.direction, ctx.currency)
    if placement is None:
        return ctx.t("bench.line_unplaced", why=_why_not(bench, ctx), **args)
    return ctx.t("bench.line", verdict=verdict_text(bench, placement, ctx), **args)


def platform_part(bench: Benchmark, kpi: Kpi, platform: str, value: float, ctx: Ctx) -> str:
    """One platform's part of the "Benchmark by platform" line."""
    args = {
        "platform": f"{platform_label(platform)} {what_text(bench, kpi, ctx)}",
        "range": range_text(bench, kpi, ctx),
        "about": about_text(bench, kpi, ctx),
        "value": fmt_value(value, kpi.unit, ctx.locale, ctx.currency),
    }
    placement = place(bench, value, kpi.direction, ctx.currency)
    if placement is None:
        return ctx.t("bench.part_unplaced", why=_why_not(bench, ctx), **args)
    return ctx.t("bench.part", verdict=verdict_text(bench, placement, ctx), **args)
