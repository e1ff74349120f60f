"""`/kpi connections`, `/kpi disconnect <platform> [account]` (admins only), `/kpi sync
[platform]` and `/kpi connect` without a form (from `kpibot ask`, or no platform named).
`/kpi connect <platform>` typed in Slack opens the form instead (bot.sync.actions)."""

from __future__ import annotations

import functools
import logging

from bot.blocks.common import header, section
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import Sub
from bot.services import Services
from bot.sync import texts
from bot.sync.progress import in_background, sync_and_tell
from bot.sync.runner import sync_connection
from bot.sync.sources import PLATFORMS
from storage.connections import ConnectionRec

log = logging.getLogger(__name__)
EXAMPLE = "sync.example"


def connections_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    found = services.connections.of_team(ctx.team_id)
    title = ctx.t("sync.list_title")
    if not found:
        return Reply([header(title), section(ctx.t("sync.none"))], title)
    lines = [texts.connection_line(c, ctx.timezone, ctx.locale) for c in found]
    return Reply([header(title), *(section(line) for line in lines[:45])], title)


def _platform(ctx: Ctx, word: str | None) -> str | None:
    if word is None:
        return None
    if word.lower() not in PLATFORMS:
        raise UserError("sync.error.unknown_platform", EXAMPLE, platform=word[:30])
    return word.lower()


def connect_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    _platform(ctx, cmd.args[0] if cmd.args else None)
    text = ctx.t("sync.connect_usage")
    return Reply([section(text)], text)


def _is_admin(services: Services, ctx: Ctx) -> bool:
    """Workspace admins and owners (users.info); `kpibot ask` runs as the operator."""
    if ctx.user_id == "cli":
        return True
    client = services.clients.client_or_none(ctx.team_id)
    if client is None or not ctx.user_id:
        return False
    try:
        user = client.users_info(user=ctx.user_id)["user"]
    except Exception:
        log.warning("users.info for %s failed; not treated as an admin", ctx.user_id)
        return False
    return bool(user.get("is_admin") or user.get("is_owner"))


def _pick(services: Services, ctx: Ctx, args: tuple[str, ...]) -> ConnectionRec:
    platform = _platform(ctx, args[0] if args else None)
    found = services.connections.of_team(ctx.team_id, platform)
    if len(args) > 1:
        wanted = args[1].strip()
        found = [c for c in found if wanted in (c.account_id, c.account_id.removeprefix("act_"))]
    if len(found) != 1:
        raise UserError("sync.not_found", EXAMPLE, which=" ".join(args)[:60] or "?")
    return found[0]


def disconnect_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    if not _is_admin(services, ctx):
        raise UserError("sync.admins_only", None)
    conn = _pick(services, ctx, cmd.args)
    services.connections.remove(ctx.team_id, conn.id)
    text = ctx.t("sync.disconnected", platform=texts.label(conn.platform), account=conn.account_id)
    return Reply([section(text)], text)


def sync_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """Starts a sync of each connection (of the platform named) beside the request; each
    tells its channel as it goes. From `kpibot ask` the syncs run before the answer."""
    platform = _platform(ctx, cmd.args[0] if cmd.args else None)
    found = [c for c in services.connections.of_team(ctx.team_id, platform) if not c.stopped]
    if not found:
        stopped = services.connections.of_team(ctx.team_id, platform)
        if stopped:
            lines = [texts.connection_line(c, ctx.timezone, ctx.locale) for c in stopped]
            return Reply([section("\n".join(lines))], lines[0], ok=False)
        return Reply([section(ctx.t("sync.none"))], ctx.t("sync.none"), ok=False)
    if ctx.user_id == "cli":  # `kpibot ask "sync"`: the terminal waits for the answer
        reports = [sync_connection(services, conn) for conn in found]
        lines = [line for report in reports for line in texts.report_lines(report, ctx.locale)]
        return Reply([section("\n".join(lines))], lines[0], ok=all(r.ok for r in reports))
    for conn in found:
        run = functools.partial(sync_and_tell, services, conn, channel=ctx.channel_id)
        in_background(run, f"kpibot-sync-{conn.id}")
    names = ", ".join(f"{texts.label(c.platform)} {c.account_name or c.account_id}" for c in found)
    text = ctx.t("sync.requested", names=names)
    return Reply([section(text)], text)
