"""The `kpibot` console script."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from bot.settings import ConfigError, Settings

#: Feature modules add sub-commands: fn(subparsers) registering parsers with `func=`.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


class CliError(Exception):
    """A message for the terminal user; printed without a traceback, exit code 2."""


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _services(args: argparse.Namespace, *, migrate: bool = True):  # type: ignore[no-untyped-def]
    from bot.services import Services

    return Services.open(args.settings, run_migrations=migrate)


def resolve_team(services, team: str | None) -> str:  # type: ignore[no-untyped-def]
    """--team, or the only workspace the database knows, or the bot token's workspace."""
    if team:
        return team
    known = services.repo.list_workspaces()
    if len(known) == 1:
        return known[0].team_id
    if len(known) > 1:
        names = ", ".join(f"{w.team_id} ({w.name or '?'})" for w in known)
        raise CliError(f"This database holds several workspaces: {names}. Pick one with --team.")
    if services.settings.bot_token:
        from bot.slack_client import make_client

        info = make_client(services.settings.bot_token, services.settings.api_url).auth_test()
        return str(info["team_id"])
    raise CliError(
        "No workspace yet: pass --team T0123ABCD (your Slack workspace ID — in Slack, click the "
        "workspace name; the ID is in the browser's address bar), or set SLACK_BOT_TOKEN."
    )


def cmd_check_config(args: argparse.Namespace) -> int:
    settings: Settings = args.settings
    missing = settings.missing_for_serve()
    if missing:
        lines = ["kpibot cannot talk to Slack yet. Put these in .env (see .env.example):"]
        lines += [f"  - {m}" for m in missing]
        lines.append(
            "Create the app first: README.md → 'Create the Slack app' (paste manifest.yml)."
        )
        raise CliError("\n".join(lines))
    _out("Configuration complete.")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    _services(args)
    _out(f"Database is up to date ({_safe_url(args.settings.database_url)}).")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.app import build_app
    from bot.server import serve_http, serve_socket_mode, start_scheduler

    settings: Settings = args.settings
    cmd_check_config(args)
    services = _services(args)
    app = build_app(services)
    scheduler = start_scheduler(services) if not args.no_scheduler else None
    try:
        if settings.app_token and not args.http:
            serve_socket_mode(app, settings.app_token)
        else:
            serve_http(app, services, args.host, args.port or settings.port)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.dispatch import answer, make_ctx
    from bot.render_text import render

    services = _services(args)
    team = resolve_team(services, args.team)
    ctx = make_ctx(services, team, channel_name=args.channel, user_id="cli")
    reply = answer(services, ctx, args.text)
    _out(render(reply.blocks))
    return 0 if reply.ok else 1


def cmd_import(args: argparse.Namespace) -> int:
    from bot.importing import import_file

    services = _services(args)
    team = resolve_team(services, args.team)
    return import_file(services, team, args)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
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

    p = sub.add_parser("import", help="import a CSV export of campaign numbers")
    p.add_argument("file")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument(
        "--format", help="meta, linkedin, google_ads, ga4 or canonical (default: detect)"
    )
    p.add_argument("--aliases", help="TOML file with your own header names")
    p.add_argument("--platform", help="platform for files without a platform column")
    p.add_argument("--dry-run", action="store_true", help="show the report, write nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("ask", help='answer a /kpi command in the terminal, e.g. "roi campaign-x"')
    p.add_argument("text")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument("--channel", help="channel name, for commands that leave the campaign out")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    dbsub.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)

    p = sub.add_parser("check-config", help="say what must still be set to talk to Slack")
    p.set_defaults(func=cmd_check_config)

    for extra in EXTRA_COMMANDS:
        extra(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import bot.features  # noqa: F401  (registers feature commands, listeners and jobs)

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = Settings.from_env()
        logging.basicConfig(
            level=args.settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
        return int(args.func(args) or 0)
    except (CliError, ConfigError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
