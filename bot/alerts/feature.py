"""The alerts feature: the `/kpi target`, `targets` and `alerts` sub-commands, the Slack
listeners (buttons, modals), the check every KPIBOT_ALERT_INTERVAL minutes, a check after
every import and `/kpi log`, and `kpibot alerts check`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.alerts import actions
from bot.alerts.checker import check_quietly, check_targets
from bot.alerts.commands import alerts_command, target_command, targets_command
from bot.context import Ctx
from bot.errors import CliError, NoBotToken
from bot.feature import Feature, Job
from bot.services import Services
from bot.terminal import open_services, resolve_team
from bot.texts import t

JOB_ID = "kpibot-alerts-check"


def jobs(services: Services) -> Sequence[Job]:
    """The check every KPIBOT_ALERT_INTERVAL minutes (default 15)."""
    minutes = services.settings.alert_interval_minutes
    return [Job(JOB_ID, lambda: check_quietly(services), minutes)]


def after_import(services: Services, team_id: str) -> None:
    check_quietly(services, team_id)


def after_log(services: Services, ctx: Ctx, slug: str) -> None:
    check_quietly(services, ctx.team_id)


def cmd_alerts_check(args: argparse.Namespace) -> int:
    """`kpibot alerts check [--team T]`: one check now; prints what it did."""
    services = open_services(args)
    team = resolve_team(services, args.team) if args.team else None
    try:
        report = check_targets(services, team)
    except NoBotToken as exc:
        raise CliError(f"{exc} Put it in .env (see README: 'Create the Slack app').") from exc
    sys.stdout.write(
        t("alerts.check.done", "en", count=report.checked, alerts=report.posted) + "\n"
    )
    if report.failed:
        sys.stdout.write(f"Not checked or not posted: {', '.join(report.failed)}\n")
    return 1 if report.failed else 0


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("alerts", help="SMART target alerts")
    alerts_sub = parser.add_subparsers(dest="alerts_command", required=True)
    check = alerts_sub.add_parser("check", help="check every target now and post the alerts")
    check.add_argument("--team", help="only this Slack workspace ID")
    check.set_defaults(func=cmd_alerts_check)


FEATURE = Feature(
    name="alerts",
    keywords={
        "target": "target",
        "doel": "target",
        "targets": "targets",
        "doelen": "targets",
        "alerts": "alerts",
        "meldingen": "alerts",
    },
    commands={"target": target_command, "targets": targets_command, "alerts": alerts_command},
    read_only=frozenset({"targets", "alerts"}),
    cli=add_cli,
    listeners=actions.register,
    jobs=jobs,
    after_import=after_import,
    after_log=after_log,
)
