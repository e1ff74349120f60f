"""A digest's "You vs competitors" (the subscription option `competitors`): per competitor
and platform, the same lines as `/kpi compare me`, from what was noted of them through the
digest's week — a short section in the digest's thread."""

from __future__ import annotations

import datetime as dt

from bot.competitors.compare import ORDER, THEIRS, measure_line
from bot.dispatch import make_ctx
from bot.services import Services
from kpi.counters import platform_label
from storage.competitors.records import Observation

#: the most competitors a digest shows (by name); the rest are counted
MAX_COMPETITORS = 5


def vs_lines(services: Services, team_id: str, week_end: dt.date) -> list[str]:
    """The section's lines (the title first); observations after `week_end` are left for
    the next digest. No competitors: a line saying how to note one."""
    ctx = make_ctx(services, team_id)
    rows = [f"*{ctx.t('digest.competitors.title')}*"]
    views = [v for v in services.competitors.overview(team_id) if v.count]
    if not views:
        return [*rows, ctx.t("digest.competitors.none")]
    for view in views[:MAX_COMPETITORS]:
        name = view.competitor.name
        seen = [
            o
            for o in services.competitors.observations(team_id, view.competitor.id)
            if o.day <= week_end
        ]
        by_platform: dict[str, list[Observation]] = {}
        for obs in seen:
            by_platform.setdefault(obs.platform, []).append(obs)
        for platform, observed in by_platform.items():
            # short: only what was noted of them (the reply to `compare me` says the rest)
            noted = [m for m in ORDER if THEIRS[m](observed).start is not None]
            if not noted:
                continue
            span = services.competitors.my_span(team_id, platform)
            rows.append(f"*{name} · {platform_label(platform)}*")
            rows += [
                f"• {measure_line(services, ctx, name, platform, m, observed, span)}" for m in noted
            ]
    if len(views) > MAX_COMPETITORS:
        rows.append(ctx.t("digest.competitors.more", count=len(views) - MAX_COMPETITORS))
    return rows
