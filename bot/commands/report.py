"""`/kpi report <campaign> [period]` and `/kpi compare <a> <b> [kpi] [period]`."""

from __future__ import annotations

from bot.blocks.common import context, header, sections
from bot.blocks.kpi_reply import share_actions, value_text
from bot.commands.resolve import (
    campaigns_for,
    ids_of,
    kpi_named,
    label_of,
    one_campaign,
    period_for,
)
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Compare, Report
from kpi.formatting import fmt_change, fmt_date_range
from kpi.registry import REGISTRY, change, compute
from storage.repository import Repository

#: The KPIs `/kpi compare` shows when no KPI is named.
COMPARE_DEFAULT = ("total_cost", "revenue", "roi", "cpa", "engagement_rate", "ctr", "reach")


def report_reply(ctx: Ctx, repo: Repository, cmd: Report) -> Reply:
    campaigns = campaigns_for(ctx, repo, cmd.campaign)
    ids = ids_of(campaigns)
    period = period_for(ctx, repo, campaigns, cmd.period)
    previous = period.previous()
    now = repo.totals(ctx.team_id, ids, period.start, period.end)
    before = repo.totals(ctx.team_id, ids, previous.start, previous.end)

    lines, missing = [], []
    for kpi in REGISTRY.values():
        result = compute(kpi, now)
        label = ctx.t(f"kpi.{kpi.name}.label")
        if result.value is None and result.reason == "na.not_reported":
            missing.append(label)
            continue
        line = f"*{label}*  {value_text(result, ctx)}"
        moved = change(result, compute(kpi, before))
        if moved is not None:
            line += f"  {fmt_change(moved, ctx.locale)}"
        lines.append(line)

    scope = label_of(campaigns, ctx)
    dates = fmt_date_range(period.start, period.end, ctx.locale)
    title = ctx.t("report.title", scope=scope, dates=dates)
    prev = fmt_date_range(previous.start, previous.end, ctx.locale)
    blocks = [
        header(title),
        context(ctx.t("report.against", period=prev)),
        *sections("\n".join(lines)),
    ]
    if missing:
        blocks.append(context(ctx.t("report.not_reported", names=", ".join(missing))))
    command = f"report {cmd.campaign or scope}" + (f" {cmd.period}" if cmd.period else "")
    blocks.append(share_actions(command, ctx))
    return Reply(blocks, title, shareable=True)


def compare_reply(ctx: Ctx, repo: Repository, cmd: Compare) -> Reply:
    first = one_campaign(ctx, repo, cmd.first)
    second = one_campaign(ctx, repo, cmd.second)
    if first.id == second.id:
        raise UserError("error.compare_same", "example.compare", name=first.slug)
    if cmd.kpi:
        kpis = [kpi_named(cmd.kpi, "example.compare")]
    else:
        kpis = [REGISTRY[name] for name in COMPARE_DEFAULT]
    period = period_for(ctx, repo, [first, second], cmd.period)
    a = repo.totals(ctx.team_id, [first.id], period.start, period.end)
    b = repo.totals(ctx.team_id, [second.id], period.start, period.end)

    lines = []
    for kpi in kpis:
        ra, rb = compute(kpi, a), compute(kpi, b)
        mark_a = mark_b = ""
        if ra.value is not None and rb.value is not None and ra.value != rb.value:
            a_wins = (ra.value > rb.value) == (kpi.direction == "higher")
            mark_a, mark_b = ("  ✓", "") if a_wins else ("", "  ✓")
        lines.append(
            f"*{ctx.t(f'kpi.{kpi.name}.label')}*: {first.slug} {value_text(ra, ctx)}{mark_a}"
            f"  ·  {second.slug} {value_text(rb, ctx)}{mark_b}"
        )
    dates = fmt_date_range(period.start, period.end, ctx.locale)
    title = ctx.t("compare.title", a=first.slug, b=second.slug, dates=dates)
    command = f"compare {first.slug} {second.slug}" + (f" {cmd.kpi}" if cmd.kpi else "")
    command += f" {cmd.period}" if cmd.period else ""
    blocks = [
        header(title),
        *sections("\n".join(lines)),
        context(ctx.t("compare.legend")),
        share_actions(command, ctx),
    ]
    return Reply(blocks, title, shareable=True)
