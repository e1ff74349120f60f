"""The benchmark lines a `/kpi <kpi>` reply adds under its value: the range of the scope
shown (the workspace's own first, then kpibot's built-in one) and, when the reply is not for
one platform, the platforms whose range differs (Facebook's CPM)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.benchmarks.lines import benchmark_line, platform_part
from bot.context import Ctx
from kpi.benchmarks import Benchmark, pick, platform_specific
from kpi.metric import Kpi, KpiResult
from kpi.totals import Totals
from storage.repository import Repository


def benchmark_notes(
    repo: Repository,
    ctx: Ctx,
    result: KpiResult,
    totals: Totals,
    platform: str | None,
    split: Mapping[str, tuple[KpiResult, Totals]],
) -> list[str]:
    """The line for `result` (over `totals`, on `platform` or every platform) and, for every
    platform, the line of those in `split` (platform → its result and totals) whose
    benchmark differs. CTR's range is the paid one when the figures include ad spend.
    Nothing for a KPI without a value or without any benchmark (counts, amounts)."""
    kpi = result.kpi
    if result.value is None or kpi.cumulative:
        return []
    own = repo.benchmarks(ctx.team_id, kpi.name)
    main = pick(kpi.name, platform, paid=totals.ad_spend > 0, own=own, currency=ctx.currency)
    lines = [] if main is None else [benchmark_line(main, kpi, result.value, ctx)]
    if platform is None:
        parts = _parts(ctx, kpi, split, own, main)
        if parts:
            lines.append(ctx.t("bench.by_platform", parts=" · ".join(parts)))
    return lines


def _parts(
    ctx: Ctx,
    kpi: Kpi,
    split: Mapping[str, tuple[KpiResult, Totals]],
    own: Sequence[Benchmark],
    main: Benchmark | None,
) -> list[str]:
    specific = platform_specific(kpi.name, own)
    parts = []
    for name, (part, part_totals) in sorted(split.items()):
        if name.lower() not in specific or part.value is None:
            continue
        paid = part_totals.ad_spend > 0
        bench = pick(kpi.name, name.lower(), paid=paid, own=own, currency=ctx.currency)
        if bench is not None and bench != main:
            parts.append(platform_part(bench, kpi, name, part.value, ctx))
    return parts
