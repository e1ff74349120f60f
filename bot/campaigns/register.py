"""Wires campaign management in (imported by bot.features): the `/kpi campaign` sub-command
and the buttons of its confirmations (and of `/kpi log` asking before it creates one)."""

from __future__ import annotations

from bot import listeners
from bot.campaigns import actions
from bot.campaigns.commands import campaign_command
from bot.dispatch import SUB_COMMANDS


def install() -> None:
    """Register everything; safe to call more than once."""
    SUB_COMMANDS["campaign"] = campaign_command
    if actions.register not in listeners.EXTRA:
        listeners.EXTRA.append(actions.register)


install()
