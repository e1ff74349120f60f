"""`/kpi report <campaign> [period]` and `/kpi compare <a> <b> [kpi] [period]`."""

from __future__ import annotations

import datetime as dt

from bot.benchmarks.compact import Placed, joined, marks, sources_note, suffix
from bot.blocks.common import context, header, section, sections
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Compare, Report
from bot.queries.blocks import reach_notes, share_actions, value_text
from bot.queries.per_currency import with_data
from bot.queries.query import share_costs
from bot.resolve import (
    campaigns_for,
    comparison_for,
    ids_of,
    kpi_named,
    label_of,
    one_campaign,
    period_for,
)
from kpi.benchmarks import Benchmark, platform_specific
from kpi.formatting import fmt_change, fmt_date, fmt_date_range
from kpi.money import uses_money, uses_reach
from kpi.registry import REGISTRY, Kpi, better_of, change, compute
from kpi.totals import Totals
from storage.repository import Repository

#: The KPIs `/kpi compare` shows when no KPI is named.
COMPARE_DEFAULT = ("total_cost", "revenue", "roi", "cpa", "engagement_rate", "ctr", "reach")


def report_reply(ctx: Ctx, repo: Repository, cmd: Report) -> Reply:
    campaigns = campaigns_for(ctx, repo, cmd.campaign)
    ids = ids_of(campaigns)
    compared = comparison_for(ctx, repo, campaigns, cmd.period)
    period, current, previous = compared.asked, compared.current, compared.previous

    def sums(some: list[int] | None) -> tuple[Totals, Totals, Totals]:
        """(the period, its days compared, the days compared with)"""
        now = repo.totals(ctx.team_id, some, period.start, period.end)
        like = now
        if current != period:
            like = repo.totals(ctx.team_id, some, current.start, current.end)
        return now, like, repo.totals(ctx.team_id, some, previous.start, previous.end)

    whole = sums(ids)
    now = whole[0]
    groups = with_data(repo, ctx, repo.currency_groups(ctx.team_id, ids), period)
    if len(groups) <= 1:
        ctx = ctx.in_currency(next(iter(groups), None))
    # Money KPIs per currency when the campaigns are in several: (code, sums).
    parts = [(code, sums(some)) for code, some in groups.items()] if len(groups) > 1 else []

    own = repo.benchmarks(ctx.team_id)
    by_platform = _platforms(repo, ctx, ids, period.start, period.end, own)
    lines, missing, moves, used = [], [], 0, []
    for kpi in REGISTRY.values():
        label = ctx.t(f"kpi.{kpi.name}.label")
        if parts and uses_money(kpi):
            shown = [_value_and_change(kpi, *part, ctx.in_currency(code)) for code, part in parts]
            if all(text is None for text in shown):
                missing.append(label)
                continue
            split = []
            for (code, part), text in zip(parts, shown, strict=True):
                moves += bool(text and text[1])
                money = ctx.in_currency(code)
                found = marks(kpi, compute(kpi, part[0]).value, part[0], money, own)
                used += found
                split.append(f"`{code}` {text[0] if text else ctx.t('na.short')}{suffix(found)}")
            lines.append(f"*{label}*  " + "  ·  ".join(split))
            continue
        text = _value_and_change(kpi, *whole, ctx)
        if text is None:
            missing.append(label)
            continue
        moves += text[1]
        found = _marks(kpi, now, ctx, own, by_platform)
        used += found
        lines.append(f"*{label}*  {text[0]}{suffix(found)}")

    scope = label_of(campaigns, ctx)
    dates = fmt_date_range(period.start, period.end, ctx.locale, ctx.today.year)
    title = ctx.t("report.title", scope=scope, dates=dates)
    prev = fmt_date_range(previous.start, previous.end, ctx.locale, ctx.today.year)
    if not lines:
        ended = period.end < ctx.today
        empty = "reply.no_data_in_past_period" if ended else "reply.no_data_in_period"
        blocks = [header(title), section(ctx.t(empty))]
    else:
        if not moves:
            against = ctx.t("report.no_previous", period=prev)
        elif current != period:
            days = fmt_date_range(current.start, current.end, ctx.locale, ctx.today.year)
            against = ctx.t("report.against_partial", current=days, period=prev)
        else:
            against = ctx.t("report.against", period=prev)
        notes = [against]
        if compared.metrics_through is not None:
            through = fmt_date(compared.metrics_through, ctx.locale)
            notes.append(ctx.t("report.metrics_through", date=through))
        blocks = [header(title), context(*notes), *sections("\n".join(lines))]
        if missing:
            blocks.append(context(ctx.t("report.not_reported", names=", ".join(missing))))
        if parts:
            blocks.append(context(ctx.t("money.per_currency", count=len(parts))))
        sources = sources_note((p.bench for p in used), ctx)
        if sources:
            blocks.append(context(sources))
        if any(uses_reach(k) and compute(k, now).value is not None for k in REGISTRY.values()):
            reach = reach_notes(now, ctx)
            if reach:
                blocks.append(context(*reach))
    command = f"report {cmd.campaign or scope}" + (f" {cmd.period}" if cmd.period else "")
    blocks.append(share_actions(command, ctx))
    return Reply(blocks, title, shareable=True)


def _platforms(
    repo: Repository,
    ctx: Ctx,
    ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    own: list[Benchmark],
) -> dict[str, Totals]:
    """Each platform's totals, read only when a KPI has a platform's own range (built in:
    Facebook's CPM; or the workspace's), for the "LinkedIn 2.0 %: …" parts of a line."""
    if not any(platform_specific(kpi.name, own) for kpi in REGISTRY.values()):
        return {}
    return repo.totals_by_platform(ctx.team_id, ids, start, end)


def _marks(
    kpi: Kpi, now: Totals, ctx: Ctx, own: list[Benchmark], by_platform: dict[str, Totals]
) -> list[Placed]:
    """The benchmark texts of `kpi`'s line: over every platform, then where a platform's
    range differs (money only when the platforms share the reply's currency: one group)."""
    shares = {name: share_costs(part, now) for name, part in by_platform.items()}
    split = {name: (compute(kpi, part).value, part) for name, part in shares.items()}
    return marks(kpi, compute(kpi, now).value, now, ctx, own, split)


def _value_and_change(
    kpi: Kpi, now: Totals, like: Totals, before: Totals, ctx: Ctx
) -> tuple[str, bool] | None:
    """("A$74.17  ▲ 3.0 % — worse", True): the value over `now`, the change of `like` (its
    days compared) against `before`, and whether there was one; None when the period does
    not report what the KPI needs."""
    result = compute(kpi, now)
    if result.value is None and result.reason == "na.not_reported":
        return None
    text = value_text(result, ctx)
    moved = change(compute(kpi, like), compute(kpi, before))
    if moved is not None:
        text += f"  {fmt_change(moved, ctx.locale)}"
    return text, moved is not None


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
    own = repo.benchmarks(ctx.team_id)
    by_a = _platforms(repo, ctx, [first.id], period.start, period.end, own)
    by_b = _platforms(repo, ctx, [second.id], period.start, period.end, own)
    lines, used = [], []
    for kpi in kpis:
        ra, rb = compute(kpi, a), compute(kpi, b)
        ticks = ["", ""]
        side = better_of(kpi, ra.value, rb.value)
        if side is not None and not (apart and uses_money(kpi)):  # A$ against £ says nothing
            ticks[side] = "  ✓"
        tick_a, tick_b = ticks
        lines.append(
            f"*{ctx.t(f'kpi.{kpi.name}.label')}*: {first.slug} {value_text(ra, ctx_a)}{tick_a}"
            f"  ·  {second.slug} {value_text(rb, ctx_b)}{tick_b}"
        )
        sides = [(first.slug, _marks(kpi, a, ctx_a, own, by_a)),
                 (second.slug, _marks(kpi, b, ctx_b, own, by_b))]  # fmt: skip
        if any(found for _, found in sides):
            used += [p.bench for _, found in sides for p in found]
            shown = [f"{slug} {joined(found)}" for slug, found in sides if found]
            lines.append("      ↳ " + "  ·  ".join(shown))
    dates = fmt_date_range(period.start, period.end, ctx.locale, ctx.today.year)
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
        *([context(sources)] if (sources := sources_note(used, ctx)) else []),
        share_actions(command, ctx),
    ]
    return Reply(blocks, title, shareable=True)
