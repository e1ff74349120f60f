"""The answer to `/kpi <kpi> <campaign>`: value, period, formula filled in, change, split."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bot.blocks.common import actions, button, context, section
from bot.context import Ctx
from kpi.counters import platform_label
from kpi.formatting import fmt_change, fmt_date, fmt_date_range, fmt_money, fmt_number, fmt_value
from kpi.money import MONEY_TERMS, uses_reach
from kpi.periods import Period
from kpi.reach import reach_note_keys
from kpi.registry import Change, KpiResult
from kpi.totals import Totals

_TERM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class KpiView:
    result: KpiResult
    scope: str  # "campaign-x", "all campaigns", "campaign-x on facebook"
    period: Period
    previous: Period
    change: Change | None
    previous_result: KpiResult
    totals: Totals
    by_platform: tuple[tuple[str, KpiResult], ...]
    data_through: dt.date | None
    imported_at: dt.datetime | None
    command: str  # the text that reproduces this reply, for the buttons
    compared: Period | None = None  # the days compared with `previous` (None: all of `period`)
    metrics_lag: bool = False  # metrics end before the period does (costs run to today)
    has_data: bool = True  # any metric or cost in the period
    today: dt.date | None = None
    #: lines under the value: unusual or not, what drove the change (bot.unusual.reply)
    notes: tuple[str, ...] = ()


def value_text(result: KpiResult, ctx: Ctx) -> str:
    if result.value is None:
        return ctx.t("na.short")
    return fmt_value(result.value, result.kpi.unit, ctx.locale, ctx.currency)


def reason_text(result: KpiResult, ctx: Ctx) -> str:
    args = {k: ctx.t(f"term.{v}") if k == "term" else v for k, v in result.reason_args.items()}
    return ctx.t(result.reason or "na.unknown", **args)


def term_text(name: str, value: float | None, ctx: Ctx) -> str:
    if value is None:
        return ctx.t("na.short")
    if name in MONEY_TERMS:
        return fmt_money(value, ctx.currency, ctx.locale)
    return fmt_number(value, ctx.locale)


def filled_formula(result: KpiResult, ctx: Ctx) -> str:
    """The formula with the real numbers: the first mention of a term is labelled."""
    seen: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        shown = term_text(name, result.terms.get(name), ctx)
        if name in seen:
            return shown
        seen.add(name)
        return f"{ctx.t(f'term.{name}')} {shown}"

    return "= " + _TERM.sub(fill, result.kpi.formula)


def cost_breakdown(totals: Totals, ctx: Ctx) -> str | None:
    """`total cost = ad spend €X + staff 4 h (€172.00) + tools €50.00`, when other costs exist."""
    if not totals.costs:
        return None
    parts = [f"{ctx.t('term.ad_spend')} {fmt_money(totals.ad_spend, ctx.currency, ctx.locale)}"]
    for category, amount in sorted(totals.costs.items()):
        money = fmt_money(amount, ctx.currency, ctx.locale)
        if category == "staff" and totals.staff_hours:
            hours = fmt_number(totals.staff_hours, ctx.locale)
            parts.append(ctx.t("cost.staff_hours", hours=hours, amount=money))
        else:
            parts.append(f"{ctx.t(f'cost.category.{category}')} {money}")
    return f"{ctx.t('term.total_cost')} = " + " + ".join(parts)


def reach_notes(totals: Totals | None, ctx: Ctx) -> list[str]:
    """What a reply showing reach (or frequency, engagement rate) must say about how the
    reach was added up; nothing when it is a de-duplicated reach of exactly the period."""
    basis = None if totals is None else totals.reach_basis
    return [ctx.t(key, **values) for key, values in reach_note_keys(basis)]


def kpi_blocks(view: KpiView, ctx: Ctx) -> list[dict[str, Any]]:
    result = view.result
    label = ctx.t(f"kpi.{result.kpi.name}.label")
    dates = fmt_date_range(view.period.start, view.period.end, ctx.locale, ctx.today.year)
    kind = ctx.t(f"period.kind.{view.period.kind}")
    title = f"*{label} · {view.scope} · {dates}*" + (f" ({kind})" if kind else "")

    if not view.has_data:
        # nothing to fill a formula with: say so once, not "n/a − n/a"
        ended = view.today is not None and view.period.end < view.today
        empty = "reply.no_data_in_past_period" if ended else "reply.no_data_in_period"
        blocks = [section(f"{title}\n{ctx.t(empty)}")]
        if view.data_through is not None or view.metrics_lag:
            blocks.append(
                context(freshness(view.data_through, view.imported_at, ctx, view.metrics_lag))
            )
        return blocks
    if result.value is None:
        headline = f"*{ctx.t('na.short')}* — {reason_text(result, ctx)}"
    else:
        headline = f"*{value_text(result, ctx)}*    " + change_text(view, ctx)

    lines = [filled_formula(result, ctx)]
    breakdown = cost_breakdown(view.totals, ctx) if "total_cost" in result.kpi.formula else None
    if breakdown:
        lines.append(f"    {breakdown}")
    blocks = [section(f"{title}\n{headline}"), section("\n".join(lines))]

    if len(view.by_platform) > 1:
        split = " · ".join(f"{platform_label(p)} {value_text(r, ctx)}" for p, r in view.by_platform)
        blocks.append(context(f"{ctx.t('reply.by_platform')}: {split}"))
    if view.notes and result.value is not None:
        blocks.append(context("\n".join(view.notes)))
    if uses_reach(result.kpi) and result.value is not None:
        notes = reach_notes(view.totals, ctx)
        if notes:
            blocks.append(context(*notes))
    blocks.append(context(freshness(view.data_through, view.imported_at, ctx, view.metrics_lag)))
    return blocks


def change_text(view: KpiView, ctx: Ctx) -> str:
    """ "▼ 3.2 % — better against 16–22 Nov 2026", naming the compared days as well when they
    are fewer than the period shown ("…: 23–28 Nov 2026 against 17–22 Nov 2026")."""
    previous = fmt_date_range(view.previous.start, view.previous.end, ctx.locale, ctx.today.year)
    if view.change is None:
        return ctx.t("reply.no_previous", period=previous)
    moved = fmt_change(view.change, ctx.locale)
    compared = view.compared
    if compared is None or compared == view.period:
        return ctx.t("reply.change_against", change=moved, period=previous)
    current = fmt_date_range(compared.start, compared.end, ctx.locale, ctx.today.year)
    return ctx.t("reply.change_between", change=moved, current=current, period=previous)


def freshness(
    through: dt.date | None, imported_at: dt.datetime | None, ctx: Ctx, lag: bool = False
) -> str:
    if through is None:
        return ctx.t("reply.no_data_in_period")
    key = "reply.metrics_through" if lag else "reply.data_through"
    text = ctx.t(key, date=fmt_date(through, ctx.locale))
    if imported_at is not None:
        stamp = f"{fmt_date(imported_at.date(), ctx.locale)} {imported_at:%H:%M} UTC"
        text += ", " + ctx.t("reply.imported_at", when=stamp)
    return text


def share_actions(command: str, ctx: Ctx, *, report: str | None = None) -> dict[str, Any]:
    buttons = [button(ctx.t("button.share"), "share_in_channel", {"c": command}, "primary")]
    if report:
        buttons.append(button(ctx.t("button.full_report"), "full_report", {"c": report}))
    return actions(*buttons)


def na_or_value(value: float | None, unit: str, ctx: Ctx) -> str:
    if value is None:
        return ctx.t("na.short")
    return fmt_value(value, unit, ctx.locale, ctx.currency)
