"""`/kpi competitor add|remove …` (`/kpi concurrent toevoegen|verwijder …`) and `/kpi
competitors` (`/kpi concurrenten`). Remove only asks here; its button (bot.competitors.
actions) removes."""

from __future__ import annotations

from bot.blocks.common import context, section
from bot.competitors.blocks import list_reply, observation_line, remove_ask
from bot.competitors.parse import EXAMPLE, read_add
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Sub
from bot.resolve import closest
from bot.services import Services
from storage.competitors.records import CompetitorRec

ADD = ("add", "toevoegen", "voegtoe", "note", "noteer")
REMOVE = ("remove", "delete", "verwijder", "verwijderen")
LIST = ("list", "lijst")


def competitor_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """Route `/kpi competitor <action> …`."""
    args = list(cmd.args)
    action = args[0].lower() if args else ""
    if action in ADD:
        return add(services, ctx, args[1:])
    if action in REMOVE:
        return ask_remove(services, ctx, args[1:])
    if action in LIST:
        return competitors_command(services, ctx, cmd)
    raise UserError("competitor.error.usage", EXAMPLE)


def competitors_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """`/kpi competitors`: every competitor with its latest values per platform."""
    return list_reply(ctx, services.competitors.overview(ctx.team_id))


def add(services: Services, ctx: Ctx, words: list[str]) -> Reply:
    new = read_add(ctx, words)
    services.repo.ensure_workspace(ctx.team_id)
    noted = services.competitors.note(ctx.team_id, new, created_by=ctx.user_id)
    name = noted.competitor.name
    key = "competitor.updated" if noted.replaced else "competitor.noted"
    text = ctx.t(key, name=name, line=observation_line(ctx, noted.observation))
    notes = [ctx.t("competitor.new", name=name)] if noted.created else []
    notes.append(ctx.t("competitor.noted_hint", name=name))
    return Reply([section(":white_check_mark: " + text), context(*notes)], text)


def one_competitor(services: Services, ctx: Ctx, name: str, example: str) -> CompetitorRec:
    """The workspace's competitor by name, else a refusal naming the closest ones."""
    found = services.competitors.find(ctx.team_id, name)
    if found is not None:
        return found
    known = [c.name for c in services.competitors.competitors(ctx.team_id)]
    if not known:
        raise UserError("competitor.error.none_yet", "example.competitor_add", name=name)
    shown = ", ".join(closest(name.lower(), known)[:5])
    raise UserError("competitor.error.unknown", example, name=name, known=shown)


def ask_remove(services: Services, ctx: Ctx, words: list[str]) -> Reply:
    if not words:
        raise UserError("competitor.error.remove_usage", "example.competitor_remove")
    rec = one_competitor(services, ctx, " ".join(words), "example.competitor_remove")
    view = next(
        (v for v in services.competitors.overview(ctx.team_id) if v.competitor.id == rec.id),
        None,
    )
    return remove_ask(ctx, rec, view)


def done(text: str) -> Reply:
    return Reply([section(text)], text)
