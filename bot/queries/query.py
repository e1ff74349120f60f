"""`/kpi <kpi> <campaign|all> [period] [on <platform>]`."""

from __future__ import annotations

import dataclasses

from bot.benchmarks.reply import benchmark_notes
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import KpiQuery
from bot.queries.blocks import KpiView, kpi_blocks, share_actions, value_text
from bot.queries.per_currency import per_currency_reply, with_data
from bot.resolve import campaigns_for, comparison_for, ids_of, kpi_named, label_of
from bot.unusual.reply import reply_notes
from kpi.money import uses_money
from kpi.registry import KpiResult, change, compute
from kpi.totals import Totals
from storage.repository import Repository


def run(ctx: Ctx, repo: Repository, cmd: KpiQuery) -> Reply:
    kpi = kpi_named(cmd.kpi)
    campaigns = campaigns_for(ctx, repo, cmd.campaign)
    ids = ids_of(campaigns)
    span = repo.data_range(ctx.team_id, ids)
    compared = comparison_for(ctx, repo, campaigns, cmd.period, span)
    period, current, previous = compared.asked, compared.current, compared.previous
    if uses_money(kpi):
        groups = with_data(repo, ctx, repo.currency_groups(ctx.team_id, ids), period, cmd.platform)
        if len(groups) > 1:
            return per_currency_reply(ctx, repo, kpi, cmd, groups, compared, span)
        ctx = ctx.in_currency(next(iter(groups), None))

    totals = repo.totals(ctx.team_id, ids, period.start, period.end, cmd.platform)
    now = totals
    if current != period:
        now = repo.totals(ctx.team_id, ids, current.start, current.end, cmd.platform)
    before = repo.totals(ctx.team_id, ids, previous.start, previous.end, cmd.platform)
    if cmd.platform and not _has_data(totals) and not _has_data(before):
        raise UserError("error.platform_no_data", "example.platform", platform=cmd.platform)
    result = compute(kpi, totals)
    previous_result = compute(kpi, before)

    split: dict[str, tuple[KpiResult, Totals]] = {}
    if cmd.platform is None:
        parts = repo.totals_by_platform(ctx.team_id, ids, period.start, period.end)
        for name, part in sorted(parts.items()):
            shared = share_costs(part, totals)
            split[name] = (compute(kpi, shared), shared)
    by_platform = tuple((name, found) for name, (found, _) in split.items())

    through = min(span[1], period.end) if span and span[0] <= period.end else None
    scope = label_of(campaigns, ctx) + (f" · {cmd.platform}" if cmd.platform else "")
    target = cmd.campaign if campaigns is None or cmd.campaign else campaigns[0].slug
    command = _command_text(kpi.name, dataclasses.replace(cmd, campaign=target))
    shown = (previous_result.value, compute(kpi, now).value)
    notes = reply_notes(
        repo, ctx, kpi, campaigns, cmd.platform, through, (current, previous), shown, share_costs
    )
    notes += benchmark_notes(repo, ctx, result, totals, cmd.platform, split)
    view = KpiView(
        result=result,
        scope=scope,
        period=period,
        previous=previous,
        change=change(compute(kpi, now), previous_result),
        previous_result=previous_result,
        totals=totals,
        by_platform=by_platform,
        data_through=through,
        compared=current,
        metrics_lag=compared.metrics_through is not None,
        has_data=_has_data(totals) or bool(totals.costs),
        today=ctx.today,
        imported_at=repo.last_import_at(ctx.team_id, ids),
        command=command,
        notes=tuple(notes),
    )
    report = None
    if campaigns is not None and len(campaigns) == 1:
        report = f"report {campaigns[0].slug}" + (f" {cmd.period}" if cmd.period else "")
    blocks = kpi_blocks(view, ctx) + [share_actions(command, ctx, report=report)]
    label = ctx.t(f"kpi.{kpi.name}.label")
    return Reply(blocks, f"{label} {scope}: {value_text(result, ctx)}", shareable=True)


def share_costs(part: Totals, whole: Totals) -> Totals:
    """A platform's share of the costs outside the ad platforms, by its share of ad spend,
    so per-platform ROI adds up to the whole. No ad spend at all: no costs are allocated."""
    if not whole.costs or not whole.ad_spend:
        return part
    share = part.ad_spend / whole.ad_spend
    return dataclasses.replace(
        part,
        costs={k: v * share for k, v in whole.costs.items()},
        staff_hours=whole.staff_hours * share,
    )


def _has_data(totals: Totals) -> bool:
    return any(v is not None for v in totals.counters.values())


def _command_text(kpi: str, cmd: KpiQuery) -> str:
    words = [kpi, cmd.campaign or ""]
    if cmd.period:
        words.append(cmd.period)
    if cmd.platform:
        words += ["on", cmd.platform]
    return " ".join(w if " " not in w or w == cmd.period else f'"{w}"' for w in words if w)
