"""Slack listeners of the alerts feature: the buttons under an alert (Acknowledge, Snooze
1 day / 7 days, Edit target), the two target modals, and `/kpi target` alone opening the
"Set a target" modal.

The modal needs the slash command's trigger_id, which Ctx does not carry; a global
middleware (registered after Bolt's signature check) catches exactly `/kpi target` /
`/kpi doel` with nothing after it, opens the modal and answers Slack itself; every other
request passes on to the `/kpi` listener untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltResponse
from slack_sdk import WebClient

from bot.alerts import blocks as alert_blocks
from bot.alerts import modal
from bot.alerts.checker import check_quietly
from bot.alerts.commands import TargetRefused, create_target
from bot.alerts.data import targets_repo
from bot.alerts.parse import parse_deadline, parse_window
from bot.blocks.common import section
from bot.blocks.mrkdwn import mrkdwn, plain
from bot.context import Ctx
from bot.dispatch import make_ctx
from bot.errors import UserError
from bot.render_text import render
from bot.services import Services
from kpi.registry import lookup
from kpi.target_smart import TargetValueError, parse_target_value

log = logging.getLogger(__name__)
MODAL_WORDS = ("target", "doel")
_ALERT_BUTTON = re.compile(r"^alert_(ack|snooze_1d|snooze_7d)$")


def _ctx(services: Services, body: dict, channel_id: str | None = None) -> Ctx:
    team = body.get("team") or {}
    user = body.get("user") or {}
    return make_ctx(
        services,
        str(team.get("id") or body.get("team_id") or user.get("team_id")),
        user_id=user.get("id"),
        channel_id=channel_id,
    )


def _button_value(body: dict) -> dict:
    import json

    value = json.loads(body["actions"][0]["value"])
    return value if isinstance(value, dict) else {}


def wants_modal(body: dict) -> bool:
    """True for a `/kpi target` (or `/kpi doel`) slash command with nothing after it."""
    return body.get("command") == "/kpi" and body.get("text", "").strip().lower() in MODAL_WORDS


def open_modal_middleware(services: Services) -> Callable[..., BoltResponse | None]:
    def middleware(body: dict, client: WebClient, next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002 (Bolt's name)
        if not isinstance(body, dict) or not wants_modal(body):
            next()
            return None
        ctx = make_ctx(
            services,
            body["team_id"],
            user_id=body.get("user_id"),
            channel_id=body.get("channel_id"),
            channel_name=body.get("channel_name"),
        )
        campaigns = services.repo.list_campaigns(ctx.team_id)
        here = ctx.channel_name if any(c.slug == ctx.channel_name for c in campaigns) else None
        view = modal.new_target_view(
            ctx.locale, campaigns, channel_id=ctx.channel_id, today=ctx.today, preselect=here
        )
        client.views_open(trigger_id=body["trigger_id"], view=view)
        return BoltResponse(status=200, body="")

    return middleware


def _update_message(client: WebClient, body: dict, line: str) -> None:
    container = body.get("container") or {}
    message = body.get("message") or {}
    client.chat_update(
        channel=str(container.get("channel_id")),
        ts=str(container.get("message_ts")),
        text=message.get("text") or mrkdwn(line),
        blocks=alert_blocks.with_status(message.get("blocks") or [], line),
    )


def on_alert_button(services: Services, body: dict, client: WebClient) -> None:
    """Acknowledge: records who and shows it on the message. Snooze: no alerts for this
    target for 1 or 7 days, shown on the message."""
    ctx = _ctx(services, body)
    action = body["actions"][0]["action_id"]
    value = _button_value(body)
    repo = targets_repo(services)
    user = ctx.user_id or "?"
    if action == alert_blocks.ACK:
        if repo.acknowledge(ctx.team_id, int(value["t"]), user) is None:
            return
        line = alert_blocks.acknowledged_line(user, ctx.locale)
    else:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=int(value.get("d", 1)))
        if repo.snooze(ctx.team_id, int(value["t"]), until) is None:
            return
        local = until.astimezone(ZoneInfo(ctx.timezone)).date()
        line = alert_blocks.snoozed_line(user, local, ctx.locale)
    _update_message(client, body, line)


def on_edit_button(services: Services, body: dict, client: WebClient) -> None:
    ctx = _ctx(services, body)
    target = targets_repo(services).get_target(ctx.team_id, int(_button_value(body)["t"]))
    if target is None:
        return
    view = modal.edit_target_view(ctx.locale, target, ctx.today)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _errors(field: str, text: str) -> dict:
    return {"response_action": "errors", "errors": {field: plain(text.replace("`", ""))[:300]}}


def on_new_submitted(services: Services, ack: Ack, body: dict, client: WebClient) -> None:
    """The "Set a target" form: the same checks as the command; a refusal shows next to the
    field it is about and stores nothing; on success the SMART reply goes to the author."""
    view = body["view"]
    channel = modal.metadata(view).get("c")
    ctx = _ctx(services, body, channel)
    try:
        reply = create_target(services, ctx, modal.target_args(modal.submitted(view)))
    except UserError as exc:
        ack(**_errors(modal.field_of(exc.key), ctx.t(exc.key, **exc.args_)))
        return
    except TargetRefused as refusal:
        letter, line = refusal.refused[0]
        ack(**_errors(modal.FIELD_OF_LETTER.get(letter, "value"), render([section(line)])))
        return
    ack()
    _tell_author(client, ctx, reply.text, reply.blocks)


def on_edit_submitted(services: Services, ack: Ack, body: dict, client: WebClient) -> None:
    """The "Edit target #n" form: a new value, deadline or window; checked again at once."""
    view = body["view"]
    meta = modal.metadata(view)
    ctx = _ctx(services, body, meta.get("c"))
    repo = targets_repo(services)
    target = repo.get_target(ctx.team_id, int(meta.get("t", 0)))
    if target is None:
        ack(**_errors("value", ctx.t("targets.not_found", id=meta.get("t", "?"))))
        return
    values = modal.submitted(view)
    kpi = lookup(target.kpi)
    try:
        value = parse_target_value(values.get("value", ""), kpi, ctx.locale)
        deadline = parse_deadline(values.get("deadline", ""))
        window = parse_window(values.get("window") or "7")
    except TargetValueError as exc:
        ack(**_errors("value", ctx.t(exc.key, **exc.params)))
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


def _tell_author(client: WebClient, ctx: Ctx, text: str, blocks: list[dict] | None) -> None:
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
    app.middleware(open_modal_middleware(services))

    @app.action(_ALERT_BUTTON)
    def alert_button(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        on_alert_button(services, body, client)

    @app.action(alert_blocks.EDIT)
    def edit_button(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        on_edit_button(services, body, client)

    @app.view(modal.NEW_CALLBACK)
    def new_submitted(ack: Ack, body: dict, client: WebClient) -> None:
        on_new_submitted(services, ack, body, client)

    @app.view(modal.EDIT_CALLBACK)
    def edit_submitted(ack: Ack, body: dict, client: WebClient) -> None:
        on_edit_submitted(services, ack, body, client)
