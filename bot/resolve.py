"""Turning the words a user typed into campaigns and periods, or a helpful refusal."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from typing import Literal

from bot.context import Ctx
from bot.errors import GrammarError, UserError
from bot.grammar import tokenize
from kpi.bounds import MIN_DAY
from kpi.errors import PeriodError, PeriodOutOfRange
from kpi.formatting import fmt_date
from kpi.periods import (
    Comparison,
    Period,
    campaign_to_date,
    like_for_like,
    parse_period,
)
from kpi.registry import Kpi, UnknownKpi, lookup
from storage.campaigns.naming import slugify
from storage.campaigns.records import CampaignRec
from storage.repository import Repository

ALL_WORDS = ("all", "alle", "*")

#: The example a refusal shows, by the command typed (Ctx.command): the next command for
#: what the user was doing, not a KPI question when they were setting a target.
EXAMPLES = {
    "kpi": "example.kpi",
    "report": "example.report",
    "compare": "example.compare",
    "log": "example.log",
    "cost": "example.cost",
    "target": "example.target",
    "targets": "example.targets",
    "alerts": "example.alerts",
    "campaign": "example.campaign",
    "digest": "digest.example",
    "watch": "example.watch",
    "unwatch": "example.watch",
    "watches": "example.watch",
}


def example_for(ctx: Ctx) -> str:
    """The example key for the command `ctx` answers (a KPI question's when unknown)."""
    return EXAMPLES.get(ctx.command, "example.kpi")


def _quoted(word: str) -> str:
    return f'"{word}"' if any(c.isspace() for c in word) else word


def retyped(typed: str, word: str, name: str) -> str | None:
    """`typed` with the words `word` replaced by `name` ("campaign rename summer-sael x" →
    "campaign rename summer-sale x"): the command the user meant. None when `word` is not
    among the words typed."""
    try:
        words = tokenize(typed)
    except GrammarError:
        return None
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if " ".join(words[start:end]) == word:
                kept = [*words[:start], name, *words[end:]]
                return " ".join(_quoted(w) for w in kept)
    return None


def closest(word: str, names: Sequence[str]) -> list[str]:
    """Every name, the closest to `word` first."""
    word = word.lower()
    return sorted(names, key=lambda n: -difflib.SequenceMatcher(None, word, n.lower()).ratio())


def kpi_named(word: str, example: str = "example.kpi") -> Kpi:
    """The KPI a word names, or a refusal that suggests the closest KPIs."""
    try:
        return lookup(word)
    except UnknownKpi as exc:
        suggestions = ", ".join(exc.suggestions[:5])
        raise UserError("error.unknown_kpi", example, word=word, suggestions=suggestions) from exc


def campaigns_for(ctx: Ctx, repo: Repository, word: str | None) -> list[CampaignRec] | None:
    """The campaigns a command is about; None means every campaign of the workspace.

    No word: the campaign whose slug is the channel's name. Unknown: a refusal that lists
    the known campaigns, closest first.
    """
    if word is not None and word.lower() in ALL_WORDS:
        if not repo.list_campaigns(ctx.team_id):
            raise UserError("error.no_campaigns", "example.import")
        return None
    if word is None:
        if ctx.channel_name:
            found = find_campaign(repo, ctx.team_id, ctx.channel_name)
            if found is not None:
                return [found]
        raise UserError("error.campaign_missing", example_for(ctx))
    return [one_campaign(ctx, repo, word)]


def find_campaign(repo: Repository, team_id: str, word: str) -> CampaignRec | None:
    """The campaign a name as typed means: its slug, its display name, or the slug those
    words make ("Summer Sale", "summer sale" → summer-sale); None when none matches."""
    found = repo.find_campaign(team_id, word)
    if found is None:
        slug = slugify(word)
        if slug and slug != word.strip().lower():
            found = repo.find_campaign(team_id, slug)
    return found


def one_campaign(ctx: Ctx, repo: Repository, word: str) -> CampaignRec:
    found = find_campaign(repo, ctx.team_id, word)
    if found is not None:
        return found
    known = [c.slug for c in repo.list_campaigns(ctx.team_id)]
    if not known:
        raise UserError("error.no_campaigns_named", "example.import", name=word)
    ranked = closest(word, known)
    shown = ", ".join(f"`{slug}`" for slug in ranked[:10])
    if len(ranked) > 10:
        shown += ctx.t("list.and_more", count=len(ranked) - 10)
    # the command typed, with the closest name in place of the unknown one
    command = retyped(ctx.typed, word, ranked[0]) or f"roi {ranked[0]}"
    raise UserError("error.unknown_campaign", None, name=word, known=shown, command=command)


def ids_of(campaigns: list[CampaignRec] | None) -> list[int] | None:
    return None if campaigns is None else [c.id for c in campaigns]


def period_for(
    ctx: Ctx,
    repo: Repository,
    campaigns: list[CampaignRec] | None,
    text: str | None,
    span: tuple[dt.date, dt.date] | None | Literal["ask"] = "ask",
) -> Period:
    """The period typed, or the campaign to date (first to last day with data). Pass the
    data's `span` when the caller already has it."""
    if text:
        try:
            return parse_period(text, ctx.today)
        except PeriodOutOfRange as exc:
            first, last = fmt_date(MIN_DAY, ctx.locale), fmt_date(ctx.today, ctx.locale)
            raise UserError(
                "bounds.period_range", "example.period", text=text, first=first, last=last
            ) from exc
        except PeriodError as exc:
            raise UserError("error.period", "example.period", text=text) from exc
    if span == "ask":
        span = repo.data_range(ctx.team_id, ids_of(campaigns))
    if span is None:
        raise UserError("error.no_data", "example.import", name=label_of(campaigns, ctx))
    # Rows stored before the bounds (a day 0001-01-01) must not break every reply.
    first_day = max(span[0], MIN_DAY)
    return campaign_to_date(first_day, max(ctx.today, first_day))


def comparison_for(
    ctx: Ctx,
    repo: Repository,
    campaigns: list[CampaignRec] | None,
    text: str | None,
    span: tuple[dt.date, dt.date] | None | Literal["ask"] = "ask",
) -> Comparison:
    """The period typed (or to date) and what it is compared with, like for like."""
    if span == "ask":
        span = repo.data_range(ctx.team_id, ids_of(campaigns))
    period = period_for(ctx, repo, campaigns, text, span)
    return like_for_like(period, ctx.today, span[1] if span else None)


def label_of(campaigns: list[CampaignRec] | None, ctx: Ctx) -> str:
    if campaigns is None:
        return ctx.t("label.all_campaigns")
    return ", ".join(c.slug for c in campaigns)
