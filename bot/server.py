"""`kpibot serve`: the Bolt app behind a production WSGI server (waitress) or Socket Mode,
plus the background scheduler."""

from __future__ import annotations

import atexit
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text

from bot.http_guard import MAX_BODY, guard
from bot.services import Services
from storage.leader import Leadership

log = logging.getLogger(__name__)
SLACK_PATH = "/slack/events"


#: waitress: idle or slow clients are dropped after CHANNEL_TIMEOUT seconds; the connection
#: limit is far above what Slack needs, so idle sockets cannot starve it (one client holding
#: many is a reverse proxy's job: see README, Security).
CHANNEL_TIMEOUT = 30
CONNECTION_LIMIT = 1000


def wsgi_app(app: App, services: Services) -> Callable[..., Iterable[bytes]]:
    bolt = SlackRequestHandler(app, path=SLACK_PATH)
    slack = guard(bolt, services.settings.signing_secret)
    #: Bolt's OAuth pages (many workspaces only): a browser's GET, not signed by Slack —
    #: the install state (in the database, used up once) and its cookie guard the redirect.
    oauth_paths = (
        {app.oauth_flow.install_path, app.oauth_flow.redirect_uri_path}
        if app.oauth_flow is not None
        else set()
    )

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            try:
                with services.engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                status, body = "200 OK", {"ok": True, "database": "ok"}
            except Exception:
                log.exception("health check: database unreachable")
                status, body = "503 Service Unavailable", {"ok": False, "database": "unreachable"}
            payload = json.dumps(body).encode()
            start_response(
                status,
                [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
            )
            return [payload]
        if environ.get("PATH_INFO") in oauth_paths and environ.get("REQUEST_METHOD") == "GET":
            return bolt(environ, start_response)
        if environ.get("PATH_INFO") != SLACK_PATH:
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        return slack(environ, start_response)

    return application


def start_scheduler(services: Services) -> BackgroundScheduler:
    """APScheduler's BackgroundScheduler running the jobs of this instance's features, with an
    in-memory job store. On PostgreSQL only the replica holding the lead runs them
    (storage.leader: checked every KPIBOT_LEADER_CHECK_SECONDS, taken over within that time
    when the leader's connection ends); exactly-once delivery still comes from claims in the
    database, so an overlap of two leaders posts nothing twice."""
    scheduler = BackgroundScheduler(
        timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1}
    )
    leadership = Leadership(services.engine)
    leadership.check()
    scheduler.add_job(
        leadership.check,
        "interval",
        seconds=services.settings.leader_check_seconds,
        id="leader",
        misfire_grace_time=60,
    )
    jobs = []
    for job in services.features.jobs(services):
        scheduler.add_job(
            _when_leading(leadership, job.run),
            "interval",
            minutes=job.minutes,
            id=job.id,
            misfire_grace_time=60,
        )
        jobs.append(f"{job.id} every {job.minutes:g} min")
    scheduler.start()
    log.info("scheduler started: %s", ", ".join(jobs) or "no jobs")
    atexit.register(leadership.release)
    return scheduler


def _when_leading(leadership: Leadership, run: Callable[[], None]) -> Callable[[], None]:
    def tick() -> None:
        if leadership.held:
            run()

    return tick


def serve_http(app: App, services: Services, host: str, port: int, threads: int = 8) -> None:
    import waitress

    log.info("kpibot listening on http://%s:%s/slack/events", host, port)
    waitress.serve(
        wsgi_app(app, services),
        host=host,
        port=port,
        threads=threads,
        ident="kpibot",
        channel_timeout=CHANNEL_TIMEOUT,
        cleanup_interval=5,
        connection_limit=CONNECTION_LIMIT,
        max_request_header_size=64 * 1024,
        max_request_body_size=MAX_BODY,
        expose_tracebacks=False,
    )


def serve_socket_mode(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]  # Bolt: untyped
