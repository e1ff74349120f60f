"""The self-monitoring feature: the data-gap check every KPIBOT_ALERT_INTERVAL minutes (each
late campaign told once to the channels of its targets) and `kpibot gaps check`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.feature import Feature, Job
from bot.selfmon.check import check_gaps, check_quietly
from bot.selfmon.gaps import campaign_gaps
from bot.selfmon.lines import gap_line
from bot.services import Services
from bot.terminal import open_services, resolve_team

JOB_ID = "kpibot-gaps-check"


def jobs(services: Services) -> Sequence[Job]:
    minutes = services.settings.alert_interval_minutes
    return [Job(JOB_ID, lambda: check_quietly(services), minutes)]


def cmd_gaps(args: argparse.Namespace) -> int:
    """`kpibot gaps [--team T] [--post]`: the late campaigns (and, with --post, tell them)."""
    services = open_services(args)
    teams = (
        [resolve_team(services, args.team)]
        if args.team
        else [w.team_id for w in services.repo.list_workspaces()]
    )
    for team in teams:
        ws = services.repo.ensure_workspace(team)
        today = services.settings.today_in(ws.timezone)
        for gap in campaign_gaps(services, team, today):
            sys.stdout.write(
                gap_line(gap, ws.timezone, args.locale or ws.locale, this_year=today.year) + "\n"
            )
    if args.post:
        report = check_gaps(services, args.team and resolve_team(services, args.team))
        sys.stdout.write(f"told: {report.posted}, failed: {len(report.failed)}\n")
        return 1 if report.failed else 0
    return 0


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("gaps", help="running campaigns whose data stopped coming")
    parser.add_argument("--team", help="only this Slack workspace ID")
    parser.add_argument("--locale", choices=("en", "nl"), help="the language of the lines")
    parser.add_argument(
        "--post", action="store_true", help="tell the channels of their targets (once per gap)"
    )
    parser.set_defaults(func=cmd_gaps)


FEATURE = Feature(name="selfmon", cli=add_cli, jobs=jobs)
