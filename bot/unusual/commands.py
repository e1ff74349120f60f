"""`/kpi watch <campaign|all> <kpi>`, `/kpi unwatch <campaign|all> <kpi>`, `/kpi watches`:
alerts in this channel when a campaign's KPI leaves its usual range (bot.unusual.watch_check)."""

from __future__ import annotations

from bot.blocks.common import context, fit, header, section, sections
from bot.blocks.mrkdwn import channel_link
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Sub
from bot.resolve import ALL_WORDS, campaigns_for, kpi_named, one_campaign
from bot.services import Services
from bot.unusual.judging import verdict_for
from bot.unusual.lines import unusual_line
from kpi.errors import UnknownKpi
from kpi.metric import Kpi
from kpi.registry import lookup
from storage.campaigns.records import CampaignRec


def _kpi_split(words: tuple[str, ...]) -> tuple[Kpi, str | None]:
    """The KPI and the campaign words of ``campaign kpi`` or ``kpi campaign`` (the
    campaign may be left out in its channel)."""
    for i in range(len(words)):  # campaign first: the shortest campaign that leaves a KPI
        try:
            return lookup(" ".join(words[i:])), " ".join(words[:i]) or None
        except UnknownKpi:
            continue
    for j in range(len(words) - 1, 0, -1):  # the KPI first
        try:
            return lookup(" ".join(words[:j])), " ".join(words[j:])
        except UnknownKpi:
            continue
    if not words:
        raise UserError("watch.error.usage", "example.watch")
    return kpi_named(words[-1], "example.watch"), None  # refuses, naming the closest KPIs


def _scope(services: Services, ctx: Ctx, cmd: Sub) -> tuple[Kpi, CampaignRec | None, str]:
    kpi, word = _kpi_split(cmd.args)
    if word is not None and word.lower() in ALL_WORDS:
        return kpi, None, ctx.t("targets.all_campaigns")
    if word is None:
        found = campaigns_for(ctx, services.repo, None)  # the channel's campaign
        if found is None or len(found) != 1:
            raise UserError("watch.error.usage", "example.watch")
        return kpi, found[0], found[0].slug
    campaign = one_campaign(ctx, services.repo, word)
    return kpi, campaign, campaign.slug


def _current(services: Services, ctx: Ctx, kpi: Kpi, campaign: CampaignRec | None) -> str | None:
    """The KPI's last day judged now, for the reply; None without data."""
    ids = None if campaign is None else [campaign.id]
    span = services.repo.data_range(ctx.team_id, ids)
    if span is None:
        return None
    day = min(span[1], ctx.today)
    ltv = campaign.ltv_per_customer if campaign else None
    verdict = verdict_for(services.repo, ctx.team_id, kpi, ids, day, ltv=ltv)
    currency = (campaign.currency if campaign else None) or ctx.currency
    return unusual_line(kpi, verdict, ctx.locale, currency)


def watch_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi watch campaign-x cpa`: watch it in this channel."""
    kpi, campaign, scope = _scope(services, ctx, cmd)
    if not ctx.channel_id:
        raise UserError("watch.error.channel", None)
    label = ctx.t(f"kpi.{kpi.name}.label")
    watch = services.targets.add_watch(
        ctx.team_id,
        campaign_id=campaign.id if campaign else None,
        kpi=kpi.name,
        channel_id=ctx.channel_id,
        created_by=ctx.user_id,
    )
    if watch is None:
        text = ctx.t("watch.already", kpi=label, campaign=scope)
        return Reply([section(text)], text)
    text = ctx.t("watch.set", kpi=label, campaign=scope)
    blocks = [section(text)]
    now = _current(services, ctx, kpi, campaign)
    if now:
        blocks.append(context(now))
    return Reply(blocks, text)


def unwatch_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi unwatch campaign-x cpa`: stop watching it in this channel."""
    kpi, campaign, scope = _scope(services, ctx, cmd)
    label = ctx.t(f"kpi.{kpi.name}.label")
    repo = services.targets
    watch = repo.find_watch(
        ctx.team_id, campaign.id if campaign else None, kpi.name, ctx.channel_id or None
    )
    if watch is None:
        raise UserError("watch.not_watched", "example.watch", kpi=label, campaign=scope)
    repo.delete_target(ctx.team_id, watch.id)
    text = ctx.t("watch.removed", kpi=label, campaign=scope)
    return Reply([section(text)], text)


def watches_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi watches`: every watch of the workspace, with its channel and state."""
    watches = services.targets.list_targets(ctx.team_id, kind="watch")
    title = ctx.t("watch.list.title")
    if not watches:
        return Reply([header(title), section(ctx.t("watch.list.empty"))], title)
    slugs = {c.id: c.slug for c in services.repo.list_campaigns(ctx.team_id)}
    rows = []
    for watch in watches:
        scope = slugs.get(watch.campaign_id or 0) or ctx.t("targets.all_campaigns")
        rows.append(
            ctx.t(
                "watch.list.row",
                kpi=ctx.t(f"kpi.{lookup(watch.kpi).name}.label"),
                campaign=scope,
                channel=channel_link(watch.channel_id),
                state=ctx.t(f"watch.state.{watch.state}"),
            )
        )
    return Reply(fit([header(title), *sections("\n".join(rows))]), title)
