"""The short form of a benchmark, for the replies that show many KPIs at once (`/kpi report`,
`/kpi compare`, the digest's campaign lines, the Home tab's cards): "within the typical
1–5 %", "top quartile of the typical 1–5 %", "short of your benchmark ≥ 5 % (worse)", and
for money in another currency than the range's "benchmark in USD; this campaign reports in
EUR — not compared" (never converted). A range across sectors (CPA) places nothing, so it
has no short form. The sources are named once per message (`sources_note`).

Pure: the workspace's own benchmarks are handed in (storage.Repository.benchmarks), values
in, text out. Which range applies is kpi.benchmarks.pick's choice, as in `/kpi <kpi>`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.benchmarks.lines import Ctx, range_text, verdict_key
from bot.texts import t
from kpi.benchmarks import Benchmark, pick, place, platform_specific
from kpi.counters import platform_label
from kpi.formatting import fmt_value
from kpi.metric import Kpi
from kpi.totals import Totals
from kpi.weeks import CampaignDigest


@dataclass(frozen=True)
class Lang:
    """A language and the currency of the values shown, where there is no request (the
    digest, the Home tab): what bot.benchmarks.lines reads of a Ctx."""

    locale: str
    currency: str

    def t(self, key: str, /, **kw: object) -> str:
        return t(key, self.locale, **kw)


@dataclass(frozen=True)
class Placed:
    """A value's short benchmark text and the benchmark it used (for the sources note)."""

    text: str
    bench: Benchmark


def short_text(bench: Benchmark, kpi: Kpi, value: float, ctx: Ctx) -> str | None:
    """ "within the typical 1–5 %" for `value` (money in `ctx.currency`); None for a range
    across sectors, which is never placed."""
    if bench.sectors:
        return None
    placement = place(bench, value, kpi.direction, ctx.currency)
    if placement is None:  # money in another currency
        return ctx.t("bench.short.other_currency", currency=bench.currency, yours=ctx.currency)
    if bench.own:
        which = ctx.t("bench.short.own")
    elif bench.variant:
        which = ctx.t(f"bench.short.typical_{bench.variant}")
    else:
        which = ctx.t("bench.short.typical")
    rng = range_text(bench, kpi, ctx)
    return ctx.t(f"bench.short.verdict.{verdict_key(bench, placement)}", which=which, range=rng)


def placed(
    kpi: Kpi,
    value: float | None,
    totals: Totals,
    ctx: Ctx,
    own: Sequence[Benchmark],
    platform: str | None = None,
) -> Placed | None:
    """Where `value` (of `kpi` over `totals`, on `platform` or every platform) sits, in
    short; None without a value or a benchmark that places it. CTR's range is the paid one
    when `totals` include ad spend."""
    if value is None or kpi.cumulative:
        return None
    mine = [b for b in own if b.kpi == kpi.name]
    bench = pick(kpi.name, platform, paid=totals.ad_spend > 0, own=mine, currency=ctx.currency)
    text = None if bench is None else short_text(bench, kpi, value, ctx)
    return None if bench is None or text is None else Placed(text, bench)


def platform_parts(
    kpi: Kpi,
    split: Mapping[str, tuple[float | None, Totals]],
    ctx: Ctx,
    own: Sequence[Benchmark],
    main: Benchmark | None,
) -> list[Placed]:
    """ "LinkedIn 2.0 %: short of your benchmark ≥ 5 % (worse)" for each platform of `split`
    (platform → its value and totals) whose own range differs from `main`'s."""
    mine = [b for b in own if b.kpi == kpi.name]
    specific = platform_specific(kpi.name, mine)
    parts = []
    for name, (value, totals) in sorted(split.items()):
        if name.lower() not in specific:
            continue
        found = placed(kpi, value, totals, ctx, mine, name.lower())
        if found is None or found.bench == main or value is None:
            continue
        shown = fmt_value(value, kpi.unit, ctx.locale, ctx.currency)
        parts.append(Placed(f"{platform_label(name)} {shown}: {found.text}", found.bench))
    return parts


def sources_note(used: Iterable[Benchmark], ctx: Ctx) -> str | None:
    """ "Benchmarks: industry rule of thumb, kpibot 2026 · your benchmark — `/kpi
    benchmarks`" for the benchmarks a message placed its values against; None for none."""
    names = dict.fromkeys(
        ctx.t(f"bench.short.source.{b.source}", year=b.year or "")
        for b in sorted(used, key=lambda b: b.own)  # kpibot's first, then the workspace's
    )
    return ctx.t("bench.short.sources", sources=" · ".join(names)) if names else None


def marks(
    kpi: Kpi,
    value: float | None,
    totals: Totals,
    ctx: Ctx,
    own: Sequence[Benchmark],
    split: Mapping[str, tuple[float | None, Totals]] | None = None,
) -> list[Placed]:
    """The value's short text over every platform, then (with `split`) each platform's whose
    range differs: what a line of `/kpi report` appends. Data of one platform only is
    placed against that platform's range."""
    if split and len(split) == 1:  # one platform: its range is the value's
        only = next(iter(split)).lower()
        main = placed(kpi, value, totals, ctx, own, only)
        return [main] if main is not None else []
    main = placed(kpi, value, totals, ctx, own)
    found = [main] if main is not None else []
    if split and value is not None:
        found += platform_parts(kpi, split, ctx, own, main.bench if main else None)
    return found


def joined(found: Sequence[Placed]) -> str:
    """ "within the typical 1–5 %; LinkedIn 2.0 %: short of …"."""
    return "; ".join(p.text for p in found)


def suffix(found: Sequence[Placed]) -> str:
    """ "  · within the typical 1–5 %; …" after a value, or "" for none."""
    return f"  · {joined(found)}" if found else ""


def benchmarks_used(
    campaigns: Sequence[CampaignDigest], locale: str, currency: str, own: Sequence[Benchmark]
) -> list[Benchmark]:
    """The benchmarks the lines of `campaigns` placed their values against (for the note
    that names their sources)."""
    used = []
    for campaign in campaigns:
        lang = Lang(locale, campaign.currency or currency)
        for line in campaign.lines:
            found = placed(line.kpi, line.current.value, campaign.current, lang, own)
            used += [found.bench] if found else []
    return used
