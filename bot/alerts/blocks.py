"""Block Kit for alerts: the message a state change posts, and the status line the
Acknowledge / Snooze buttons leave on it. Pure builders: values in, dicts out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.blocks.common import actions, button, context, section
from bot.blocks.mrkdwn import mention
from bot.texts import t
from kpi.causes import Cause, render_cause
from kpi.formatting import fmt_date, fmt_date_range, fmt_money, fmt_number, fmt_value
from kpi.registry import lookup
from kpi.targets import Alert, TargetSpec

ACK = "alert_ack"
SNOOZE_1D = "alert_snooze_1d"
SNOOZE_7D = "alert_snooze_7d"
EDIT = "alert_edit"
STATUS_BLOCK = "alert_status"
#: Alerts that ask for someone to look: they carry Acknowledge and Snooze.
NEEDS_LOOK = frozenset({"below", "at_risk", "missed"})


@dataclass(frozen=True)
class AlertView:
    """Everything an alert message shows besides the evaluation: who, where, how."""

    target_id: int
    campaign: str  # slug, or the "all campaigns" label
    spec: TargetSpec
    locale: str
    currency: str
    cause: Cause | None = None


def kpi_label(name: str, locale: str) -> str:
    return t(f"kpi.{lookup(name).name}.label", locale)


def fmt_gap(gap: float, unit: str, locale: str, currency: str) -> str:
    """The size of a gap in the KPI's unit: percentage points for a percent KPI."""
    size = abs(gap)
    if unit == "percent":
        return f"{fmt_number(size, locale, 1)} {t('change.pts', locale)}"
    if unit == "currency":
        return fmt_money(size, currency, locale)
    return fmt_number(size, locale, 2 if unit == "ratio" else None)


def gap_text(view: AlertView, gap: float | None) -> str:
    unit = lookup(view.spec.kpi).unit
    if gap is None:
        return ""
    size = fmt_gap(gap, unit, view.locale, view.currency)
    if abs(gap) < 1e-9:
        return t("alerts.gap.on_target", view.locale)
    if gap < 0:
        return t("alerts.gap.spare", view.locale, gap=size)
    key = "alerts.gap.short" if view.spec.op == ">=" else "alerts.gap.over"
    return t(key, view.locale, gap=size)


def title(view: AlertView, alert: Alert) -> str:
    kpi = kpi_label(view.spec.kpi, view.locale)
    key = f"alerts.title.{alert.kind}"
    if alert.kind in ("below", "at_risk"):
        key += "_ge" if view.spec.op == ">=" else "_le"
    deadline = fmt_date(view.spec.deadline, view.locale)
    return t(key, view.locale, campaign=view.campaign, kpi=kpi, deadline=deadline)


def numbers_line(view: AlertView, alert: Alert) -> str:
    """ "3.1 % over 20–26 Nov 2026 · target >= 4.0 % by 31 Dec 2026 · 0.9 pts short"."""
    ev, spec, locale = alert.evaluation, view.spec, view.locale
    unit = lookup(spec.kpi).unit
    window = ""
    if ev.window_start and ev.window_end:
        window = fmt_date_range(ev.window_start, ev.window_end, locale)
    return t(
        "alerts.line.total" if ev.cumulative else "alerts.line.rate",
        locale,
        value=fmt_value(ev.value, unit, locale, view.currency),
        window=window,
        op=spec.op,
        target=fmt_value(spec.value, unit, locale, view.currency),
        deadline=fmt_date(spec.deadline, locale),
        gap=gap_text(view, ev.gap),
    ).rstrip(" ·")


def trend_line(view: AlertView, alert: Alert) -> str | None:
    points = alert.evaluation.trend
    if not points:
        return None
    unit = lookup(view.spec.kpi).unit
    values = " → ".join(fmt_value(p.value, unit, view.locale, view.currency) for p in points)
    return t("alerts.trend", view.locale, values=values)


def alert_text(view: AlertView, alert: Alert) -> str:
    """The plain-text fallback (notifications, screen readers): title and numbers."""
    return f"{title(view, alert)}\n{numbers_line(view, alert)}"


def alert_blocks(view: AlertView, alert: Alert) -> list[dict[str, Any]]:
    """Title and numbers, the weekly trend, the pace (cumulative) and the likely cause,
    then the buttons: Acknowledge / Snooze 1 day / Snooze 7 days / Edit target while the
    target needs a look, Edit target alone otherwise."""
    ev, locale = alert.evaluation, view.locale
    lines = [f"*{title(view, alert)}*", numbers_line(view, alert)]
    blocks = [section("\n".join(lines))]
    notes = []
    trend = trend_line(view, alert)
    if trend:
        notes.append(trend)
    if ev.projected is not None and alert.kind == "at_risk":
        unit = lookup(view.spec.kpi).unit
        notes.append(
            t(
                "alerts.pace",
                locale,
                projected=fmt_value(ev.projected, unit, locale, view.currency),
                deadline=fmt_date(view.spec.deadline, locale),
            )
        )
    if view.cause is not None and alert.kind != "recovered":
        cause = render_cause(view.cause, locale, view.currency)
        notes.append(t("alerts.cause", locale, cause=cause))
    if notes:
        blocks.append(context(*notes))
    value = {"t": view.target_id}
    edit = button(t("alerts.button.edit", locale), EDIT, value)
    if alert.kind in NEEDS_LOOK:
        blocks.append(
            actions(
                button(t("alerts.button.ack", locale), ACK, value, style="primary"),
                button(t("alerts.button.snooze_1d", locale), SNOOZE_1D, {**value, "d": 1}),
                button(t("alerts.button.snooze_7d", locale), SNOOZE_7D, {**value, "d": 7}),
                edit,
            )
        )
    elif alert.kind != "recovered":
        blocks.append(actions(edit))
    return blocks


def acknowledged_line(user: str, locale: str) -> str:
    return t("alerts.acknowledged_by", locale, user=mention(user))


def snoozed_line(user: str, until: dt.date, locale: str) -> str:
    return t("alerts.snoozed_until", locale, user=mention(user), until=fmt_date(until, locale))


def with_status(blocks: list[dict[str, Any]], line: str) -> list[dict[str, Any]]:
    """The message's blocks with its status line (who acknowledged or snoozed it) set to
    ``line``: replaced when there is one, added above the buttons otherwise."""
    status = {**context(line), "block_id": STATUS_BLOCK}
    kept = [b for b in blocks if b.get("block_id") != STATUS_BLOCK]
    at = next((i for i, b in enumerate(kept) if b.get("type") == "actions"), len(kept))
    return [*kept[:at], status, *kept[at:]]
