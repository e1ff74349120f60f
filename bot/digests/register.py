"""Wires the digests feature in (imported by bot.features): the `/kpi digest` sub-command,
the tick every minute in `kpibot serve`, and `kpibot digest run-due|send`."""

from __future__ import annotations

from collections.abc import Callable

from bot import cli, server
from bot.digests.cli import add_cli
from bot.digests.commands import digest_command
from bot.digests.scheduler import JOB_ID, tick_quietly
from bot.dispatch import SUB_COMMANDS
from bot.services import Services


def scheduled(services: Services) -> list[tuple[str, Callable[[], None], float]]:
    """The digest tick, every minute (what is due comes from the database, not the job)."""
    return [(JOB_ID, lambda: tick_quietly(services), 1)]


def install() -> None:
    """Register everything; safe to call more than once."""
    SUB_COMMANDS["digest"] = digest_command
    for hooks, fn in ((server.SCHEDULED, scheduled), (cli.EXTRA_COMMANDS, add_cli)):
        if fn not in hooks:
            hooks.append(fn)  # type: ignore[arg-type]


install()
