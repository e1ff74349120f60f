"""The `kpibot` console script: the core sub-commands (serve, ask, db, check-config) plus
those the features declare (import, alerts, digest, demo)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace

from bot.channels import channel_named
from bot.errors import CliError, ConfigError, StartupError
from bot.feature import Feature, Features
from bot.features import FEATURES
from bot.settings import Settings
from bot.terminal import open_services, out, resolve_team
from kpi.i18n import LOCALES

log = logging.getLogger("kpibot")


def cmd_check_config(args: argparse.Namespace) -> int:
    _check_config(args.settings)
    out("Configuration complete.")
    return 0


def _check_config(settings: Settings) -> None:
    missing = settings.missing_for_serve()
    if missing:
        lines = ["kpibot cannot talk to Slack yet. Put these in .env (see .env.example):"]
        lines += [f"  - {m}" for m in missing]
        lines.append(
            "Create the app first: README.md → 'Create the Slack app' (paste manifest.yml)."
        )
        raise CliError("\n".join(lines))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    open_services(args)
    out(f"Database is up to date ({_safe_url(args.settings.database_url)}).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.app import build_app
    from bot.server import serve_http, serve_socket_mode, start_scheduler
    from bot.startup import default_manifests, manifest_socket_mode, mode_mismatch, reach_slack
    from kpi.unusual import warm_up

    settings: Settings = args.settings
    _check_config(settings)
    socket_mode = bool(settings.app_token) and not args.http
    port = args.port or settings.port
    mismatch = mode_mismatch(
        socket_mode, manifest_socket_mode(default_manifests()), port, forced_http=args.http
    )
    if mismatch:
        log.warning("%s", mismatch)
    team = reach_slack(settings)
    services = open_services(args)
    if settings.oauth:
        log.info(
            "Slack reached; installing in many workspaces: /slack/install, tokens in the "
            "database (%s installed)",
            len(services.clients.installs.installed_teams()),
        )
    else:
        log.info(
            "Slack reached: workspace %s (%s)", team.get("team", "?"), team.get("team_id", "?")
        )
        if team.get("team_id"):  # the token works, so the app is installed there (again)
            services.clients.installs.mark_installed(str(team["team_id"]), team.get("team"))
    app = build_app(services)
    # commands acked here are answered here; those a dead replica left, by this one
    services.answers.start()
    # The unusual check's statsmodels takes seconds to import: not in the first reply.
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    scheduler = start_scheduler(services) if not args.no_scheduler else None
    try:
        if socket_mode and settings.app_token:
            serve_socket_mode(app, settings.app_token)
        else:
            serve_http(app, services, args.host, port)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.dispatch import answer, make_ctx
    from bot.render_text import render

    services = open_services(args)
    team = resolve_team(services, args.team)
    # An ID, or a name looked up in Slack, is where targets and digests post; a name Slack
    # does not know still picks the campaign of that name, and the reason is said.
    channel = channel_named(services.clients.client_or_none(team), args.channel)
    if channel.problem:
        sys.stderr.write(
            f"kpibot: channel #{channel.name} not found: {channel.problem}. Targets and "
            "digests need a channel to post in: --channel C0123ABCD (its ID: channel details "
            "→ About) or the name of a public channel.\n"
        )
    ctx = make_ctx(services, team, channel_name=channel.name, channel_id=channel.id, user_id="cli")
    if args.locale:
        # the reply in this language, as a Slack user with that locale would read it; the
        # workspace's language setting is left as it is
        ctx = replace(ctx, locale=args.locale)
    reply = answer(services, ctx, args.text)
    out(render(reply.blocks))
    return 0 if reply.ok else 1


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser(features: Sequence[Feature] = FEATURES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kpibot", description="Campaign KPIs in Slack.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the Slack app (Socket Mode or HTTP) and the scheduler")
    p.add_argument("--http", action="store_true", help="HTTP even when SLACK_APP_TOKEN is set")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=None, help="HTTP port (default $PORT or 3000)")
    p.add_argument(
        "--no-scheduler", action="store_true", help="no alerts or digests from this process"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("ask", help='answer a /kpi command in the terminal, e.g. "roi campaign-x"')
    p.add_argument("text")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument(
        "--channel",
        help="the channel the command is typed in: its ID (C0123ABCD) or name (#marketing, "
        "looked up in Slack's public channels). Targets and digests post there; a channel "
        "named after a campaign lets the command leave the campaign out",
    )
    p.add_argument(
        "--locale",
        choices=sorted(LOCALES),
        help="answer in this language (default: the workspace's language setting)",
    )
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    dbsub.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)

    p = sub.add_parser("check-config", help="say what must still be set to talk to Slack")
    p.set_defaults(func=cmd_check_config)

    Features(features).install_cli(sub)
    return parser


def main(argv: Sequence[str] | None = None, features: Sequence[Feature] = FEATURES) -> int:
    parser = build_parser(features)
    args = parser.parse_args(argv)
    args.features = features
    try:
        args.settings = Settings.from_env()
        logging.basicConfig(
            level=args.settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        # one line per event: our own start-up lines say what these libraries repeat
        for noisy in ("alembic", "apscheduler", "waitress"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        return int(args.func(args) or 0)
    except (CliError, ConfigError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except StartupError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
