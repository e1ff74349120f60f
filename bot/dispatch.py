"""One entry for every `/kpi` text, shared by Slack and `kpibot ask`: parse, run, reply.

The words and the handlers come from the instance's feature table (`services.features`),
so Slack and the terminal answer the same commands the same way."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.blocks.errors import crash_blocks, error_blocks, error_text
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.feature import Features
from bot.grammar import (
    Command,
    Compare,
    Help,
    KpiQuery,
    ListCampaigns,
    Report,
    SettingsCmd,
    Sub,
    parse,
)
from bot.resolve import ALL_WORDS, find_campaign
from bot.services import Services
from bot.validation import check_command_text, user_error
from kpi.periods import looks_like_period
from kpi.registry import UnknownKpi, lookup
from storage.errors import OutOfBounds

log = logging.getLogger(__name__)

#: The most words a campaign name typed without quotes may have.
MAX_NAME_WORDS = 6


def kpi_words(words: list[str]) -> int:
    """How many leading words name a KPI ("engagement rate" is two); 0 when none do."""
    for n in (3, 2, 1):
        if len(words) >= n:
            try:
                lookup(" ".join(words[:n]))
            except UnknownKpi:
                continue
            return n
    return 0


def make_ctx(
    services: Services,
    team_id: str,
    *,
    user_id: str | None = None,
    channel_id: str | None = None,
    channel_name: str | None = None,
    team_name: str | None = None,
) -> Ctx:
    ws = services.repo.ensure_workspace(team_id, team_name)
    return Ctx(
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        channel_name=channel_name,
        locale=ws.locale,
        currency=ws.currency,
        timezone=ws.timezone,
        today=services.settings.today_in(ws.timezone),
    )


def changes_state(text: str, table: Features) -> bool:
    """True when `/kpi <text>` may write (log, cost, settings, target, digest ...): such a
    command is acted on once per Slack trigger_id. Questions, reports, the commands the
    features declare read-only and text we do not understand only read."""
    try:
        cmd = parse(text, keywords=table.keywords, is_kpi=kpi_words, is_period=looks_like_period)
    except UserError:
        return False
    match cmd:
        case Help() | ListCampaigns() | KpiQuery() | Report() | Compare():
            return False
        case SettingsCmd():
            return cmd.key is not None
        case Sub():
            return cmd.name not in table.read_only
    return True


def answer(services: Services, ctx: Ctx, text: str) -> Reply:
    """The reply to `/kpi <text>`. User mistakes become friendly replies; anything else is
    logged with its traceback and answered plainly, never with a stack or SQL."""
    try:
        try:
            check_command_text(text)
            try:
                return _route(services, ctx, text)
            except OutOfBounds as exc:  # a repository's own check: the same bounds
                raise user_error(exc, ctx, "example.kpi") from exc
        except UserError as exc:
            return Reply(error_blocks(exc, ctx), error_text(exc, ctx), ok=False)
    except Exception:
        log.exception("/kpi %r failed for team %s", text, ctx.team_id)
        return Reply(crash_blocks(ctx), ctx.t("error.internal"), ok=False)


def campaign_words(services: Services, ctx: Ctx) -> Callable[[list[str]], int]:
    """How many leading words name a campaign of the workspace — by slug, display name or
    the slug of the words ("Summer Sale" → summer-sale) — longest first; 0 when none do."""

    def count(words: list[str]) -> int:
        for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
            name = " ".join(words[:n])
            if name.lower() in ALL_WORDS or find_campaign(services.repo, ctx.team_id, name):
                return n
        return 0

    return count


def read_command(services: Services, text: str, ctx: Ctx | None = None) -> Command:
    """The command value of `/kpi <text>` with this instance's words (raises UserError);
    with `ctx`, campaign names of several words are read against its workspace."""
    keywords = services.features.keywords
    if ctx is None:
        return parse(text, keywords=keywords, is_kpi=kpi_words, is_period=looks_like_period)
    return parse(
        text,
        keywords=keywords,
        is_kpi=kpi_words,
        is_period=looks_like_period,
        campaign_words=campaign_words(services, ctx),
    )


def _route(services: Services, ctx: Ctx, text: str) -> Reply:
    table = services.features
    cmd = read_command(services, text, ctx)
    handler = table.commands.get(cmd.name)
    if handler is None:
        raise UserError("error.not_available", "example.kpi", name=cmd.name)
    return handler(services, ctx.answering(text, cmd.name), cmd)
