"""Slack listeners of the alerts feature: the buttons under an alert (Acknowledge, Snooze
1 day / 7 days, Edit target), the two target modals, and `/kpi target` alone opening the
"Set a target" modal.

The modal needs the slash command's trigger_id, which Ctx does not carry: a `/kpi` listener
whose Bolt matcher accepts exactly `/kpi target` / `/kpi doel` with nothing after it opens
the modal. It is registered before the general `/kpi` listener (`build_app` installs the
features' listeners first), so Bolt tries it first; every other `/kpi` text goes on to the
general listener.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import payloads, responder
from bot.alerts import blocks as alert_blocks
from bot.alerts import modal
from bot.alerts.checker import check_quietly
from bot.alerts.commands import create_target
from bot.alerts.parse import parse_deadline, parse_window
from bot.blocks.common import section
from bot.blocks.errors import error_text
from bot.blocks.mrkdwn import mrkdwn, plain
from bot.context import Ctx, Reply
from bot.dispatch import make_ctx
from bot.errors import StalePayload, TargetRefused, UserError
from bot.render_text import render
from bot.services import Services
from bot.texts import t
from bot.validation import user_error
from kpi.errors import TargetValueError
from kpi.registry import lookup
from kpi.target_smart import parse_target_value
from storage import bounds
from storage.errors import OutOfBounds

log = logging.getLogger(__name__)
MODAL_WORDS = ("target", "doel")
_ALERT_BUTTON = re.compile(r"^alert_(ack|snooze_1d|snooze_7d)$")


def _ctx(services: Services, body: dict[str, Any], channel_id: str | None = None) -> Ctx:
    """The signed request's workspace and user; StalePayload when the body lacks them."""
    found = payloads.who(body)
    return make_ctx(services, found.team_id, user_id=found.user_id, channel_id=channel_id)


def tell_stale(services: Services, client: WebClient, body: dict[str, Any]) -> None:
    """An ephemeral "that button is out of date" to whoever clicked, in their language."""
    try:
        found = payloads.who(body)
    except StalePayload:
        log.warning("a button without a workspace or user was ignored")
        return
    ctx = make_ctx(services, found.team_id, user_id=found.user_id)
    text = ctx.t("action.stale")
    reply = Reply([section(":hourglass: " + text)], text, ok=False)
    url = body.get("response_url")
    if isinstance(url, str) and url:
        message = responder.message(reply)
        message["replace_original"] = False
        responder.send(url, message)
    elif found.channel_id and found.user_id:
        client.chat_postEphemeral(
            channel=found.channel_id, user=found.user_id, text=text, blocks=reply.blocks
        )


def wants_modal(body: dict[str, Any]) -> bool:
    """True for a `/kpi target` (or `/kpi doel`) slash command with nothing after it."""
    return body.get("command") == "/kpi" and body.get("text", "").strip().lower() in MODAL_WORDS


def opens_modal(body: dict[str, Any]) -> bool:
    """The matcher of the modal's listener: `/kpi target` alone, as Slack sends it (with a
    workspace and a trigger_id); anything else goes on to the general `/kpi` listener, which
    answers it plainly."""
    return (
        wants_modal(body)
        and isinstance(body.get("team_id"), str)
        and isinstance(body.get("trigger_id"), str)
    )


def open_new_target_modal(services: Services, body: dict[str, Any], client: WebClient) -> None:
    """The "Set a target" modal, the channel's campaign preselected when there is one."""
    ctx = make_ctx(
        services,
        str(body["team_id"]),
        user_id=body.get("user_id"),
        channel_id=body.get("channel_id"),
        channel_name=body.get("channel_name"),
    )
    campaigns = services.repo.list_campaigns(ctx.team_id)
    here = ctx.channel_name if any(c.slug == ctx.channel_name for c in campaigns) else None
    view = modal.new_target_view(
        ctx.locale, campaigns, channel_id=ctx.channel_id, today=ctx.today, preselect=here
    )
    client.views_open(trigger_id=str(body["trigger_id"]), view=view)


def _update_message(client: WebClient, body: dict[str, Any], line: str) -> None:
    container = body.get("container") or {}
    message = body.get("message") or {}
    client.chat_update(
        channel=str(container.get("channel_id")),
        ts=str(container.get("message_ts")),
        text=message.get("text") or mrkdwn(line),
        blocks=alert_blocks.with_status(message.get("blocks") or [], line),
    )


def on_alert_button(services: Services, body: dict[str, Any], client: WebClient) -> None:
    """Acknowledge: records who and shows it on the message. Snooze: no alerts for this
    target for 1 or 7 days, shown on the message. A tampered or outdated button (a target
    gone, another workspace's, a value kpibot never drew) is answered as out of date."""
    try:
        ctx = _ctx(services, body)
        action, value = payloads.action(body)
        target_id = payloads.row_id(value)
        days = None if action == alert_blocks.ACK else payloads.snooze_days(action, value)
    except StalePayload:
        tell_stale(services, client, body)
        return
    repo = services.targets
    user = ctx.user_id or "?"
    if days is None:
        if repo.acknowledge(ctx.team_id, target_id, user) is None:
            tell_stale(services, client, body)
            return
        line = alert_blocks.acknowledged_line(user, ctx.locale)
    else:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
        if repo.snooze(ctx.team_id, target_id, until) is None:
            tell_stale(services, client, body)
            return
        local = until.astimezone(ZoneInfo(ctx.timezone)).date()
        line = alert_blocks.snoozed_line(user, local, ctx.locale)
    _update_message(client, body, line)


def on_edit_button(services: Services, body: dict[str, Any], client: WebClient) -> None:
    try:
        ctx = _ctx(services, body)
        _action, value = payloads.action(body)
        target = services.targets.get_target(ctx.team_id, payloads.row_id(value))
        trigger = body.get("trigger_id")
        if target is None or not isinstance(trigger, str):
            raise StalePayload("t")
    except StalePayload:
        tell_stale(services, client, body)
        return
    view = modal.edit_target_view(ctx.locale, target, ctx.today)
    client.views_open(trigger_id=trigger, view=view)


def _errors(field: str, text: str) -> dict[str, Any]:
    return {"response_action": "errors", "errors": {field: plain(text.replace("`", ""))[:300]}}


def on_new_submitted(services: Services, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """The "Set a target" form: the same checks as the command; a refusal shows next to the
    field it is about and stores nothing; on success the SMART reply goes to the author."""
    try:
        view = body["view"]
        ctx = _ctx(services, body, payloads.channel_of(payloads.metadata(view)))
    except (KeyError, TypeError, StalePayload):
        ack(**_errors("value", _stale_text(services, body)))
        return
    try:
        reply = create_target(services, ctx, modal.target_args(modal.submitted(view)))
    except StalePayload:
        ack(**_errors("op", ctx.t("action.stale")))
        return
    except OutOfBounds as exc:
        ack(**_errors("value", error_text(user_error(exc, ctx, None), ctx)))
        return
    except UserError as exc:
        ack(**_errors(modal.field_of(exc.key), ctx.t(exc.key, **exc.args_)))
        return
    except TargetRefused as refusal:
        letter, line = refusal.refused[0]
        ack(**_errors(modal.FIELD_OF_LETTER.get(letter, "value"), render([section(line)])))
        return
    ack()
    _tell_author(client, ctx, reply.text, reply.blocks)


def on_edit_submitted(
    services: Services, ack: Ack, body: dict[str, Any], client: WebClient
) -> None:
    """The "Edit target #n" form: a new value, deadline or window; checked again at once."""
    try:
        view = body["view"]
        meta = payloads.metadata(view)
        ctx = _ctx(services, body, payloads.channel_of(meta))
        target_id = payloads.row_id(meta)
    except (KeyError, TypeError, StalePayload):
        # t='abc', t=null, no metadata: an error beside the field closes nothing and hangs
        # nothing; the form says it is out of date.
        ack(**_errors("value", _stale_text(services, body)))
        return
    repo = services.targets
    target = repo.get_target(ctx.team_id, target_id)
    if target is None:
        ack(**_errors("value", ctx.t("targets.not_found", id=target_id)))
        return
    values = modal.submitted(view)
    kpi = lookup(target.kpi)
    try:
        value = parse_target_value(values.get("value", ""), kpi, ctx.locale)
        bounds.check_target_value(value)
        deadline = parse_deadline(values.get("deadline", ""))
        window = parse_window(values.get("window") or "7")
    except TargetValueError as exc:
        ack(**_errors("value", ctx.t(exc.key, **exc.params)))
        return
    except OutOfBounds as exc:
        ack(**_errors("value", error_text(user_error(exc, ctx, None), ctx)))
        return
    except UserError as exc:
        ack(**_errors(modal.field_of(exc.key), ctx.t(exc.key, **exc.args_)))
        return
    if deadline <= ctx.today:
        ack(**_errors("deadline", ctx.t("targets.smart.t.past", deadline=deadline.isoformat())))
        return
    ack()
    updated = repo.update_target(
        ctx.team_id, target.id, value=value, deadline=deadline, window_days=window
    )
    if updated is None:
        return
    text = ctx.t(
        "targets.updated",
        id=target.id,
        kpi=alert_blocks.kpi_label(kpi.name, ctx.locale),
        op=target.op,
        target=values.get("value", ""),
        deadline=deadline.isoformat(),
        window=window,
    )
    _tell_author(client, ctx, text, None)
    check_quietly(services, ctx.team_id, target_id=target.id)


def _stale_text(services: Services, body: dict[str, Any]) -> str:
    """ "That button is out of date" in the clicker's language when the body names a
    workspace, else in English."""
    try:
        return _ctx(services, body).t("action.stale")
    except StalePayload:
        return t("action.stale", "en")


def _tell_author(
    client: WebClient, ctx: Ctx, text: str, blocks: list[dict[str, Any]] | None
) -> None:
    """An ephemeral message to the author in the target's channel (a DM when that fails)."""
    if ctx.user_id is None:
        return
    try:
        if ctx.channel_id:
            client.chat_postEphemeral(
                channel=ctx.channel_id, user=ctx.user_id, text=mrkdwn(text), blocks=blocks
            )
            return
    except Exception:
        log.warning("could not tell %s in %s; sending a DM", ctx.user_id, ctx.channel_id)
    client.chat_postMessage(channel=ctx.user_id, text=mrkdwn(text), blocks=blocks)


def register(app: App, services: Services) -> None:
    @app.command("/kpi", matchers=[opens_modal])
    def target_modal(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        open_new_target_modal(services, body, client)

    @app.action(_ALERT_BUTTON)
    def alert_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        on_alert_button(services, body, client)

    @app.action(alert_blocks.EDIT)
    def edit_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        on_edit_button(services, body, client)

    @app.view(modal.NEW_CALLBACK)
    def new_submitted(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        on_new_submitted(services, ack, body, client)

    @app.view(modal.EDIT_CALLBACK)
    def edit_submitted(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        on_edit_submitted(services, ack, body, client)
