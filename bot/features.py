"""Importing this module wires the optional features (alerts, digests, campaign management)
into the CLI, the listeners, the `/kpi` sub-commands and the scheduler."""

from __future__ import annotations

import bot.alerts.register  # noqa: F401  (targets, alerts, their checks and buttons)
import bot.campaigns.register  # noqa: F401  (/kpi campaign rename|merge|archive|delete|…)
import bot.digests.register  # noqa: F401  (weekly digests: /kpi digest, the tick, the CLI)
from bot import cli, demo

cli.EXTRA_COMMANDS.append(demo.add_command)
