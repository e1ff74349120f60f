"""The competitors feature: `/kpi competitor add|remove`, `/kpi competitors`, the Remove
button, `kpibot import-competitors`, and (read by queries and digests) `/kpi compare me
<competitor>` and the digest's "you vs competitors"."""

from __future__ import annotations

from bot.competitors import actions, importing
from bot.competitors.commands import competitor_command, competitors_command
from bot.feature import Feature

FEATURE = Feature(
    name="competitors",
    keywords={
        "competitor": "competitor",
        "concurrent": "competitor",
        "competitors": "competitors",
        "concurrenten": "competitors",
    },
    commands={"competitor": competitor_command, "competitors": competitors_command},
    read_only=frozenset({"competitors"}),
    cli=importing.add_cli,
    listeners=actions.register,
)
