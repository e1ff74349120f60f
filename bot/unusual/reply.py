"""The lines a KPI reply adds under its value: whether its last day (or week) is unusual,
and what drove its change against the period before (platforms; campaigns for `all`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bot.context import Ctx
from bot.unusual.judging import verdict_for
from bot.unusual.lines import drivers, drivers_line, unusual_line
from kpi.counters import platform_label
from kpi.metric import Kpi
from kpi.periods import Period
from kpi.totals import Totals
from storage.campaigns.records import CampaignRec
from storage.repository import Repository

#: A platform's share of the costs outside the ad platforms (bot.commands.query.share_costs).
Share = Callable[[Totals, Totals], Totals]


def reply_notes(
    repo: Repository,
    ctx: Ctx,
    kpi: Kpi,
    campaigns: Sequence[CampaignRec] | None,
    platform: str | None,
    day: dt.date | None,
    compared: tuple[Period, Period],
    shown: tuple[float | None, float | None],
    share: Share,
) -> list[str]:
    """The unusual line for ``day`` (the last day with data shown) and the drivers of the
    change from ``compared[1]`` (the period before) to ``compared[0]``, whose values are
    ``shown`` (before, after)."""
    ids = None if campaigns is None else [c.id for c in campaigns]
    ltv = campaigns[0].ltv_per_customer if campaigns is not None and len(campaigns) == 1 else None
    notes = []
    if day is not None:
        verdict = verdict_for(repo, ctx.team_id, kpi, ids, day, platform=platform, ltv=ltv)
        notes.append(unusual_line(kpi, verdict, ctx.locale, ctx.currency))
    current, previous = compared
    if platform is None:
        after = _by_platform(repo, ctx.team_id, ids, current, share)
        before = _by_platform(repo, ctx.team_id, ids, previous, share)
        notes += _driver(kpi, before, after, shown, ctx)
    if campaigns is None or len(campaigns) > 1:
        every = campaigns if campaigns is not None else repo.list_campaigns(ctx.team_id)
        after = _by_campaign(repo, ctx.team_id, ids, every, current, platform)
        before = _by_campaign(repo, ctx.team_id, ids, every, previous, platform)
        notes += _driver(kpi, before, after, shown, ctx)
    return notes


def _driver(
    kpi: Kpi,
    before: dict[str, Totals],
    after: dict[str, Totals],
    shown: tuple[float | None, float | None],
    ctx: Ctx,
) -> list[str]:
    split = drivers(kpi, before, after, shown)
    line = None if split is None else drivers_line(kpi, split, ctx.locale, ctx.currency)
    return [line] if line else []


def _by_platform(
    repo: Repository, team_id: str, ids: list[int] | None, period: Period, share: Share
) -> dict[str, Totals]:
    split = repo.totals_by_platform(team_id, ids, period.start, period.end)
    whole = repo.totals(team_id, ids, period.start, period.end)
    return {platform_label(name): share(part, whole) for name, part in split.items()}


def _by_campaign(
    repo: Repository,
    team_id: str,
    ids: list[int] | None,
    campaigns: Sequence[CampaignRec],
    period: Period,
    platform: str | None,
) -> dict[str, Totals]:
    """Slug -> Totals of each of ``campaigns`` (``ids`` None: every campaign not archived,
    read as that scope, so the grid of the reply's own totals is read once)."""
    found = repo.totals_by_campaign(team_id, ids, period.start, period.end, platform)
    return {c.slug: found[c.id] for c in campaigns if c.id in found}
