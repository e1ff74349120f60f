"""Tokens with a known expiry: what the platform says when a connection is made and at
each sync (Meta's `debug_token`; Google Ads and GA4 have no fixed expiry, and LinkedIn's
is not told to kpibot, see storage.sync.*.token_expiry), and the daily check that warns
the connection's channel WARN_DAYS days ahead — once per token, in the workspace's
language, naming the platform, the account, the day and what to do. Connecting again with
a new token clears the warning; a token already expired is the sync's to report (it stops
the connection and says what to do)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from bot.blocks.common import section
from bot.blocks.mrkdwn import mrkdwn
from bot.services import Services
from bot.sync.sources import PLATFORMS
from bot.texts import t
from kpi.formatting import fmt_date
from storage.connections import ConnectionRec
from storage.errors import PlatformError
from storage.sync.source import Source

log = logging.getLogger(__name__)
#: Days ahead of a token's expiry that its channel is told.
WARN_DAYS = 7


def told_expiry(source: Source) -> tuple[bool, dt.datetime | None]:
    """(asked, expiry): asked is False when the platform could not be asked (the expiry
    stored before stays); expiry None means the token does not expire."""
    try:
        return True, source.token_expiry()
    except PlatformError as exc:
        log.warning("could not ask %s when its token expires: %s", source.platform, exc.key)
        return False, None


def days_left(expires_at: dt.datetime, today: dt.date, zone: str) -> int:
    """Whole days from `today` to the day the token expires, in the workspace's time zone."""
    return (expires_at.astimezone(ZoneInfo(zone)).date() - today).days


def expiry_label(conn: ConnectionRec, zone: str, locale: str) -> str | None:
    """ "token expires 12 Dec 2026" for the connection list, when the expiry is known."""
    if conn.token_expires_at is None:
        return None
    day = conn.token_expires_at.astimezone(ZoneInfo(zone)).date()
    return t("sync.expiry.listed", locale, date=fmt_date(day, locale))


def warning_text(conn: ConnectionRec, left: int, zone: str, locale: str) -> str:
    assert conn.token_expires_at is not None
    day = conn.token_expires_at.astimezone(ZoneInfo(zone)).date()
    spec = PLATFORMS.get(conn.platform)
    when = t(f"sync.expiry.in.{'zero' if left == 0 else 'one' if left == 1 else 'other'}",
             locale, days=left)  # fmt: skip
    return t(
        "sync.expiry.warning", locale, platform=spec.label if spec else conn.platform,
        name=conn.account_name or conn.account_id, account=conn.account_id,
        date=fmt_date(day, locale), when=when,
        fix=t(f"sync.expiry.fix.{conn.platform.replace('-', '_')}", locale,
              account=conn.account_id),
    )  # fmt: skip


def warn_expiring(services: Services) -> int:
    """The daily check: each connection whose token expires within WARN_DAYS days (in its
    workspace's calendar, KPIBOT_TODAY honoured) and was not warned about this token gets
    one message in its channel; the claim in the database makes it one across replicas.
    The number of warnings posted."""
    horizon = dt.datetime.combine(
        services.settings.today_in("UTC") + dt.timedelta(days=WARN_DAYS + 2), dt.time(), dt.UTC
    )
    posted = 0
    for conn in services.connections.expiring(horizon):
        if conn.token_expires_at is None or services.clients.installs.is_uninstalled(conn.team_id):
            continue
        workspace = services.repo.ensure_workspace(conn.team_id)
        left = days_left(conn.token_expires_at, services.settings.today_in(workspace.timezone),
                         workspace.timezone)  # fmt: skip
        if not 0 <= left <= WARN_DAYS:
            continue  # further off, or expired already (the sync says so when it fails)
        client = services.clients.client_or_none(conn.team_id)
        if client is None or not conn.channel_id:
            log.warning("token of connection %s expires in %s days; no channel to tell",
                        conn.id, left)  # fmt: skip
            continue
        if not services.connections.claim_warning(conn.id, conn.token_expires_at):
            continue  # another replica (or tick) warned
        text = warning_text(conn, left, workspace.timezone, workspace.locale)
        try:
            client.chat_postMessage(channel=conn.channel_id, text=mrkdwn(text),
                                    blocks=[section(text)])  # fmt: skip
        except Exception:  # claimed: not retried, so a channel gone is not told every hour
            log.warning("could not post the token warning of connection %s", conn.id)
            continue
        posted += 1
    return posted
