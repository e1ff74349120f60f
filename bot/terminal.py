"""What every `kpibot` sub-command shares: the terminal error, opening the services of this
run, and finding the workspace a command is about."""

from __future__ import annotations

import argparse
import sys

from bot.errors import CliError
from bot.services import Services


def out(text: str) -> None:
    sys.stdout.write(text + "\n")


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> Services:
    """The services of this run, with the features `kpibot` put on `args.features`."""
    return Services.open(args.settings, args.features, run_migrations=migrate)


def resolve_team(services: Services, team: str | None) -> str:
    """--team, or the only workspace the database knows, or the bot token's workspace."""
    if team:
        return team
    known = services.repo.list_workspaces()
    if len(known) == 1:
        return known[0].team_id
    if len(known) > 1:
        names = ", ".join(f"{w.team_id} ({w.name or '?'})" for w in known)
        raise CliError(f"This database holds several workspaces: {names}. Pick one with --team.")
    if services.settings.bot_token and not services.settings.oauth:
        from bot.slack_client import make_client

        info = make_client(services.settings.bot_token, services.settings.api_url).auth_test()
        return str(info["team_id"])
    raise CliError(
        "No workspace yet: pass --team T0123ABCD (your Slack workspace ID — in Slack, click the "
        "workspace name; the ID is in the browser's address bar), or set SLACK_BOT_TOKEN."
    )
