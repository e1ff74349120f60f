"""A KPI over campaigns in several currencies: one line per currency, never one sum.

Money in different currencies is never added up as one figure; CPA, ROI and ROAS over such
a scope are computed per currency, each over the campaigns whose money is in it.
"""

from __future__ import annotations

import datetime as dt

from bot.blocks.common import context, section
from bot.context import Ctx, Reply
from bot.grammar import KpiQuery
from bot.queries.blocks import (
    filled_formula,
    freshness,
    reason_text,
    share_actions,
    value_text,
)
from bot.resolve import ALL_WORDS
from kpi.formatting import fmt_change, fmt_date_range
from kpi.periods import Comparison, Period
from kpi.registry import Kpi, change, compute
from kpi.totals import Totals
from storage.repository import Repository

#: Campaigns named on a currency's line before "and N more".
NAMED = 5


def has_data(totals: Totals) -> bool:
    return any(v is not None for v in totals.counters.values()) or bool(totals.costs)


def with_data(
    repo: Repository,
    ctx: Ctx,
    groups: dict[str, list[int]],
    period: Period,
    platform: str | None = None,
) -> dict[str, list[int]]:
    """The currency groups that hold data in the period or the one before. When several
    currencies exist but only one holds data there, that one alone; when none does, the
    first (so an empty reply still names a currency)."""
    if len(groups) <= 1:
        return groups
    previous = period.previous()
    kept = {
        code: ids
        for code, ids in groups.items()
        if has_data(repo.totals(ctx.team_id, ids, period.start, period.end, platform))
        or has_data(repo.totals(ctx.team_id, ids, previous.start, previous.end, platform))
    }
    return kept or dict([next(iter(groups.items()))])


def per_currency_reply(
    ctx: Ctx,
    repo: Repository,
    kpi: Kpi,
    cmd: KpiQuery,
    groups: dict[str, list[int]],
    compared: Comparison,
    span: tuple[dt.date, dt.date] | None,
) -> Reply:
    period, current, previous = compared.asked, compared.current, compared.previous
    slugs = {c.id: c.slug for c in repo.list_campaigns(ctx.team_id)}
    label = ctx.t(f"kpi.{kpi.name}.label")
    everything = not cmd.campaign or cmd.campaign.lower() in ALL_WORDS
    scope = (ctx.t("label.all_campaigns") if everything else str(cmd.campaign)) + (
        f" · {cmd.platform}" if cmd.platform else ""
    )
    dates = fmt_date_range(period.start, period.end, ctx.locale, ctx.today.year)
    kind = ctx.t(f"period.kind.{period.kind}")
    title = f"*{label} · {scope} · {dates}*" + (f" ({kind})" if kind else "")
    against = fmt_date_range(previous.start, previous.end, ctx.locale, ctx.today.year)

    lines, fallback = [], []
    for code, ids in groups.items():
        money = ctx.in_currency(code)
        now = repo.totals(ctx.team_id, ids, period.start, period.end, cmd.platform)
        before = repo.totals(ctx.team_id, ids, previous.start, previous.end, cmd.platform)
        result = compute(kpi, now)
        names = [slugs[i] for i in ids if i in slugs]
        shown = ", ".join(names[:NAMED])
        if len(names) > NAMED:
            shown += ctx.t("list.and_more", count=len(names) - NAMED)
        line = f"`{code}` *{value_text(result, money)}*"
        if result.value is None:
            line += f" — {reason_text(result, ctx)}"
        like = now
        if current != period:
            like = repo.totals(ctx.team_id, ids, current.start, current.end, cmd.platform)
        moved = change(compute(kpi, like), compute(kpi, before))
        if moved is not None:
            line += "  " + ctx.t(
                "reply.change_against", change=fmt_change(moved, ctx.locale), period=against
            )
        lines.append(f"{line}  · {shown}")
        lines.append(f"      {filled_formula(result, money)}")
        fallback.append(f"{value_text(result, money)} ({code})")

    through = min(span[1], period.end) if span and span[0] <= period.end else None
    command = " ".join(
        w
        for w in (kpi.name, cmd.campaign or "all", cmd.period or "", "on" if cmd.platform else "",
                  cmd.platform or "")
        if w
    )  # fmt: skip
    blocks = [
        section(f"{title}\n" + "\n".join(lines)),
        context(ctx.t("money.per_currency", count=len(groups))),
        context(freshness(through, repo.last_import_at(ctx.team_id, None), ctx)),
        share_actions(command, ctx),
    ]
    return Reply(blocks, f"{label} {scope}: " + " · ".join(fallback), shareable=True)
