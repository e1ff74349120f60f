"""What a digest is built from: the campaigns, eight weeks of their daily counters and costs,
the week's platform split and the targets, read from storage and handed to kpi.digest and
kpi.charts. `build` gives everything a post needs: the Digest, its blocks and its charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from bot.alerts.data import as_checked
from bot.competitors.digest import vs_lines
from bot.digests.blocks import digest_blocks, digest_text, headline_blocks
from bot.digests.frames import campaign_frames, frames_of, weekly_frame
from bot.selfmon.gaps import CampaignGap, campaign_gaps
from bot.selfmon.lines import gap_line
from bot.services import Services
from bot.unusual.digest import UNUSUAL_CAMPAIGNS, unusual_lines
from kpi.chart_data import WEEKS
from kpi.charts import Chart, ChartSpec, digest_chart_specs, draw
from kpi.digest import (
    CampaignInfo,
    Digest,
    TargetInfo,
    build_digest,
    campaign_info,
)
from kpi.periods import Period, like_for_like
from storage.campaigns import memo
from storage.campaigns.records import CampaignRec


@dataclass(frozen=True)
class Built:
    """A digest ready to post: the numbers, the channel message (the headline), the
    details that go into its thread, and the PNG charts (into the thread too)."""

    digest: Digest
    blocks: list[dict[str, Any]]
    text: str
    charts: tuple[Chart, ...]
    headline: list[dict[str, Any]]


@dataclass(frozen=True)
class Prepared:
    """A digest built but for its PNGs: `built` has no charts yet, `specs` say what to draw
    (the digest tick draws them in a process pool, bot.digests.drawing)."""

    built: Built
    specs: tuple[ChartSpec, ...]

    def drawn(self, pngs: Sequence[bytes]) -> Built:
        """`built` with the charts whose PNGs are `pngs` (in the order of `specs`)."""
        charts = tuple(spec.drawn(png) for spec, png in zip(self.specs, pngs, strict=True))
        return dataclasses.replace(self.built, charts=charts)


def scope_campaigns(
    services: Services, team_id: str, slugs: Sequence[str] | None
) -> list[CampaignRec]:
    """The subscription's campaigns (None: all of the workspace). A slug whose campaign is
    gone is left out, never read as "all"."""
    # once per digest tick (storage.campaigns.memo), however many digests ask
    known = memo.remembered(("campaigns", team_id), partial(services.repo.list_campaigns, team_id))
    if slugs is None:
        return list(known)
    wanted = {s.lower() for s in slugs}
    return [c for c in known if c.slug.lower() in wanted]


def _spent_to_date(
    services: Services, team_id: str, rec: CampaignRec, frame_start: dt.date, week: Period
) -> float | None:
    # The spend-pace insight needs the cost since the campaign's start; the eight-week frame
    # holds it only when the campaign started inside it.
    if not rec.budget or rec.start_date is None or rec.end_date is None:
        return None
    if rec.start_date >= frame_start or rec.start_date > week.end:
        return None
    return services.repo.totals(team_id, [rec.id], rec.start_date, week.end).total_cost


def targets_of(
    services: Services, team_id: str, campaigns: Sequence[CampaignRec], all_campaigns: bool
) -> list[TargetInfo]:
    """The targets a digest lists: those of its campaigns, and the all-campaigns targets
    when the digest covers every campaign."""
    slugs = {c.id: c.slug for c in campaigns}
    found = []
    tz = services.repo.ensure_workspace(team_id).timezone
    for target in services.targets.list_targets(team_id):
        if target.campaign_id is None and not all_campaigns:
            continue
        if target.campaign_id is not None and target.campaign_id not in slugs:
            continue
        # not "not checked yet (n/a)" before the checker's first run: its value now (once
        # per digest tick, storage.campaigns.memo, however many digests list it)
        today = services.settings.today_in(tz)
        key = ("as_checked", team_id, target.id, target.last_value, target.state, today)
        target = memo.remembered(key, partial(as_checked, services, target, today, tz))
        found.append(
            TargetInfo(
                kpi=target.kpi,
                op=">=" if target.op == ">=" else "<=",
                value=target.value,
                state=target.state,
                campaign=None if target.campaign_id is None else slugs[target.campaign_id],
                deadline=target.deadline,
                last_value=target.last_value,
                id=target.id,
            )
        )
    return found


def load(
    services: Services, team_id: str, slugs: Sequence[str] | None, week: Period
) -> tuple[Digest, pd.DataFrame, dict[str, CampaignInfo]]:
    """The digest of `week` for the campaigns `slugs` (None: all), with the weekly frame of
    the WEEKS weeks ending with it and the campaigns' infos (what the charts need)."""
    ws = services.repo.ensure_workspace(team_id)
    recs = scope_campaigns(services, team_id, slugs)
    ids = None if slugs is None else [c.id for c in recs]
    start = week.start - dt.timedelta(weeks=WEEKS - 1)
    if recs:
        frames = campaign_frames(services, team_id, recs, ids, start, week)
        by_platform = services.repo.daily_frame(team_id, ids, week.start, week.end, by="platform")
    else:
        frames, by_platform = frames_of(pd.DataFrame(), week), pd.DataFrame()
    infos = {
        c.slug: campaign_info(
            c, _spent_to_date(services, team_id, c, start, week), c.currency or ws.currency
        )
        for c in recs
    }
    weekly = frames.weekly
    # Like for like: metrics that end inside the week are compared with the same days of
    # the week before (the charts keep every day).
    span = services.repo.data_range(team_id, ids) if recs else None
    compared = like_for_like(week, week.end + dt.timedelta(days=1), span[1] if span else None)
    digest = build_digest(
        frames.same_days,
        previous_week=compared.previous,
        metrics_through=compared.metrics_through if compared.partial else None,
        lagging=frames.lagging,
        campaigns=infos,
        week=week,
        targets=targets_of(services, team_id, recs, slugs is None),
        locale=ws.locale,
        currency=ws.currency,
        platform_weekly=weekly_frame(by_platform, "platform"),
    )
    return digest, weekly, infos


def build(
    services: Services,
    team_id: str,
    slugs: Sequence[str] | None,
    week: Period,
    *,
    charts: bool = True,
    note: str | None = None,
    competitors: bool = False,
) -> Built:
    """Load and render the digest of `week`, its charts drawn here. No charts when `charts`
    is False (a preview) or when no campaign has data in the two weeks (an empty chart says
    nothing). `competitors`: add "You vs competitors" (the subscription's option)."""
    prepared = prepare(
        services, team_id, slugs, week, charts=charts, note=note, competitors=competitors
    )
    return prepared.drawn([draw(spec.drawing) for spec in prepared.specs])


def _gaps(
    services: Services, team_id: str, today: dt.date, ids: Sequence[int]
) -> list[CampaignGap]:
    """campaign_gaps of the campaigns `ids`: in a digest tick those of the workspace's
    campaigns found once (storage.campaigns.memo) and taken for each digest, in their order
    (the longest gap first)."""
    if not memo.active():
        return campaign_gaps(services, team_id, today, ids)
    every = memo.remembered(
        ("campaign_gaps", team_id, today), partial(campaign_gaps, services, team_id, today)
    )
    wanted = set(ids)
    return [g for g in every if g.campaign.id in wanted]


def prepare(
    services: Services,
    team_id: str,
    slugs: Sequence[str] | None,
    week: Period,
    *,
    charts: bool = True,
    note: str | None = None,
    competitors: bool = False,
) -> Prepared:
    """`build` but for drawing the charts: the digest, its blocks (naming the charts that
    will come) and what to draw."""
    digest, weekly, infos = load(services, team_id, slugs, week)
    specs = digest_chart_specs(weekly, digest, infos) if charts and digest.campaigns else ()
    recs = {c.slug: c for c in scope_campaigns(services, team_id, slugs)}
    # the biggest spenders first, as many as the digest judges (bot.unusual.digest)
    shown = [recs[c.slug] for c in digest.campaigns[:UNUSUAL_CAMPAIGNS] if c.slug in recs]
    unusual = unusual_lines(services.repo, team_id, shown, week.end, digest.locale, digest.currency)
    vs = vs_lines(services, team_id, week.end) if competitors else []
    # data that stopped coming, as of today (the digest goes out after its week)
    zone = services.repo.ensure_workspace(team_id).timezone
    ids = [c.id for c in recs.values()]
    today = services.settings.today_in(zone)
    gaps = _gaps(services, team_id, today, ids) if ids else []
    lines = [gap_line(g, zone, digest.locale, this_year=today.year) for g in gaps]
    own = services.repo.benchmarks(team_id)
    blocks = digest_blocks(
        digest,
        [c.title for c in specs],
        note=note,
        unusual=unusual,
        competitors=vs,
        gaps=lines,
        benchmarks=own,
    )
    late = [g.campaign.slug for g in gaps]
    built = Built(digest, blocks, digest_text(digest), (), headline_blocks(digest, late=late))
    return Prepared(built, specs)
