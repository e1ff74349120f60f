"""Importing this module wires the optional features (alerts, digests, Slack file imports)
into the CLI, the listeners, the `/kpi` sub-commands and the scheduler."""

from __future__ import annotations

import bot.alerts.register  # noqa: F401  (targets, alerts, their checks and buttons)
import bot.digests.register  # noqa: F401  (weekly digests: /kpi digest, the tick, the CLI)
from bot import cli, demo

cli.EXTRA_COMMANDS.append(demo.add_command)
