"""How competitors read in Slack: one observation in a line, the list of competitors with
their latest values and dates, the question before a competitor is removed. Names are data:
the builders of bot.blocks escape them where they are placed."""

from __future__ import annotations

import json
from typing import Any

from bot.blocks.common import actions, button, context, header, section, sections
from bot.context import Ctx, Reply
from kpi.counters import platform_label
from kpi.formatting import fmt_date, fmt_date_range, fmt_number, fmt_percent
from storage.competitors.records import CompetitorRec, CompetitorView, Observation

REMOVE = "competitor_remove"
CANCEL = "competitor_cancel"


def _plural(key: str, count: int) -> str:
    return f"{key}.{'one' if count == 1 else 'other'}"


def observation_line(ctx: Ctx, obs: Observation) -> str:
    """ "LinkedIn, 24 Nov 2026: 12,400 followers · engagement rate 3.1 % · 5 posts (over
    18–24 Nov 2026)" — only what was noted."""
    parts = []
    if obs.followers is not None:
        count = fmt_number(obs.followers, ctx.locale)
        parts.append(ctx.t(_plural("competitor.followers", obs.followers), count=count))
    if obs.engagement_rate is not None:
        parts.append(
            ctx.t("competitor.engagement", rate=fmt_percent(obs.engagement_rate, ctx.locale))
        )
    if obs.posts is not None:
        count = fmt_number(obs.posts, ctx.locale)
        parts.append(ctx.t(_plural("competitor.posts", obs.posts), count=count))
    if obs.engagement_rate is not None or obs.posts is not None:
        window = ctx.t(
            "competitor.window",
            dates=fmt_date_range(obs.start, obs.day, ctx.locale, ctx.today.year),
        )
        parts[-1] += f" {window}"
    return ctx.t(
        "competitor.line",
        platform=platform_label(obs.platform),
        date=fmt_date(obs.day, ctx.locale),
        values=" · ".join(parts),
    )


def list_reply(ctx: Ctx, views: list[CompetitorView]) -> Reply:
    if not views:
        text = ctx.t("competitors.none")
        return Reply([section(text), context(ctx.t("example.competitor_add"))], text)
    title = ctx.t("competitors.title", count=len(views))
    lines = []
    for view in views:
        lines.append(
            "*"
            + ctx.t(
                _plural("competitors.entry", view.count),
                name=view.competitor.name,
                count=view.count,
            )
            + "*"
        )
        lines += [f"• {observation_line(ctx, obs)}" for obs in view.latest]
    blocks = [
        header(title),
        *sections("\n".join(lines)),
        context(ctx.t("competitors.hint")),
    ]
    return Reply(blocks, title, shareable=True)


def remove_value(rec: CompetitorRec, count: int) -> dict[str, Any]:
    """What the Remove button carries: the competitor as asked about (id, name, how many
    observations), so a click after it changed is out of date."""
    return {"id": rec.id, "n": rec.name, "c": count}


def read_value(raw: object) -> tuple[int, str, int] | None:
    """A Remove button's value checked field by field, else None (forged or outdated)."""
    if not isinstance(raw, str) or len(raw) > 500:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    cid, name, count = value.get("id"), value.get("n"), value.get("c")
    if type(cid) is not int or type(count) is not int or not isinstance(name, str):
        return None
    if not (0 < cid < 2**31 and 0 <= count < 2**31 and 0 < len(name) <= 60):
        return None
    return cid, name, count


def remove_ask(ctx: Ctx, rec: CompetitorRec, view: CompetitorView | None) -> Reply:
    count = view.count if view else 0
    text = ctx.t(_plural("competitor.remove.ask", count), name=rec.name, count=count)
    platforms = ", ".join(platform_label(o.platform) for o in view.latest) if view else ""
    blocks = [
        section(":warning: " + text),
        *(
            [context(ctx.t("competitor.remove.platforms", platforms=platforms))]
            if platforms
            else []
        ),
        actions(
            button(
                ctx.t("competitor.button.remove", name=rec.name),
                REMOVE,
                remove_value(rec, count),
                "danger",
            ),
            button(ctx.t("competitor.button.cancel"), CANCEL, {"a": "cancel"}),
        ),
    ]
    return Reply(blocks, text)
