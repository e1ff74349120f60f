"""The one Slack message a sync posts in its connection's channel and updates in place
(`chat.update`): started, the days done per chunk, and how it ended — rows upserted and
what the platform restated, or the cause of a failure and its fix. A sync without a bot
token or a channel (the CLI) posts nothing; Slack failing never fails the sync."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.blocks.common import context, section
from bot.blocks.mrkdwn import mrkdwn
from bot.services import Services
from bot.sync import texts
from bot.sync.runner import Progress, SyncReport, sync_connection, window
from bot.sync.sources import source_for
from storage.connections import ConnectionRec
from storage.errors import PlatformError, VaultError
from storage.sync.source import Source

log = logging.getLogger(__name__)


class Message:
    """One message, posted once and then only updated."""

    def __init__(self, client: WebClient | None, channel: str | None) -> None:
        self.client = client if channel else None
        self.channel = channel or ""
        self.ts: str | None = None

    def show(self, lines: list[str], note: str | None = None) -> None:
        if self.client is None:
            return
        blocks: list[dict[str, Any]] = [section("\n".join(lines))]
        if note:
            blocks.append(context(note))
        text = mrkdwn(lines[0])
        try:
            if self.ts is None:
                answer = self.client.chat_postMessage(
                    channel=self.channel, text=text, blocks=blocks
                )
                self.ts = str(answer["ts"])
            else:
                self.client.chat_update(channel=self.channel, ts=self.ts, text=text, blocks=blocks)
        except Exception:  # the numbers are stored either way; say so in the log only
            log.warning("could not post the sync's progress in %s", self.channel)


def client_of(services: Services, team_id: str) -> WebClient | None:
    return services.clients.client_or_none(team_id)


def sync_and_tell(
    services: Services,
    conn: ConnectionRec,
    *,
    channel: str | None = None,
    source: Source | None = None,
) -> SyncReport:
    """Sync `conn`, telling its channel (or `channel`) as it goes, in the workspace's language."""
    locale = services.repo.ensure_workspace(conn.team_id).locale
    message = Message(client_of(services, conn.team_id), conn.channel_id or channel)
    try:
        source = source or source_for(services, conn)
        since, until = window(services, conn, source, None)
        if since <= until:
            message.show([texts.started_line(conn, since, until, locale)])
    except (PlatformError, VaultError):
        pass  # sync_connection meets the same failure and reports it

    def step(progress: Progress) -> None:
        message.show([texts.progress_line(report_so_far, progress, locale)])

    report_so_far = SyncReport(conn)
    report = sync_connection(services, conn, progress=step, source=source)
    if not report.busy:
        message.show(texts.report_lines(report, locale))
    return report


def in_background(run: Callable[[], object], name: str) -> threading.Thread:
    """A sync started from Slack runs beside the request (Slack wants an answer in 3 s)."""

    def guarded() -> None:
        try:
            run()
        except Exception:
            log.exception("a background sync failed")

    thread = threading.Thread(target=guarded, name=name, daemon=True)
    thread.start()
    return thread
