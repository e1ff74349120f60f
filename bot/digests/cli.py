"""`kpibot digest run-due [--at ISO-TIME]` and `kpibot digest send --channel C [--team T]`."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from bot.digests.data import build
from bot.digests.scheduler import run_due
from bot.digests.sender import make_poster, send
from bot.errors import ChannelGone, CliError, NoBotToken
from bot.posting import Poster
from bot.services import Services
from bot.terminal import open_services, resolve_team
from bot.texts import t
from kpi.formatting import fmt_date_range
from kpi.periods import last_complete_week
from storage.digests.deliveries import LEASE

log = logging.getLogger(__name__)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _at(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise CliError(
            f"--at must be a time like 2026-11-30T09:05 (read in each subscription's time "
            f"zone) or 2026-11-30T08:05+00:00, got {text!r}."
        ) from exc


def _poster(services: Services, team_id: str) -> Poster:
    try:
        return make_poster(services, team_id)
    except NoBotToken as exc:
        raise CliError(f"{exc} Put it in .env (see README: 'Create the Slack app').") from exc


def _can_post(services: Services) -> None:
    settings = services.settings
    if not settings.bot_token and not settings.oauth:
        raise CliError(
            "SLACK_BOT_TOKEN is not set, so digests cannot be posted. Put it in .env "
            "(see README: 'Create the Slack app')."
        )


def cmd_run_due(args: argparse.Namespace) -> int:
    """Send every digest due at --at (default now) that was not sent yet; prints the tally."""
    at = _at(args.at)
    services = open_services(args)
    _can_post(services)
    report = run_due(services, at)  # each workspace's digests with that workspace's token
    _out(t("digest.run_due.done", "en", due=report.due, sent=report.sent))
    if report.paused:
        _out(f"Paused (the app cannot post there): {', '.join(report.paused)}")
    if report.held:
        _out(
            f"Being posted by another run (taken over if not done within "
            f"{LEASE.seconds // 60} minutes): {', '.join(report.held)}"
        )
    if report.failed:
        _out(f"Not posted, retried on a later run: {', '.join(report.failed)}")
    if report.failed or report.paused:
        log.error("digest run-due: not posted: %s; paused: %s", report.failed, report.paused)
    return 1 if report.failed or report.paused else 0


def cmd_send(args: argparse.Namespace) -> int:
    """Send the channel's digest of the last complete week now, whatever was sent before
    (the claim is neither asked nor recorded). Without a subscription: every campaign, in
    the workspace's time zone."""
    services = open_services(args)
    team = resolve_team(services, args.team)
    sub = services.digests.get_subscription(team, args.channel)
    tz = sub.timezone if sub else services.repo.ensure_workspace(team).timezone
    week = last_complete_week(services.settings.today_in(tz))
    built = build(
        services,
        team,
        sub.campaigns if sub else None,
        week,
        competitors=sub.competitors if sub else False,
    )
    try:
        sent = send(_poster(services, team), args.channel, built)
    except ChannelGone as exc:
        raise CliError(f"Cannot post in {args.channel}: {exc.error}.") from exc
    _out(
        f"Digest of {fmt_date_range(week.start, week.end, 'en')} posted in {args.channel} "
        f"(ts {sent.ts}) with {sent.charts} charts{'' if sent.charts_ok else ' (upload failed)'}."
    )
    return 0 if sent.charts_ok else 1


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("digest", help="weekly digests")
    digest_sub = parser.add_subparsers(dest="digest_command", required=True)
    run = digest_sub.add_parser("run-due", help="send the digests that are due and not sent yet")
    run.add_argument(
        "--at",
        help="pretend it is this time (ISO; without an offset: in each subscription's zone)",
    )
    run.set_defaults(func=cmd_run_due)
    now = digest_sub.add_parser("send", help="send a channel's digest now (ignores the claim)")
    now.add_argument("--channel", required=True, help="Slack channel ID, e.g. C0123ABCD")
    now.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    now.set_defaults(func=cmd_send)
