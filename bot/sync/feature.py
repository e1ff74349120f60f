"""The sync feature: `/kpi connect|connections|disconnect|sync` (and their Dutch words),
the connect form, `kpibot connect|connections|disconnect|sync`, and the job that syncs
every connection whose daily run has come (each at KPIBOT_SYNC_HOUR in its account's time
zone plus its own jitter; the lease keeps two replicas from syncing one connection), each
telling its channel in one message updated as it goes; and the hourly check that warns a
channel seven days before its connection's token expires (once per token)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.feature import Feature, Job
from bot.services import Services
from bot.sync import actions
from bot.sync.cli import add_cli
from bot.sync.commands import (
    connect_command,
    connections_command,
    disconnect_command,
    sync_command,
)
from bot.sync.expiry import warn_expiring
from bot.sync.progress import sync_and_tell
from storage.rows import utcnow

log = logging.getLogger(__name__)
JOB_ID = "kpibot-sync-due"
TICK_MINUTES = 5.0
#: The token-expiry check (bot.sync.expiry): every hour, each token warned about once.
EXPIRY_JOB_ID = "kpibot-token-expiry"
EXPIRY_MINUTES = 60.0


def run_due(services: Services) -> int:
    """Sync every connection that is due; the number synced. A workspace where kpibot was
    uninstalled (app_uninstalled, tokens_revoked) syncs nothing until it is installed again."""
    done = 0
    for conn in services.connections.due(utcnow()):
        if services.clients.installs.is_uninstalled(conn.team_id):
            continue
        try:
            report = sync_and_tell(services, conn)
        except Exception:  # one connection's bug must not stop the others
            log.exception("sync of connection %s failed", conn.id)
            continue
        done += report.ok
    return done


def jobs(services: Services) -> Sequence[Job]:
    def tick() -> None:
        run_due(services)

    def expiry_tick() -> None:
        warn_expiring(services)

    return [Job(JOB_ID, tick, TICK_MINUTES), Job(EXPIRY_JOB_ID, expiry_tick, EXPIRY_MINUTES)]


FEATURE = Feature(
    name="sync",
    keywords={
        "connect": "connect",
        "koppel": "connect",
        "connections": "connections",
        "koppelingen": "connections",
        "disconnect": "disconnect",
        "ontkoppel": "disconnect",
        "sync": "sync",
        "synchroniseer": "sync",
    },
    commands={
        "connect": connect_command,
        "connections": connections_command,
        "disconnect": disconnect_command,
        "sync": sync_command,
    },
    read_only=frozenset({"connections", "connect"}),
    cli=add_cli,
    listeners=actions.register,
    jobs=jobs,
)
