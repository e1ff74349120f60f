"""`/kpi help`, `/kpi list`, `/kpi settings`."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.blocks.common import context, header, section, sections
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Help, SettingsCmd
from bot.texts import t
from bot.validation import bounded
from kpi.formatting import fmt_date_range
from kpi.i18n import LOCALES
from kpi.money import currency_code
from kpi.registry import REGISTRY
from storage import bounds
from storage.repository import Repository

HELP_TOPICS = ("kpis", "periods", "import", "log", "cost", "targets", "digest", "campaign")


def help_reply(ctx: Ctx, cmd: Help) -> Reply:
    if cmd.topic in ("kpis", "kpi"):
        lines = [
            f"*{ctx.t(f'kpi.{k.name}.label')}* (`{k.name}`"
            + (f", {', '.join(f'`{a}`' for a in k.aliases[:3])}" if k.aliases else "")
            + f") — {ctx.t(f'kpi.{k.name}.help')}"
            for k in REGISTRY.values()
        ]
        blocks = [
            header(ctx.t("help.kpis_title")),
            *sections("\n".join(lines)),
            context(ctx.t("reach.help")),
        ]
        return Reply(blocks, ctx.t("help.kpis_title"))
    if cmd.topic in ("campaign", "campagne", "campaigns", "campagnes"):
        text = ctx.t("campaign.usage")
        return Reply([header(ctx.t("help.title")), *sections(text)], text)
    if cmd.topic is not None and cmd.topic in HELP_TOPICS:
        text = ctx.t(f"help.topic.{cmd.topic}")
        return Reply([header(ctx.t("help.title")), *sections(text)], text)
    blocks = [
        header(ctx.t("help.title")),
        section(ctx.t("help.intro")),
        *sections(ctx.t("help.commands")),
        context(ctx.t("help.more")),
    ]
    return Reply(blocks, ctx.t("help.title"))


def list_reply(ctx: Ctx, repo: Repository) -> Reply:
    everything = repo.list_campaigns(ctx.team_id, archived=True)
    if not everything:
        raise UserError("error.no_campaigns", "example.import")
    campaigns = [c for c in everything if c.archived_at is None]
    archived = [c.slug for c in everything if c.archived_at is not None]
    spans = repo.data_ranges(ctx.team_id)
    lines = []
    for c in campaigns:
        span = spans.get(c.id)
        dates = (
            fmt_date_range(span[0], span[1], ctx.locale, ctx.today.year)
            if span
            else ctx.t("list.no_data")
        )
        name = f" — {c.name}" if c.name and c.name != c.slug else ""
        lines.append(f"• `{c.slug}`{name} · {dates}")
    title = ctx.t("list.title", count=len(campaigns))
    blocks = [header(title), *sections("\n".join(lines)), context(ctx.t("list.hint"))]
    if archived:
        shown = ", ".join(f"`{slug}`" for slug in archived[:20])
        if len(archived) > 20:
            shown += ctx.t("list.and_more", count=len(archived) - 20)
        blocks.append(context(ctx.t("campaign.list_archived", slugs=shown)))
    return Reply(blocks, title, shareable=True)


def settings_reply(ctx: Ctx, repo: Repository, cmd: SettingsCmd) -> Reply:
    if cmd.key is None:
        ws = repo.ensure_workspace(ctx.team_id)
        text = ctx.t(
            "settings.current", locale=ws.locale, currency=ws.currency, timezone=ws.timezone
        )
        return Reply([section(text), context(ctx.t("settings.hint"))], text)
    value = (cmd.value or "").strip()
    if cmd.key in ("locale", "language", "taal"):
        value = value.lower()
        if value not in LOCALES:
            raise UserError("error.settings_locale", "example.settings_locale", value=value)
        repo.update_workspace(ctx.team_id, locale=value)
        return _done(t("settings.locale_set", value))  # in the language just chosen
    if cmd.key in ("currency", "valuta"):
        code = currency_code(value)
        if code is None:
            raise UserError("error.settings_currency", "example.settings_currency", value=value)
        value = code
        # Only the default for data without a currency: campaigns holding money keep theirs.
        repo.update_workspace(ctx.team_id, currency=value)
        return _done(ctx.t("settings.currency_set", value=value))
    if cmd.key in ("timezone", "tijdzone", "tz"):
        with bounded(ctx, "example.settings_timezone"):
            bounds.check_timezone_name(value)
        try:
            ZoneInfo(value)
        # "Europe" is a folder of zones (IsADirectoryError); a long name: OSError too.
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise UserError(
                "error.settings_timezone", "example.settings_timezone", value=value
            ) from exc
        repo.update_workspace(ctx.team_id, timezone=value)
        return _done(ctx.t("settings.timezone_set", value=value))
    raise UserError("error.settings_key", "example.settings_locale", key=cmd.key)


def _done(text: str) -> Reply:
    return Reply([section(f":white_check_mark: {text}")], text)
