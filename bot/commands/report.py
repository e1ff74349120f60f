"""`/kpi report <campaign> [period]` and `/kpi compare <a> <b> [kpi] [period]`."""

from __future__ import annotations

from bot.blocks.common import context, header, sections
from bot.blocks.kpi_reply import reach_notes, share_actions, value_text
from bot.commands.per_currency import with_data
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
from kpi.money import uses_money, uses_reach
from kpi.registry import REGISTRY, Kpi, change, compute
from kpi.totals import Totals
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
    groups = with_data(repo, ctx, repo.currency_groups(ctx.team_id, ids), period)
    if len(groups) <= 1:
        ctx = ctx.in_currency(next(iter(groups), None))
    # Money KPIs per currency when the campaigns are in several: (code, now, before).
    parts = [
        (code, repo.totals(ctx.team_id, some, period.start, period.end),
         repo.totals(ctx.team_id, some, previous.start, previous.end))
        for code, some in groups.items()
    ] if len(groups) > 1 else []  # fmt: skip

    lines, missing = [], []
    for kpi in REGISTRY.values():
        label = ctx.t(f"kpi.{kpi.name}.label")
        if parts and uses_money(kpi):
            shown = [_value_and_change(kpi, a, b, ctx.in_currency(code)) for code, a, b in parts]
            if all(text is None for text in shown):
                missing.append(label)
                continue
            split = [
                f"`{code}` {text or ctx.t('na.short')}"
                for (code, _, _), text in zip(parts, shown, strict=True)
            ]
            lines.append(f"*{label}*  " + "  ·  ".join(split))
            continue
        text = _value_and_change(kpi, now, before, ctx)
        if text is None:
            missing.append(label)
            continue
        lines.append(f"*{label}*  {text}")

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
    if parts:
        blocks.append(context(ctx.t("money.per_currency", count=len(parts))))
    if any(uses_reach(k) and compute(k, now).value is not None for k in REGISTRY.values()):
        notes = reach_notes(now, ctx)
        if notes:
            blocks.append(context(*notes))
    command = f"report {cmd.campaign or scope}" + (f" {cmd.period}" if cmd.period else "")
    blocks.append(share_actions(command, ctx))
    return Reply(blocks, title, shareable=True)


def _value_and_change(kpi: Kpi, now: Totals, before: Totals, ctx: Ctx) -> str | None:
    """ "A$74.17  ▲ 3.0 %"; None when the period does not report what the KPI needs."""
    result = compute(kpi, now)
    if result.value is None and result.reason == "na.not_reported":
        return None
    text = value_text(result, ctx)
    moved = change(result, compute(kpi, before))
    if moved is not None:
        text += f"  {fmt_change(moved, ctx.locale)}"
    return text


def _compare_reach_notes(kpis: list[Kpi], a: Totals, b: Totals, ctx: Ctx) -> list[str]:
    """The reach notes of either side, once each, when a reach KPI is compared."""
    if not any(uses_reach(k) for k in kpis):
        return []
    return list(dict.fromkeys(reach_notes(a, ctx) + reach_notes(b, ctx)))


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

    ctx_a, ctx_b = ctx.in_currency(first.currency), ctx.in_currency(second.currency)
    apart = ctx_a.currency != ctx_b.currency
    lines = []
    for kpi in kpis:
        ra, rb = compute(kpi, a), compute(kpi, b)
        mark_a = mark_b = ""
        comparable = not (apart and uses_money(kpi))  # A$ against £ says nothing
        if comparable and ra.value is not None and rb.value is not None and ra.value != rb.value:
            a_wins = (ra.value > rb.value) == (kpi.direction == "higher")
            mark_a, mark_b = ("  ✓", "") if a_wins else ("", "  ✓")
        lines.append(
            f"*{ctx.t(f'kpi.{kpi.name}.label')}*: {first.slug} {value_text(ra, ctx_a)}{mark_a}"
            f"  ·  {second.slug} {value_text(rb, ctx_b)}{mark_b}"
        )
    dates = fmt_date_range(period.start, period.end, ctx.locale)
    title = ctx.t("compare.title", a=first.slug, b=second.slug, dates=dates)
    command = f"compare {first.slug} {second.slug}" + (f" {cmd.kpi}" if cmd.kpi else "")
    command += f" {cmd.period}" if cmd.period else ""
    blocks = [
        header(title),
        *sections("\n".join(lines)),
        context(ctx.t("compare.legend")),
        *(
            [context(ctx.t("money.compare_apart", a=ctx_a.currency, b=ctx_b.currency))]
            if apart
            else []
        ),
        *([context(*notes)] if (notes := _compare_reach_notes(kpis, a, b, ctx)) else []),
        share_actions(command, ctx),
    ]
    return Reply(blocks, title, shareable=True)
