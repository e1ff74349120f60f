"""`/kpi`: acknowledged at once (Slack allows 3 seconds), answered through response_url.

Bolt acks a command from one of its listener threads; if those threads also computed the
answers, a burst of slow questions (`roi all` over millions of rows) would hold every later
command's ack until Slack's 3 seconds ran out. So the listener only records the command
(one INSERT: a replica that dies leaves it to another, bot.answer_queue) and acks; the
answer threads answer it. When this replica already holds as many commands as
KPIBOT_ANSWER_QUEUE, the ack itself says "busy, try again in a minute" instead."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot import responder
from bot.answer_queue import AnswerQueue
from bot.blocks.common import section
from bot.context import Reply
from bot.dispatch import answer, make_ctx
from bot.listeners.errors import crash_message
from bot.services import Services
from bot.texts import t
from storage.answers import Command
from storage.rows import utcnow

log = logging.getLogger(__name__)


def command_of(body: dict[str, Any], locale: str | None) -> Command | None:
    """The command of a signed slash-command body; None without a workspace or a
    response_url to answer at."""
    team, url = body.get("team_id"), body.get("response_url")
    if not isinstance(team, str) or not team or not isinstance(url, str) or not url:
        return None

    def text(key: str) -> str | None:
        value = body.get(key)
        return value if isinstance(value, str) else None

    return Command(
        team_id=team,
        team_name=text("team_domain"),
        channel_id=text("channel_id"),
        channel_name=text("channel_name"),
        user_id=text("user_id"),
        text=text("text") or "",
        response_url=url,
        locale=locale,
        received_at=utcnow(),
    )


def reply_to(services: Services, queue: AnswerQueue, command: Command) -> dict[str, Any]:
    """The message answering `command` (a crash is answered plainly, and logged)."""
    try:
        ctx = make_ctx(
            services,
            command.team_id,
            user_id=command.user_id,
            channel_id=command.channel_id,
            channel_name=command.channel_name,
            team_name=command.team_name,
        )
        queue.remember_locale(command.team_id, ctx.locale)
        return responder.message(answer(services, ctx, command.text))
    except Exception as error:  # outside Bolt, so its error handler is not called
        return crash_message(services, error, command.team_id, command.locale)


def busy(services: Services, queue: AnswerQueue, team_id: str) -> Reply:
    """ "Busy, try again in a minute" in the workspace's language (one read by key)."""
    try:
        found = services.repo.get_workspace(team_id)
        locale = found.locale if found is not None else queue.locale_of(team_id)
    except Exception:  # the database may be what is overloaded
        log.warning("the workspace's language for the busy reply", exc_info=True)
        locale = queue.locale_of(team_id)
    text = t("error.busy", locale or "en")
    return Reply([section(text)], text, ok=False)


def register(app: App, services: Services) -> None:
    queue = services.answers
    queue.answer_with(lambda command: reply_to(services, queue, command), responder.send)

    @app.command("/kpi")
    def on_kpi(ack: Ack, body: dict[str, Any]) -> None:
        team = body.get("team_id")
        command = command_of(body, queue.locale_of(team) if isinstance(team, str) else None)
        if command is None:
            log.warning("a /kpi command without a workspace or response_url was ignored")
            ack()
        elif queue.offer(command):
            ack()
        else:
            log.warning("answer queue full (%d): /kpi answered busy", queue.bound)
            reply = busy(services, queue, command.team_id)
            ack(text=reply.text, blocks=reply.blocks, response_type="ephemeral")
