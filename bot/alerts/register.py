"""Wires the alerts feature in (imported by bot.features): the `/kpi target`, `targets` and
`alerts` sub-commands, the Slack listeners, the scheduled check every KPIBOT_ALERT_INTERVAL
minutes, a check after every import and `/kpi log`, and `kpibot alerts check`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from slack_bolt import App

from bot import cli, importing, listeners, server
from bot.alerts import actions
from bot.alerts.checker import NoBotToken, check_quietly, check_targets
from bot.alerts.commands import alerts_command, target_command, targets_command
from bot.commands import entry
from bot.context import Ctx
from bot.dispatch import SUB_COMMANDS
from bot.services import Services
from kpi.i18n import t

JOB_ID = "kpibot-alerts-check"


def scheduled(services: Services) -> list[tuple[str, Callable[[], None], float]]:
    """The check every KPIBOT_ALERT_INTERVAL minutes (default 15)."""
    minutes = max(services.settings.alert_interval_minutes, 1)
    return [(JOB_ID, lambda: check_quietly(services), minutes)]


def after_import(services: Services, team_id: str) -> None:
    check_quietly(services, team_id)


def register_listeners(app: App, services: Services) -> None:
    actions.register(app, services)
    # `/kpi log` runs inside this process: bind its hook to these services (once).
    entry.AFTER_LOG[:] = [h for h in entry.AFTER_LOG if not getattr(h, "kpibot_alerts", False)]

    def after_log(ctx: Ctx, slug: str) -> None:
        check_quietly(services, ctx.team_id)

    after_log.kpibot_alerts = True  # type: ignore[attr-defined]
    entry.AFTER_LOG.append(after_log)


def cmd_alerts_check(args: argparse.Namespace) -> int:
    """`kpibot alerts check [--team T]`: one check now; prints what it did."""
    from bot.services import Services

    services = Services.open(args.settings)
    team = cli.resolve_team(services, args.team) if args.team else None
    try:
        report = check_targets(services, team)
    except NoBotToken as exc:
        raise cli.CliError(f"{exc} Put it in .env (see README: 'Create the Slack app').") from exc
    sys.stdout.write(
        t("alerts.check.done", "en", count=report.checked, alerts=report.posted) + "\n"
    )
    if report.failed:
        sys.stdout.write(f"Not checked or not posted: {', '.join(report.failed)}\n")
    return 1 if report.failed else 0


def add_cli(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("alerts", help="SMART target alerts")
    alerts_sub = parser.add_subparsers(dest="alerts_command", required=True)
    check = alerts_sub.add_parser("check", help="check every target now and post the alerts")
    check.add_argument("--team", help="only this Slack workspace ID")
    check.set_defaults(func=cmd_alerts_check)


def install() -> None:
    """Register everything; safe to call more than once."""
    SUB_COMMANDS.update(
        {"target": target_command, "targets": targets_command, "alerts": alerts_command}
    )
    for hooks, fn in (
        (listeners.EXTRA, register_listeners),
        (server.SCHEDULED, scheduled),
        (importing.AFTER_IMPORT, after_import),
        (cli.EXTRA_COMMANDS, add_cli),
    ):
        if fn not in hooks:
            hooks.append(fn)  # type: ignore[arg-type]


install()
