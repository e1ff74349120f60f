"""`/kpi campaign …` (`/kpi campagne …`): show, rename, merge, archive, unarchive, delete,
goal, budget. Delete and merge only ask here; the button (bot/campaigns/actions.py) does it."""

from __future__ import annotations

import datetime as dt

from bot.blocks.common import context, header, section, sections
from bot.campaigns.blocks import delete_ask, footprint_lines, is_slug, merge_ask
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Sub
from bot.numbers import parse_number
from bot.resolve import one_campaign
from bot.services import Services
from kpi.bounds import MIN_DAY
from kpi.counters import GOALS
from kpi.formatting import fmt_date, fmt_date_range, fmt_money
from storage.campaigns.records import CampaignRec
from storage.errors import CampaignExists

ACTIONS = {
    "rename": "rename",
    "hernoem": "rename",
    "hernoemen": "rename",
    "merge": "merge",
    "samenvoegen": "merge",
    "archive": "archive",
    "archiveer": "archive",
    "archiveren": "archive",
    "unarchive": "unarchive",
    "restore": "unarchive",
    "dearchiveer": "unarchive",
    "dearchiveren": "unarchive",
    "herstel": "unarchive",
    "delete": "delete",
    "remove": "delete",
    "verwijder": "delete",
    "verwijderen": "delete",
    "goal": "goal",
    "doel": "goal",
    "budget": "budget",
}
EXAMPLES = {
    "rename": "example.campaign",
    "merge": "example.campaign_merge",
    "archive": "example.campaign_delete",
    "unarchive": "example.campaign_delete",
    "delete": "example.campaign_delete",
    "goal": "example.campaign_goal",
    "budget": "example.campaign_budget",
}
GOAL_WORDS = {
    **{g: g for g in GOALS},
    "bekendheid": "awareness",
    "naamsbekendheid": "awareness",
    "betrokkenheid": "engagement",
    "conversie": "conversion",
    "conversies": "conversion",
    "conversions": "conversion",
    "klantenservice": "service",
}
NONE_WORDS = ("none", "geen", "-")
INTO_WORDS = ("into", "in", "met", "naar", "with")


def campaign_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    args = list(cmd.args)
    if not args:
        text = ctx.t("campaign.usage")
        return Reply(sections(text), text)
    action = ACTIONS.get(args[0].lower())
    if action is None:
        if len(args) == 1:
            return _show(services, ctx, one_campaign(ctx, services.repo, args[0]))
        raise UserError("error.campaign_action", "example.campaign", word=args[0])
    rest = args[1:]
    if action == "merge":
        rest = [w for w in rest if w.lower() not in INTO_WORDS]
    wanted = {"rename": (2, 3), "merge": (2, 2), "goal": (2, 2), "budget": (2, 4)}
    low, high = wanted.get(action, (1, 1))
    if len(rest) < low:
        raise UserError(f"error.campaign_needs.{action}", EXAMPLES[action])
    if len(rest) > high:
        raise UserError("error.campaign_extra", EXAMPLES[action], word=rest[high])
    rec = one_campaign(ctx, services.repo, rest[0])
    match action:
        case "rename":
            return _rename(services, ctx, rec, rest[1], rest[2] if len(rest) > 2 else None)
        case "merge":
            into = one_campaign(ctx, services.repo, rest[1])
            if into.id == rec.id:
                raise UserError("error.campaign_same", "example.campaign_merge", slug=rec.slug)
            return merge_ask(ctx, rec, into, services.repo.footprint(ctx.team_id, rec.id, into.id))
        case "delete":
            return delete_ask(ctx, rec, services.repo.footprint(ctx.team_id, rec.id))
        case "archive" | "unarchive":
            return _archive(services, ctx, rec, action == "archive")
        case "goal":
            return _goal(services, ctx, rec, rest[1])
        case _:
            return _budget(services, ctx, rec, rest[1:])


def _done(text: str, *more: str) -> Reply:
    blocks = [section(":white_check_mark: " + text)]
    if more:
        blocks.append(context(*more))
    return Reply(blocks, text)


def _rename(services: Services, ctx: Ctx, rec: CampaignRec, new: str, name: str | None) -> Reply:
    slug = new.lower()
    if not is_slug(slug):
        raise UserError("error.campaign_slug", "example.campaign", slug=new)
    if slug == rec.slug and name is None:
        return _done(ctx.t("campaign.renamed_same", slug=slug))
    try:
        old, _ = services.repo.rename_campaign(ctx.team_id, rec.id, slug, name)
    except CampaignExists as exc:
        raise UserError("error.campaign_taken", "example.campaign_merge", slug=slug) from exc
    return _done(ctx.t("campaign.renamed", old=old, new=slug))


def _archive(services: Services, ctx: Ctx, rec: CampaignRec, archive: bool) -> Reply:
    changed = services.repo.archive_campaign(ctx.team_id, rec.id, archive)
    if archive and changed:
        hint = ctx.t("campaign.archived_hint", slug=rec.slug)
        return _done(ctx.t("campaign.archived", slug=rec.slug), hint)
    if archive:
        return _done(ctx.t("campaign.already_archived", slug=rec.slug))
    key = "campaign.unarchived" if changed else "campaign.not_archived"
    return _done(ctx.t(key, slug=rec.slug))


def goal_label(ctx: Ctx, goal: str | None) -> str:
    return ctx.t(f"campaign.goal.{goal}") if goal else ctx.t("campaign.none")


def _goal(services: Services, ctx: Ctx, rec: CampaignRec, word: str) -> Reply:
    if word.lower() in NONE_WORDS:
        services.repo.update_campaign(ctx.team_id, rec.slug, goal=None)
        return _done(ctx.t("campaign.goal_cleared", slug=rec.slug))
    goal = GOAL_WORDS.get(word.lower())
    if goal is None:
        goals = ", ".join(f"`{goal_label(ctx, g)}`" for g in GOALS)
        raise UserError("error.campaign_goal", "example.campaign_goal", goal=word, goals=goals)
    services.repo.update_campaign(ctx.team_id, rec.slug, goal=goal)
    return _done(ctx.t("campaign.goal_set", slug=rec.slug, goal=goal_label(ctx, goal)))


def _currency(ctx: Ctx, rec: CampaignRec) -> str:
    return rec.currency or ctx.currency


def _budget(services: Services, ctx: Ctx, rec: CampaignRec, words: list[str]) -> Reply:
    raw = words[0]
    if raw.lower() in NONE_WORDS and len(words) == 1:
        services.repo.update_campaign(
            ctx.team_id, rec.slug, budget=None, start_date=None, end_date=None
        )
        return _done(ctx.t("campaign.budget_cleared", slug=rec.slug))
    try:
        amount = parse_number(raw, ctx.locale)
    except ValueError as exc:
        raise UserError("error.campaign_budget", "example.campaign_budget", value=raw) from exc
    if amount < 0 or amount >= 1e13:
        raise UserError("error.campaign_budget", "example.campaign_budget", value=raw)
    dates = []
    for word in words[1:]:
        try:
            dates.append(dt.date.fromisoformat(word))
        except ValueError as exc:
            raise UserError(
                "error.campaign_budget_dates", "example.campaign_budget", value=word
            ) from exc
        if dates[-1] < MIN_DAY:  # the same first day every way in keeps (0001-01-01: a slip)
            raise UserError("error.campaign_budget_dates", "example.campaign_budget", value=word)
    if len(dates) == 1:
        raise UserError("error.campaign_needs.budget", "example.campaign_budget")
    money = fmt_money(amount, _currency(ctx, rec), ctx.locale)
    if not dates:
        services.repo.update_campaign(ctx.team_id, rec.slug, budget=amount)
        return _done(ctx.t("campaign.budget_set", slug=rec.slug, amount=money))
    start, end = dates
    if end < start:
        raise UserError(
            "error.campaign_budget_order",
            "example.campaign_budget",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    services.repo.update_campaign(
        ctx.team_id, rec.slug, budget=amount, start_date=start, end_date=end
    )
    text = ctx.t(
        "campaign.budget_set_dates",
        slug=rec.slug,
        amount=money,
        start=fmt_date(start, ctx.locale),
        end=fmt_date(end, ctx.locale),
    )
    return _done(text)


def _show(services: Services, ctx: Ctx, rec: CampaignRec) -> Reply:
    fp = services.repo.footprint(ctx.team_id, rec.id)
    lines = []
    if rec.name != rec.slug:
        lines.append(ctx.t("campaign.show.name", name=rec.name))
    lines.append(ctx.t("campaign.show.goal", goal=goal_label(ctx, rec.goal)))
    budget = (
        fmt_money(rec.budget, _currency(ctx, rec), ctx.locale)
        if rec.budget is not None
        else ctx.t("campaign.none")
    )
    if rec.budget is not None and rec.start_date and rec.end_date:
        dates = fmt_date_range(rec.start_date, rec.end_date, ctx.locale, ctx.today.year)
        lines.append(ctx.t("campaign.show.budget_dates", budget=budget, dates=dates))
    else:
        lines.append(ctx.t("campaign.show.budget", budget=budget))
    title = ctx.t("campaign.show.title", slug=rec.slug)
    blocks = [header(title), section("\n".join(lines))]
    if rec.archived_at is not None:
        blocks.append(section(ctx.t("campaign.show.archived", slug=rec.slug)))
    holds = ctx.t("campaign.show.holds") + "\n" + "\n".join(footprint_lines(ctx, fp))
    blocks += [section(holds), context(ctx.t("campaign.show.hint", slug=rec.slug))]
    return Reply(blocks, title)
