"""`/kpi`: acknowledged at once (Slack allows 3 seconds), answered through response_url.

Bolt acks a command from one of its listener threads; if those threads also computed the
answers, a burst of slow questions (`roi all` over millions of rows) would hold every later
command's ack until Slack's 3 seconds ran out. So the listener only acks and hands the answer
to this process's own answer threads, sized below the database pool."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App

from bot import responder
from bot.dispatch import answer, make_ctx
from bot.listeners.errors import tell_crash
from bot.services import Services

#: answers computed at once per process (the database pool holds 5 + 10 connections, and the
#: scheduler and the other listeners need some of them)
ANSWER_THREADS = 8


def register(app: App, services: Services) -> None:
    answers = ThreadPoolExecutor(max_workers=ANSWER_THREADS, thread_name_prefix="kpibot-answer")

    def work(body: dict[str, Any]) -> None:
        try:
            ctx = make_ctx(
                services,
                body["team_id"],
                user_id=body.get("user_id"),
                channel_id=body.get("channel_id"),
                channel_name=body.get("channel_name"),
                team_name=body.get("team_domain"),
            )
            reply = answer(services, ctx, body.get("text", ""))
            responder.send(body["response_url"], responder.message(reply))
        except Exception as error:  # outside Bolt, so its error handler is called here
            tell_crash(services, error, body)

    @app.command("/kpi")
    def on_kpi(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        answers.submit(work, body)
