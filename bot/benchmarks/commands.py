"""`/kpi benchmark <kpi> <value or range> [on <platform>]` sets the workspace's own benchmark,
`/kpi benchmark <kpi> [on <platform>] reset` removes it, `/kpi benchmarks` lists the
workspace's own and the built-in ones. Like `/kpi settings`, anyone in the workspace may
set them (they change how replies read, not data); who set one is stored."""

from __future__ import annotations

from bot.benchmarks.lines import range_text, source_text, top_text, what_text
from bot.benchmarks.parse import EXAMPLE, read_edit
from bot.blocks.common import context, fit, header, section, sections
from bot.context import Ctx, Reply
from bot.grammar import Sub, tokenize
from bot.services import Services
from bot.validation import bounded
from kpi.benchmarks import ALL, BUILT_IN, Benchmark
from kpi.counters import platform_label
from kpi.registry import REGISTRY
from storage import bounds


def _on(platform: str, ctx: Ctx) -> str:
    return "" if platform == ALL else ctx.t("bench.on_platform", platform=platform_label(platform))


def _words(cmd: Sub) -> list[str]:
    """The words after `benchmark` as typed (no campaign names joined: none are read)."""
    return tokenize(cmd.raw)[1:]


def benchmark_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """Sets or (`reset`) removes the workspace's benchmark of one KPI on one platform."""
    edit = read_edit(_words(cmd), ctx)
    label = ctx.t(f"kpi.{edit.kpi.name}.label")
    with bounded(ctx, EXAMPLE):
        bounds.check_platform(edit.platform)
        for end in (edit.bench.low, edit.bench.high) if edit.bench else ():
            if end is not None:
                bounds.check_target_value(end)
    on = _on(edit.platform, ctx)
    if edit.bench is None:
        gone = services.repo.reset_benchmark(ctx.team_id, edit.kpi.name, edit.platform)
        text = ctx.t("bench.reset" if gone else "bench.reset_none", kpi=label, platform=on)
        return Reply([section(text)], text)
    services.repo.set_benchmark(ctx.team_id, edit.bench, ctx.user_id)
    text = ctx.t(
        "bench.set",
        what=what_text(edit.bench, edit.kpi, ctx),
        range=range_text(edit.bench, edit.kpi, ctx),
        platform=on,
        kpi=label,
    )
    return Reply([section(f":white_check_mark: {text}")], text)


def _row(bench: Benchmark, ctx: Ctx) -> str:
    kpi = REGISTRY[bench.kpi]
    top = top_text(bench, kpi, ctx)
    about = f" ({top})" if top else ""
    if bench.sectors:
        about = " (" + ctx.t("bench.list.sectors") + ")"
    return ctx.t(
        "bench.list.row",
        what=what_text(bench, kpi, ctx),
        platform=_on(bench.platform, ctx),
        range=range_text(bench, kpi, ctx) + about,
    )


def benchmarks_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """The workspace's own benchmarks, then the built-in ones with their source."""
    own = services.repo.benchmarks(ctx.team_id)
    lines = [ctx.t("bench.list.own") if own else ctx.t("bench.list.own_none")]
    lines += [_row(b, ctx) for b in own]
    lines.append(ctx.t("bench.list.built_in", about=source_text(BUILT_IN[0], ctx)))
    lines += [_row(b, ctx) for b in BUILT_IN]
    title = ctx.t("bench.list.title")
    blocks = [header(title), *sections("\n".join(lines)), context(ctx.t("bench.list.hint"))]
    return Reply(fit(blocks), title)
