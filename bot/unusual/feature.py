"""The unusual feature: `/kpi watch`, `unwatch` and `watches`, the watch check every
KPIBOT_ALERT_INTERVAL minutes and after every import and `/kpi log`, and `kpibot watch
check`. (The lines replies show come from bot.unusual.reply, called by the queries.)"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.context import Ctx
from bot.errors import CliError, NoBotToken
from bot.feature import Feature, Job
from bot.services import Services
from bot.terminal import open_services, resolve_team
from bot.texts import t
from bot.unusual.commands import unwatch_command, watch_command, watches_command
from bot.unusual.watch_check import check_watches

log = logging.getLogger(__name__)

JOB_ID = "kpibot-watch-check"


def check_quietly(services: Services, team_id: str | None = None) -> None:
    """A check for hooks and the scheduler: never raises; without a bot token it logs and
    does nothing (claiming a change nobody is told of would lose the alert)."""
    if not services.settings.bot_token and not services.settings.oauth:
        log.info("watch check skipped: SLACK_BOT_TOKEN is not set")
        return
    try:
        report = check_watches(services, team_id)
    except Exception:
        log.exception("watch check failed")
        return
    if report.changes or report.failed:
        log.info("watch check: %s checked, %s changes, %s posted, failed: %s",
                 report.checked, report.changes, report.posted, report.failed)  # fmt: skip


def jobs(services: Services) -> Sequence[Job]:
    minutes = services.settings.alert_interval_minutes
    return [Job(JOB_ID, lambda: check_quietly(services), minutes)]


def after_import(services: Services, team_id: str) -> None:
    check_quietly(services, team_id)


def after_log(services: Services, ctx: Ctx, slug: str) -> None:
    check_quietly(services, ctx.team_id)


def cmd_watch_check(args: argparse.Namespace) -> int:
    """`kpibot watch check [--team T]`: one check of every watch now; prints what it did."""
    services = open_services(args)
    team = resolve_team(services, args.team) if args.team else None
    try:
        report = check_watches(services, team)
    except NoBotToken as exc:
        raise CliError(f"{exc} Put it in .env (see README: 'Create the Slack app').") from exc
    sys.stdout.write(t("watch.check.done", "en", count=report.checked, alerts=report.posted) + "\n")
    if report.failed:
        sys.stdout.write(f"Not checked or not posted: {', '.join(report.failed)}\n")
    return 1 if report.failed else 0


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("watch", help="watches: alerts when a KPI is unusual")
    watch_sub = parser.add_subparsers(dest="watch_command", required=True)
    check = watch_sub.add_parser("check", help="judge every watch now and post the changes")
    check.add_argument("--team", help="only this Slack workspace ID")
    check.set_defaults(func=cmd_watch_check)


FEATURE = Feature(
    name="unusual",
    keywords={
        "watch": "watch",
        "bewaak": "watch",
        "unwatch": "unwatch",
        "stopbewaken": "unwatch",
        "watches": "watches",
        "bewakingen": "watches",
    },
    commands={"watch": watch_command, "unwatch": unwatch_command, "watches": watches_command},
    read_only=frozenset({"watches"}),
    cli=add_cli,
    jobs=jobs,
    after_import=after_import,
    after_log=after_log,
)
