"""`/kpi settings delete-data`: everything kpibot stores about a workspace removed, by a
workspace admin or owner (users.info), after a button confirms it.

The question counts what goes; the button carries only the workspace id. A click is
checked again: the workspace must be the one the request is signed for and the person who
clicked must be an admin or owner too. Then, with many workspaces (OAuth), kpibot
uninstalls itself (apps.uninstall, so Slack stops sending and the tokens die) and deletes
everything in one transaction (storage.installations.delete_workspace)."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot import responder
from bot.blocks.common import actions, button, section
from bot.blocks.mrkdwn import mention
from bot.context import Ctx, Reply
from bot.dispatch import make_ctx
from bot.errors import NoBotToken, UserError
from bot.payloads import who
from bot.services import Services
from storage.installations import Removed

log = logging.getLogger(__name__)

#: `/kpi settings <word>` that asks for the deletion (English and Dutch)
WORDS = frozenset({"delete-data", "verwijder-gegevens", "gegevens-verwijderen"})
CONFIRM = "workspace_delete_confirm"
CANCEL = "workspace_delete_cancel"


def is_admin(services: Services, team_id: str, user_id: str | None) -> bool:
    """users.info of `user_id` in `team_id` says admin, owner or primary owner."""
    if not user_id or user_id == "cli":
        return False
    try:
        answer = services.clients.client_for(team_id).users_info(user=user_id)
    except (NoBotToken, SlackApiError) as exc:
        log.warning("users.info for %s in %s failed: %s", user_id, team_id, exc)
        return False
    user = answer.get("user") or {}
    if user.get("team_id") not in (None, team_id):
        return False
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def _counts(removed: Removed) -> dict[str, int]:
    return {
        "campaigns": removed.campaigns,
        "rows": removed.metric_rows,
        "costs": removed.costs,
        "targets": removed.targets,
        "alerts": removed.alerts,
        "subscriptions": removed.subscriptions,
    }


def ask(services: Services, ctx: Ctx) -> Reply:
    """The question with its buttons, for an admin or owner; refused for anyone else."""
    if ctx.user_id in (None, "cli"):
        raise UserError("workspace.delete.not_in_slack", None)
    if not is_admin(services, ctx.team_id, ctx.user_id):
        raise UserError("workspace.delete.not_admin", None)
    counts = _counts(services.clients.installs.footprint(ctx.team_id))
    text = ctx.t("workspace.delete.ask", **counts)
    value = {"t": ctx.team_id}
    buttons = actions(
        button(ctx.t("workspace.delete.button"), CONFIRM, value, "danger"),
        button(ctx.t("workspace.delete.cancel"), CANCEL, {"a": "cancel"}),
    )
    return Reply([section(text), buttons], text)


def confirm(services: Services, ctx: Ctx, value: object) -> Reply:
    """Delete everything, if the button is this workspace's and the clicker may."""
    if not isinstance(value, dict) or value.get("t") != ctx.team_id:
        text = ctx.t("campaign.stale")
        return Reply([section(":hourglass: " + text)], text, ok=False)
    if not is_admin(services, ctx.team_id, ctx.user_id):
        text = ctx.t("workspace.delete.not_admin")
        return Reply([section(":no_entry: " + text)], text, ok=False)
    uninstalled = _uninstall(services, ctx.team_id)
    removed = services.clients.installs.delete_workspace(ctx.team_id)
    log.info("workspace %s: all data deleted by %s: %s", ctx.team_id, ctx.user_id, removed)
    user = mention(ctx.user_id) if ctx.user_id else "kpibot"
    text = ctx.t("workspace.delete.done", user=user, **_counts(removed))
    lines = [text]
    if uninstalled:
        lines.append(ctx.t("workspace.delete.uninstalled"))
    return Reply([section("\n".join(lines))], text)


def _uninstall(services: Services, team_id: str) -> bool:
    """With many workspaces (OAuth): apps.uninstall with the workspace's token, so Slack
    forgets the install too. One workspace (SLACK_BOT_TOKEN): the app stays installed."""
    settings = services.settings
    if not (settings.oauth and settings.client_id and settings.client_secret):
        return False
    try:
        client = services.clients.client_for(team_id)
        client.apps_uninstall(client_id=settings.client_id, client_secret=settings.client_secret)
    except (NoBotToken, SlackApiError) as exc:
        log.warning("apps.uninstall for %s failed (data deleted anyway): %s", team_id, exc)
    services.clients.uninstalled(team_id)
    return True


def _clicked(body: dict[str, Any]) -> object:
    found = (body.get("actions") or [{}])[0].get("value")
    try:
        return json.loads(found) if isinstance(found, str) and len(found) < 200 else None
    except ValueError:
        return None


def _reply(services: Services, body: dict[str, Any], cancel: bool) -> None:
    url = body.get("response_url")
    try:
        by = who(body)
    except ValueError:
        return
    if not isinstance(url, str):
        return
    ctx = make_ctx(services, by.team_id, user_id=by.user_id, channel_id=by.channel_id)
    if cancel:
        text = ctx.t("workspace.delete.cancelled")
        reply = Reply([section(text)], text)
    else:
        reply = confirm(services, ctx, _clicked(body))
    message = responder.message(reply)
    message["replace_original"] = True
    responder.send(url, message)


def register(app: App, services: Services) -> None:
    @app.action(CONFIRM)
    def on_confirm(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, cancel=False)

    @app.action(CANCEL)
    def on_cancel(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        _reply(services, body, cancel=True)
